-- Pole 3: workshops and activities, their sessions (one row per occurrence, so one can be cancelled
-- or moved alone), registrations with a waiting list, attendance and secret calendar feed links.
CREATE TABLE workshops (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    theme TEXT NOT NULL,
    sub_activity TEXT NOT NULL,
    building_id INTEGER NOT NULL REFERENCES buildings(id),
    room_id INTEGER REFERENCES community_rooms(id),
    place TEXT NOT NULL,
    language TEXT NOT NULL,
    capacity INTEGER NOT NULL,
    audience TEXT NOT NULL,
    registration_opens_on DATE,
    registration_closes_on DATE,
    reminder_hours INTEGER NOT NULL,
    recurrence TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL,
    registration_version INTEGER NOT NULL DEFAULT 0,
    search_text TEXT NOT NULL,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX workshops_office ON workshops(office_id, building_id);

-- The buildings a workshop is for, when its audience is one or several buildings.
CREATE TABLE workshop_buildings (
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    building_id INTEGER NOT NULL REFERENCES buildings(id) ON DELETE CASCADE,
    PRIMARY KEY (workshop_id, building_id)
);
CREATE INDEX workshop_buildings_building ON workshop_buildings(building_id);

-- An account (user_id) or an outside facilitator named with their organisation.
CREATE TABLE workshop_facilitators (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    user_id INTEGER REFERENCES users(id),
    name TEXT NOT NULL,
    organisation TEXT NOT NULL
);
CREATE INDEX workshop_facilitators_workshop ON workshop_facilitators(workshop_id);
CREATE INDEX workshop_facilitators_user ON workshop_facilitators(user_id, workshop_id);

CREATE TABLE workshop_sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    building_id INTEGER NOT NULL REFERENCES buildings(id),
    room_id INTEGER REFERENCES community_rooms(id),
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    status TEXT NOT NULL,
    walk_ins INTEGER NOT NULL DEFAULT 0,
    journal_entry_id INTEGER REFERENCES journal_entries(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX workshop_sessions_workshop ON workshop_sessions(workshop_id, starts_at);
CREATE INDEX workshop_sessions_room ON workshop_sessions(room_id, starts_at);
CREATE INDEX workshop_sessions_building ON workshop_sessions(building_id, starts_at);
CREATE INDEX workshop_sessions_office_start ON workshop_sessions(office_id, starts_at);

-- session_id NULL: the whole series. status: confirmed, waiting, cancelled.
CREATE TABLE workshop_registrations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    session_id INTEGER REFERENCES workshop_sessions(id) ON DELETE CASCADE,
    tenant_id INTEGER NOT NULL REFERENCES tenants(id),
    status TEXT NOT NULL,
    channel TEXT NOT NULL,
    registered_by INTEGER REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX workshop_registrations_workshop ON workshop_registrations(workshop_id, status);
CREATE INDEX workshop_registrations_tenant ON workshop_registrations(tenant_id);

-- status: present, absent, excused.
CREATE TABLE workshop_attendance (
    session_id INTEGER NOT NULL REFERENCES workshop_sessions(id) ON DELETE CASCADE,
    tenant_id INTEGER NOT NULL REFERENCES tenants(id),
    status TEXT NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (session_id, tenant_id)
);

-- Secret calendar links (calendar apps cannot log in): only a hash of the token is kept.
-- kind: building, facilitator, workshop; target_id is that building, user or workshop.
CREATE TABLE calendar_feeds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    kind TEXT NOT NULL,
    target_id INTEGER NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX calendar_feeds_target ON calendar_feeds(office_id, kind, target_id);
