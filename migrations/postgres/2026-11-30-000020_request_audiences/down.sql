DROP INDEX requests_created_by;
ALTER TABLE request_events DROP COLUMN audience;
