//! The rest of the housing registry: the office, its departments, community rooms and dwellings, in
//! pages and through the API. Each resource has its own file; the set-up helpers shared by them are
//! here.

mod departments;
mod dwellings;
mod dwellings_api;
mod office;
mod referrers;
mod rooms;
mod tenant_file;

use passerelle::registry::{departments as dep, dwellings as dw, rooms as rm};

use crate::helpers::TestApp;

/// Inserts a department straight into the database.
pub fn department(app: &TestApp, office_id: i64, name: &str) -> i64 {
    let data = dep::DepartmentInput {
        name: Some(name.into()),
        email: Some("direction@example.org".into()),
    }
    .validate()
    .expect("valid department");
    app.db(|c| dep::insert(c, office_id, &data))
        .expect("department")
}

/// Inserts a community room straight into the database.
pub fn room(app: &TestApp, office_id: i64, building_id: i64, name: &str) -> i64 {
    let data = rm::RoomInput {
        name: Some(name.into()),
        capacity: Some("20".into()),
        accessible: None,
    }
    .validate()
    .expect("valid room");
    app.db(|c| rm::insert(c, office_id, building_id, &data))
        .expect("room")
}

/// Inserts a dwelling straight into the database.
pub fn dwelling(app: &TestApp, office_id: i64, building_id: i64, number: &str) -> i64 {
    let data = dw::DwellingInput {
        number: Some(number.into()),
        bedrooms: Some("2".into()),
        adapted: None,
    }
    .validate()
    .expect("valid dwelling");
    app.db(|c| dw::insert(c, office_id, building_id, &data))
        .expect("dwelling")
}

/// Inserts a tenant living in `dwelling_id` (the tenants module is tested elsewhere).
pub fn tenant_in(app: &TestApp, office_id: i64, dwelling_id: i64) {
    use diesel::prelude::*;
    use passerelle::db::schema::tenants;
    app.db(|c| {
        diesel::insert_into(tenants::table)
            .values((
                tenants::office_id.eq(office_id),
                tenants::dwelling_id.eq(dwelling_id),
                tenants::first_name.eq("Hélène"),
                tenants::last_name.eq("Tremblay"),
                tenants::search_text.eq("helene tremblay"),
                tenants::created_at.eq(passerelle::db::now()),
                tenants::updated_at.eq(passerelle::db::now()),
            ))
            .execute(c)
            .expect("tenant")
    });
}

/// The door numbers of a building, in the order the API lists them.
pub fn numbers(app: &TestApp, office_id: i64, building_id: i64) -> Vec<String> {
    let (rows, _) = app
        .db(|c| dw::list(c, office_id, Some(building_id), 0, 1000))
        .unwrap();
    rows.into_iter().map(|d| d.number).collect()
}
