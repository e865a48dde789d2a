-- Privacy (Québec's Law 25): the access log, consent history, retention counts, the access-request
-- and incident registers, the privacy officer of each office, and the one-click withdrawal header
-- of the mail outbox.

-- Reads of personal information: who, when, which record (or how many, for lists and exports),
-- through which channel. Append-only: only the retention job deletes rows, once they expire.
CREATE TABLE access_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    at TIMESTAMP NOT NULL,
    record_kind TEXT NOT NULL,
    record_id INTEGER,
    channel TEXT NOT NULL,
    row_count INTEGER NOT NULL
);
CREATE INDEX access_log_office_at ON access_log(office_id, at);
CREATE INDEX access_log_record ON access_log(office_id, record_kind, record_id, at);
CREATE INDEX access_log_user ON access_log(user_id, at);

-- Consent that keeps its history: one event per decision. The current consent of a tenant for a
-- purpose (and partner) is its latest event, unless expired. These events are the source of truth;
-- tenants.consent_*_at/by are kept as a mirror of the contact channels (written with each event)
-- for the code that still reads them.
CREATE TABLE consent_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    tenant_id INTEGER NOT NULL REFERENCES tenants(id),
    purpose TEXT NOT NULL,
    partner TEXT NOT NULL DEFAULT '',
    decision TEXT NOT NULL,
    at TIMESTAMP NOT NULL,
    recorded_by INTEGER REFERENCES users(id),
    by_tenant BOOLEAN NOT NULL DEFAULT 0,
    how TEXT NOT NULL,
    expires_on DATE,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX consent_events_tenant ON consent_events(tenant_id, purpose, partner, at);

-- The consents recorded before the history existed become its first events ("given", through the
-- tenant form, when and by whom the registry says).
INSERT INTO consent_events (office_id, tenant_id, purpose, partner, decision, at, recorded_by, by_tenant, how, note)
SELECT office_id, id, 'contact_email', '', 'given', consent_email_at, consent_email_by, 0, 'form', ''
FROM tenants WHERE consent_email_at IS NOT NULL;
INSERT INTO consent_events (office_id, tenant_id, purpose, partner, decision, at, recorded_by, by_tenant, how, note)
SELECT office_id, id, 'contact_phone', '', 'given', consent_phone_at, consent_phone_by, 0, 'form', ''
FROM tenants WHERE consent_phone_at IS NOT NULL;
INSERT INTO consent_events (office_id, tenant_id, purpose, partner, decision, at, recorded_by, by_tenant, how, note)
SELECT office_id, id, 'contact_sms', '', 'given', consent_sms_at, consent_sms_by, 0, 'form', ''
FROM tenants WHERE consent_sms_at IS NOT NULL;

-- What each retention run destroyed or anonymised, per office and kind: anonymous counts kept for
-- reporting once the records themselves are gone.
CREATE TABLE retention_counts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    kind TEXT NOT NULL,
    ran_at TIMESTAMP NOT NULL,
    records INTEGER NOT NULL
);
CREATE INDEX retention_counts_office ON retention_counts(office_id, kind, ran_at);

-- Requests of people for their own information (access, rectification…), against the law's
-- 20-day deadline (due_on, computed when received_on is set).
CREATE TABLE access_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    received_on DATE NOT NULL,
    requester TEXT NOT NULL,
    tenant_id INTEGER REFERENCES tenants(id),
    kind TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT '',
    due_on DATE NOT NULL,
    status TEXT NOT NULL,
    answered_on DATE,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX access_requests_office ON access_requests(office_id, status, due_on);

-- Confidentiality incidents the law asks an office to record.
CREATE TABLE privacy_incidents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    summary TEXT NOT NULL,
    occurred_on DATE,
    discovered_on DATE NOT NULL,
    information TEXT NOT NULL,
    people_affected INTEGER NOT NULL,
    risk TEXT NOT NULL,
    commission_notified_on DATE,
    people_notified_on DATE,
    measures TEXT NOT NULL DEFAULT '',
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX privacy_incidents_office ON privacy_incidents(office_id, discovered_on);

-- The office's privacy officer (responsable de la protection des renseignements personnels).
ALTER TABLE offices ADD COLUMN privacy_officer_name TEXT NOT NULL DEFAULT '';
ALTER TABLE offices ADD COLUMN privacy_officer_email TEXT NOT NULL DEFAULT '';
ALTER TABLE offices ADD COLUMN privacy_officer_phone TEXT NOT NULL DEFAULT '';

-- The one-click withdrawal address of a message to a tenant, sent as its List-Unsubscribe header.
ALTER TABLE outbox ADD COLUMN list_unsubscribe TEXT NOT NULL DEFAULT '';
