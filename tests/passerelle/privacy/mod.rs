//! Privacy (Law 25): the access log, consent history with the one-click withdrawal from a real
//! email, retention, a person's archive, the access-request and incident registers, and the
//! privacy officer — on SQLite and PostgreSQL alike.

mod access_log;
mod consents;
mod export;
mod officer;
mod registers;
mod retention;
mod withdrawal;

use chrono::NaiveDate;
use diesel::prelude::*;
use passerelle::db::schema::{consent_events, dwellings, tenants};
use passerelle::db::{self};

use crate::helpers::{building, spawn_app, TestApp, TestUser};

/// An office with an administrator, an ISC and a building.
pub struct World {
    pub app: TestApp,
    pub admin: TestUser,
    pub isc: TestUser,
    pub building: i64,
}

pub async fn world(office: &str) -> World {
    world_in(spawn_app().await, office)
}

pub fn world_in(app: TestApp, office: &str) -> World {
    let admin = app.office(office);
    let isc = app.user(admin.office_id, "isc");
    let building = building(&app, admin.office_id, "Habitations des Érables");
    World {
        app,
        admin,
        isc,
        building,
    }
}

/// A tenant to create in its own dwelling.
pub struct NewTenant<'a> {
    pub office_id: i64,
    pub building_id: i64,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub email: &'a str,
    pub language: &'a str,
    /// Consented to email: the registry's columns and a first "given" event, as the migration
    /// leaves an existing consent.
    pub consent_email: bool,
    pub move_out: Option<NaiveDate>,
}

impl Default for NewTenant<'_> {
    fn default() -> Self {
        NewTenant {
            office_id: 0,
            building_id: 0,
            first_name: "Hélène",
            last_name: "Côté",
            email: "",
            language: "fr",
            consent_email: false,
            move_out: None,
        }
    }
}

/// Inserts `t` with a dwelling of its own; its id.
pub fn tenant(app: &TestApp, t: NewTenant<'_>) -> i64 {
    let at = db::now();
    app.db(|c| {
        let number = format!("{}", rand::random::<u32>());
        let d: i64 = diesel::insert_into(dwellings::table)
            .values((
                dwellings::office_id.eq(t.office_id),
                dwellings::building_id.eq(t.building_id),
                dwellings::number.eq(number),
                dwellings::bedrooms.eq(2),
                dwellings::adapted.eq(false),
                dwellings::created_at.eq(at),
            ))
            .returning(dwellings::id)
            .get_result(c)
            .unwrap();
        let id: i64 = diesel::insert_into(tenants::table)
            .values((
                tenants::office_id.eq(t.office_id),
                tenants::dwelling_id.eq(d),
                tenants::first_name.eq(t.first_name),
                tenants::last_name.eq(t.last_name),
                tenants::language.eq(t.language),
                tenants::phone.eq("514 555-0101"),
                tenants::email.eq(t.email),
                tenants::household_size.eq(1),
                tenants::consent_email_at.eq(t.consent_email.then_some(at)),
                tenants::move_out.eq(t.move_out),
                tenants::search_text.eq(t.first_name.to_lowercase()),
                tenants::created_at.eq(at),
                tenants::updated_at.eq(at),
            ))
            .returning(tenants::id)
            .get_result(c)
            .unwrap();
        if t.consent_email {
            diesel::insert_into(consent_events::table)
                .values((
                    consent_events::office_id.eq(t.office_id),
                    consent_events::tenant_id.eq(id),
                    consent_events::purpose.eq("contact_email"),
                    consent_events::decision.eq("given"),
                    consent_events::at.eq(at),
                    consent_events::by_tenant.eq(false),
                    consent_events::how.eq("form"),
                ))
                .execute(c)
                .unwrap();
        }
        id
    })
}

/// A fixed day for tests about dates.
pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}
