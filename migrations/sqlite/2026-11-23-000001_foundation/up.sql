-- Foundation: offices, registry, accounts, tokens, practice journal.
-- Every row carries office_id so that scoping is one equality filter on every query.
CREATE TABLE offices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    region TEXT NOT NULL DEFAULT '',
    contact_email TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE departments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX departments_office ON departments(office_id, name);

CREATE TABLE buildings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    municipality TEXT NOT NULL,
    postal_code TEXT NOT NULL DEFAULT '',
    dwelling_count INTEGER NOT NULL DEFAULT 0,
    clientele TEXT NOT NULL DEFAULT 'mixte',
    search_text TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX buildings_office_name ON buildings(office_id, name);

CREATE TABLE community_rooms (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    building_id INTEGER NOT NULL REFERENCES buildings(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    capacity INTEGER NOT NULL,
    accessible BOOLEAN NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX community_rooms_building ON community_rooms(building_id);

CREATE TABLE dwellings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    building_id INTEGER NOT NULL REFERENCES buildings(id) ON DELETE CASCADE,
    number TEXT NOT NULL,
    bedrooms INTEGER NOT NULL DEFAULT 1,
    adapted BOOLEAN NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (building_id, number)
);
CREATE INDEX dwellings_office ON dwellings(office_id);

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT 'fr',
    department_id INTEGER REFERENCES departments(id),
    active BOOLEAN NOT NULL DEFAULT 1,
    demo_password BOOLEAN NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    last_login_at TIMESTAMP
);
CREATE INDEX users_office ON users(office_id);

CREATE TABLE tenants (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    dwelling_id INTEGER NOT NULL REFERENCES dwellings(id),
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT 'fr',
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    household_size INTEGER NOT NULL DEFAULT 1,
    consent_email_at TIMESTAMP,
    consent_email_by INTEGER REFERENCES users(id),
    consent_phone_at TIMESTAMP,
    consent_phone_by INTEGER REFERENCES users(id),
    consent_sms_at TIMESTAMP,
    consent_sms_by INTEGER REFERENCES users(id),
    move_in DATE,
    move_out DATE,
    search_text TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX tenants_office_name ON tenants(office_id, last_name, first_name);
CREATE INDEX tenants_dwelling ON tenants(dwelling_id);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at TIMESTAMP
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE journal_entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    author_id INTEGER NOT NULL REFERENCES users(id),
    pole INTEGER NOT NULL,
    sub_activity TEXT NOT NULL,
    occurred_on DATE NOT NULL,
    duration_minutes INTEGER NOT NULL,
    building_id INTEGER REFERENCES buildings(id),
    people_reached INTEGER NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT 'manual',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX journal_office_date ON journal_entries(office_id, occurred_on);
