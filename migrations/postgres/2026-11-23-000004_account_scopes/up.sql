-- Scopes narrower than the office. A committee account acts for the buildings its association
-- represents (user_buildings); a tenant account is the tenant it belongs to (users.tenant_id).
CREATE TABLE user_buildings (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    building_id BIGINT NOT NULL REFERENCES buildings(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, building_id)
);
CREATE INDEX user_buildings_building ON user_buildings(building_id);
ALTER TABLE users ADD COLUMN tenant_id BIGINT REFERENCES tenants(id);
