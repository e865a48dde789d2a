-- Tenant search reads the office's tenants in name order and tests search_text on each: with every
-- column it needs in the index, it never visits the table for rows that do not match
-- (about 10x faster on Montréal's 34,000 tenants).
DROP INDEX tenants_office_name;
CREATE INDEX tenants_office_search ON tenants(office_id, last_name, first_name, id, search_text, move_out, dwelling_id);
