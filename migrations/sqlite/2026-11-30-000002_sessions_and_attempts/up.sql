-- Sessions end server-side: every session carries the account's epoch, which sign-out, a password
-- change and disabling the account move on.
ALTER TABLE users ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0;

-- Attempt budgets (failed sign-ins per account and per address, public registrations per address),
-- shared by every instance on the database.
CREATE TABLE attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    bucket TEXT NOT NULL,
    key TEXT NOT NULL,
    at TIMESTAMP NOT NULL
);
CREATE INDEX attempts_bucket_key_at ON attempts (bucket, key, at);
CREATE INDEX attempts_at ON attempts (at);
