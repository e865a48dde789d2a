ALTER TABLE outbox DROP COLUMN list_unsubscribe;
ALTER TABLE offices DROP COLUMN privacy_officer_phone;
ALTER TABLE offices DROP COLUMN privacy_officer_email;
ALTER TABLE offices DROP COLUMN privacy_officer_name;
DROP TABLE privacy_incidents;
DROP TABLE access_requests;
DROP TABLE retention_counts;
DROP TABLE consent_events;
DROP TABLE access_log;
