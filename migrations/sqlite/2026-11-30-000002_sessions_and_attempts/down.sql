DROP TABLE attempts;
ALTER TABLE users DROP COLUMN session_epoch;
