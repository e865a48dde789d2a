//! Set-up shared by the workshop tests: rooms, tenants and a workshop body.

use chrono::{Datelike, Days, NaiveDate};
use diesel::prelude::*;
use passerelle::db::schema::{community_rooms, dwellings, tenants};
use serde_json::{json, Value};

use crate::helpers::{building, spawn_app, TestApp, TestUser};

pub struct World {
    pub app: TestApp,
    pub admin: TestUser,
    pub isc: TestUser,
    pub building: i64,
    pub room: i64,
}

pub async fn world() -> World {
    let app = spawn_app().await;
    let admin = app.office("Office d'habitation des Laurentides");
    let isc = app.user(admin.office_id, "isc");
    let building = building(&app, admin.office_id, "Résidence des Pins");
    let room = room(&app, admin.office_id, building, "Salle communautaire");
    World {
        app,
        admin,
        isc,
        building,
        room,
    }
}

pub fn room(app: &TestApp, office_id: i64, building_id: i64, name: &str) -> i64 {
    app.db(|c| {
        diesel::insert_into(community_rooms::table)
            .values((
                community_rooms::office_id.eq(office_id),
                community_rooms::building_id.eq(building_id),
                community_rooms::name.eq(name),
                community_rooms::capacity.eq(30),
                community_rooms::accessible.eq(true),
                community_rooms::created_at.eq(passerelle::db::now()),
            ))
            .returning(community_rooms::id)
            .get_result(c)
            .unwrap()
    })
}

/// A tenant in a new dwelling of `building_id`, who consented to email at `email` (if not empty).
pub fn tenant(app: &TestApp, office_id: i64, building_id: i64, first: &str, email: &str) -> i64 {
    let at = passerelle::db::now();
    app.db(|c| {
        let number = format!("{}-{}", first, rand::random::<u32>());
        let d: i64 = diesel::insert_into(dwellings::table)
            .values((
                dwellings::office_id.eq(office_id),
                dwellings::building_id.eq(building_id),
                dwellings::number.eq(number),
                dwellings::bedrooms.eq(1),
                dwellings::adapted.eq(false),
                dwellings::created_at.eq(at),
            ))
            .returning(dwellings::id)
            .get_result(c)
            .unwrap();
        diesel::insert_into(tenants::table)
            .values((
                tenants::office_id.eq(office_id),
                tenants::dwelling_id.eq(d),
                tenants::first_name.eq(first),
                tenants::last_name.eq("Tremblay"),
                tenants::language.eq("fr"),
                tenants::phone.eq(""),
                tenants::email.eq(email),
                tenants::household_size.eq(1),
                tenants::consent_email_at.eq((!email.is_empty()).then_some(at)),
                tenants::search_text.eq(first.to_lowercase()),
                tenants::created_at.eq(at),
                tenants::updated_at.eq(at),
            ))
            .returning(tenants::id)
            .get_result(c)
            .unwrap()
    })
}

/// The number of the dwelling a tenant lives in.
pub fn dwelling_of(app: &TestApp, tenant: i64) -> String {
    app.db(|c| {
        tenants::table
            .inner_join(dwellings::table)
            .filter(tenants::id.eq(tenant))
            .select(dwellings::number)
            .first(c)
            .unwrap()
    })
}

/// The next Thursday at least a week ahead.
pub fn next_thursday() -> NaiveDate {
    let mut d = passerelle::web::format::today() + Days::new(7);
    while d.weekday() != chrono::Weekday::Thu {
        d = d + Days::new(1);
    }
    d
}

/// A weekly Thursday 13:30 workshop of 90 minutes in `room`, `count` sessions, led by `facilitator`.
pub fn weekly(building: i64, room: i64, facilitator: i64, count: i64) -> Value {
    json!({
        "title": "Café-rencontre",
        "description": "On jase autour d'un café.",
        "theme": "Briser l'isolement",
        "sub_activity": "ateliers_groupe",
        "building_id": building,
        "room_id": room,
        "capacity": 12,
        "facilitator_ids": [facilitator],
        "start_date": next_thursday().to_string(),
        "start_time": "13:30",
        "duration_minutes": 90,
        "frequency": "weekly",
        "interval": 1,
        "weekdays": [3],
        "count": count
    })
}
