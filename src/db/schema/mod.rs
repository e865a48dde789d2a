//! Table definitions shared by both backends. Written by hand (not `diesel print-schema`) so that one
//! file describes the SQLite and PostgreSQL migrations alike; `tests` round-trip every table on both.
//!
//! One file per capability (pole 1's requests in `tenant_service`, pole 3's workshops in
//! `community`, so that no file is named like one of its tables); every table is re-exported here
//! (`crate::db::schema::tenants`), and the joins between tables are declared below.

mod accounts;
mod community;
mod email;
mod jobs;
mod journal;
mod privacy;
mod registry;
mod tenant_service;

pub use accounts::*;
pub use community::*;
pub use email::*;
pub use jobs::*;
pub use journal::*;
pub use privacy::*;
pub use registry::*;
pub use tenant_service::*;

diesel::joinable!(departments -> offices (office_id));
diesel::joinable!(buildings -> offices (office_id));
diesel::joinable!(community_rooms -> buildings (building_id));
diesel::joinable!(dwellings -> buildings (building_id));
diesel::joinable!(tenants -> dwellings (dwelling_id));
diesel::joinable!(api_tokens -> users (user_id));
diesel::joinable!(journal_entries -> buildings (building_id));
diesel::joinable!(journal_entries -> users (author_id));
diesel::joinable!(users -> offices (office_id));
diesel::joinable!(user_buildings -> buildings (building_id));
diesel::joinable!(user_buildings -> users (user_id));
diesel::joinable!(workshops -> buildings (building_id));
diesel::joinable!(workshop_sessions -> workshops (workshop_id));
diesel::joinable!(workshop_facilitators -> workshops (workshop_id));
diesel::joinable!(workshop_buildings -> workshops (workshop_id));
diesel::joinable!(workshop_registrations -> tenants (tenant_id));
diesel::joinable!(workshop_attendance -> tenants (tenant_id));
diesel::joinable!(workshop_attendance -> workshop_sessions (session_id));
diesel::joinable!(requests -> buildings (building_id));
diesel::joinable!(requests -> request_categories (category_id));
diesel::joinable!(request_events -> requests (request_id));
diesel::joinable!(request_photos -> requests (request_id));

diesel::allow_tables_to_appear_in_same_query!(
    offices,
    departments,
    buildings,
    community_rooms,
    dwellings,
    users,
    tenants,
    api_tokens,
    journal_entries,
    outbox,
    user_buildings,
    workshops,
    workshop_buildings,
    workshop_facilitators,
    workshop_sessions,
    workshop_registrations,
    workshop_attendance,
    calendar_feeds,
    request_categories,
    requests,
    request_events,
    request_photos,
);

diesel::joinable!(access_log -> users (user_id));
diesel::joinable!(consent_events -> tenants (tenant_id));
diesel::joinable!(access_requests -> tenants (tenant_id));

diesel::allow_tables_to_appear_in_same_query!(access_log, users);

diesel::allow_tables_to_appear_in_same_query!(consent_events, users);

diesel::allow_tables_to_appear_in_same_query!(consent_events, tenants);

diesel::allow_tables_to_appear_in_same_query!(access_requests, tenants);
