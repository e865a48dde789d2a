ALTER TABLE users DROP COLUMN tenant_id;
DROP TABLE user_buildings;
