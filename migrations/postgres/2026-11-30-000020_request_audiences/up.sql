-- Who reads a request's comment: the tenant (and everyone who sees the request), the office's staff,
-- or the ISCs alone (psychosocial notes never reach a department). `visible_to_tenant` stays, true
-- exactly when the audience is the tenant.
ALTER TABLE request_events ADD COLUMN audience TEXT NOT NULL DEFAULT 'tenant';
UPDATE request_events SET audience = 'staff' WHERE NOT visible_to_tenant;

-- Staff see their department's requests and the ones they recorded; committee members the ones
-- they recorded: both read requests by their recorder.
CREATE INDEX requests_created_by ON requests(created_by, office_id);
