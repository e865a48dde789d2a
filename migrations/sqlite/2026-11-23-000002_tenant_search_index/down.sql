DROP INDEX tenants_office_search;
CREATE INDEX tenants_office_name ON tenants(office_id, last_name, first_name);
