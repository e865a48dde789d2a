-- The mail outbox: every email is written here in the transaction of the change that causes it, already
-- rendered in the recipient's language, then sent by the background worker. A message is claimed by one
-- worker at a time (status 'sending' with a lease in claimed_until), so several instances sharing one
-- database never send it twice. dedup_key, when set, makes enqueueing idempotent (one reminder per
-- registration and session, one digest per department and day).
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    office_id INTEGER REFERENCES offices(id),
    kind TEXT NOT NULL,
    to_address TEXT NOT NULL,
    to_name TEXT NOT NULL DEFAULT '',
    reply_to TEXT NOT NULL DEFAULT '',
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    dedup_key TEXT UNIQUE,
    status TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    claimed_until TIMESTAMP,
    claim_token TEXT,
    last_error TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
CREATE INDEX outbox_office_created ON outbox(office_id, created_at);
