-- Pole 1, tenant requests. Each office has its categories, each routed to a department with a response
-- target per urgency (in hours). A request follows nouvelle → transmise → en cours → en attente →
-- résolue → fermée; every step and comment is a request_events row (who, when, visible to the tenant or
-- internal). `version` is bumped by every change, so a form or API call made on a stale read gets 409.
-- A request may be the building-level issue others link to (parent_id).
CREATE TABLE request_categories (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    code TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL,
    department_id INTEGER REFERENCES departments(id) ON DELETE SET NULL,
    target_hours_low INTEGER NOT NULL,
    target_hours_normal INTEGER NOT NULL,
    target_hours_urgent INTEGER NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX request_categories_office ON request_categories(office_id, position);

CREATE TABLE requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    building_id INTEGER NOT NULL REFERENCES buildings(id),
    dwelling_id INTEGER REFERENCES dwellings(id),
    tenant_id INTEGER REFERENCES tenants(id),
    category_id INTEGER NOT NULL REFERENCES request_categories(id),
    department_id INTEGER REFERENCES departments(id) ON DELETE SET NULL,
    urgency TEXT NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL,
    parent_id INTEGER REFERENCES requests(id),
    isc_id INTEGER REFERENCES users(id),
    created_by INTEGER NOT NULL REFERENCES users(id),
    due_at TIMESTAMP NOT NULL,
    resolved_at TIMESTAMP,
    closed_at TIMESTAMP,
    referral_resource TEXT NOT NULL DEFAULT '',
    referral_contact TEXT NOT NULL DEFAULT '',
    referral_told TEXT NOT NULL DEFAULT '',
    followup_token TEXT,
    followup_sent_at TIMESTAMP,
    followup_answer TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX requests_office_created ON requests(office_id, created_at, id);
CREATE INDEX requests_office_status_due ON requests(office_id, status, due_at);
CREATE INDEX requests_department_status ON requests(department_id, status, due_at, office_id, id);
CREATE INDEX requests_building_created ON requests(building_id, created_at);
CREATE INDEX requests_building_status_due ON requests(building_id, status, due_at, id);
CREATE INDEX requests_tenant ON requests(tenant_id);
CREATE INDEX requests_parent ON requests(parent_id);
CREATE INDEX requests_resolved ON requests(status, resolved_at);
CREATE UNIQUE INDEX requests_followup_token ON requests(followup_token);

CREATE TABLE request_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    kind TEXT NOT NULL,
    from_status TEXT NOT NULL DEFAULT '',
    to_status TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    visible_to_tenant BOOLEAN NOT NULL,
    author_id INTEGER REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX request_events_request ON request_events(request_id, created_at);

CREATE TABLE request_photos (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    stored_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    uploaded_by INTEGER NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX request_photos_request ON request_photos(request_id);

-- Every existing office gets the default categories (new offices get them when created).
INSERT INTO request_categories (office_id, code, name, target_hours_low, target_hours_normal, target_hours_urgent, position, created_at)
SELECT o.id, c.code, c.name, c.low, c.normal, c.urgent, c.position, o.created_at
FROM offices o CROSS JOIN (
    SELECT 'entretien' AS code, 'Entretien' AS name, 336 AS low, 168 AS normal, 24 AS urgent, 1 AS position
    UNION ALL SELECT 'salubrite', 'Salubrité / vermine', 336, 168, 48, 2
    UNION ALL SELECT 'securite', 'Sécurité', 168, 72, 4, 3
    UNION ALL SELECT 'bruit', 'Bruit / voisinage', 336, 168, 48, 4
    UNION ALL SELECT 'accessibilite', 'Accessibilité', 336, 168, 48, 5
    UNION ALL SELECT 'loyer', 'Loyer / bail', 504, 240, 72, 6
    UNION ALL SELECT 'autre', 'Autre', 504, 240, 72, 7
) c;
