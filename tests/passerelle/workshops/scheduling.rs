//! Creating workshops: sessions materialised in local time, conflicts refused, bad schedules refused.

use chrono::{NaiveDateTime, Timelike};
use diesel::prelude::*;
use passerelle::db::schema::{workshop_sessions, workshops};
use reqwest::StatusCode;
use serde_json::json;

use super::fixtures::{room, weekly, world};
use crate::helpers::{building, json_of};

fn count_workshops(app: &crate::helpers::TestApp) -> i64 {
    app.db(|c| workshops::table.count().get_result(c).unwrap())
}

#[actix_web::test]
async fn a_weekly_series_becomes_one_session_per_week_at_the_same_local_time_across_dst() {
    let w = world().await;
    let api = w.app.api(&w.isc).await;
    let body = weekly(w.building, w.room, w.isc.id, 30);
    let created = json_of(
        api.post("/api/v1/workshops", &body).await,
        StatusCode::CREATED,
    )
    .await;
    let id = created["id"].as_i64().unwrap();
    let detail = json_of(
        api.get(&format!("/api/v1/workshops/{id}")).await,
        StatusCode::OK,
    )
    .await;
    let sessions = detail["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 30);
    let mut utc_hours = std::collections::BTreeSet::new();
    for s in sessions {
        let start: NaiveDateTime =
            chrono::DateTime::parse_from_rfc3339(s["starts_at"].as_str().unwrap())
                .unwrap()
                .naive_utc();
        let local = passerelle::web::format::local_time(start);
        assert_eq!((local.hour(), local.minute()), (13, 30), "{start}");
        utc_hours.insert(start.hour());
    }
    // 30 weeks always cross a DST change: the UTC hour moves, the local one does not.
    assert_eq!(utc_hours.len(), 2, "{utc_hours:?}");
    assert_eq!(detail["facilitators"][0]["user_id"], w.isc.id);
}

#[actix_web::test]
async fn a_room_or_facilitator_booked_twice_is_refused_naming_the_session_and_nothing_is_saved() {
    let w = world().await;
    let api = w.app.api(&w.isc).await;
    let body = weekly(w.building, w.room, w.isc.id, 52);
    json_of(
        api.post("/api/v1/workshops", &body).await,
        StatusCode::CREATED,
    )
    .await;
    let before = count_workshops(&w.app);
    let sessions_before: i64 = w
        .app
        .db(|c| workshop_sessions::table.count().get_result(c).unwrap());

    // Same room, another facilitator, every other week from the same day: clashes at once.
    let other = w.app.user(w.admin.office_id, "isc");
    let mut clash = weekly(w.building, w.room, other.id, 10);
    clash["title"] = json!("Cuisine collective");
    clash["interval"] = json!(2);
    let p = json_of(
        api.post("/api/v1/workshops", &clash).await,
        StatusCode::CONFLICT,
    )
    .await;
    let detail = p["detail"].as_str().unwrap();
    assert!(
        detail.contains("salle") && detail.contains("Café-rencontre"),
        "{detail}"
    );

    // Another room, same facilitator: the facilitator is the clash.
    let room2 = room(&w.app, w.admin.office_id, w.building, "Petite salle");
    let mut clash = weekly(w.building, room2, w.isc.id, 3);
    clash["start_time"] = json!("14:00");
    let p = json_of(
        api.post("/api/v1/workshops", &clash).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("animatrice"), "{p}");

    // Right after the first one ends (15:00) is fine.
    let mut after = weekly(w.building, w.room, w.isc.id, 3);
    after["start_time"] = json!("15:00");
    json_of(
        api.post("/api/v1/workshops", &after).await,
        StatusCode::CREATED,
    )
    .await;

    assert_eq!(count_workshops(&w.app), before + 1);
    let sessions_after: i64 = w
        .app
        .db(|c| workshop_sessions::table.count().get_result(c).unwrap());
    assert_eq!(sessions_after, sessions_before + 3);
}

#[actix_web::test]
async fn nonsense_schedules_are_refused_with_a_translated_message_and_nothing_saved() {
    let w = world().await;
    let api = w.app.api(&w.isc).await;
    let cases = [
        (json!({"count": null, "until": "2020-01-01"}), "until"),
        (json!({"interval": 0}), "interval"),
        (json!({"count": 10000}), "count"),
        (json!({"weekdays": []}), "weekdays"),
        (json!({"start_time": "25:99"}), "start_time"),
        (
            json!({"sub_activity": "tables_concertation"}),
            "sub_activity",
        ),
        (
            json!({"registration_closes_on": "2099-01-01"}),
            "registration_closes_on",
        ),
    ];
    for (change, field) in cases {
        let mut body = weekly(w.building, w.room, w.isc.id, 5);
        for (k, v) in change.as_object().unwrap() {
            body[k] = v.clone();
        }
        let p = json_of(
            api.post("/api/v1/workshops", &body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        let errors = p["errors"].as_array().unwrap();
        assert!(
            errors.iter().any(|e| e["field"] == field && !e["message"].as_str().unwrap().starts_with("err-")),
            "{field}: {p}"
        );
    }
    assert_eq!(count_workshops(&w.app), 0);
}

#[actix_web::test]
async fn nobody_sees_another_offices_workshops_and_committees_manage_only_their_buildings() {
    let w = world().await;
    let api = w.app.api(&w.isc).await;
    let created = json_of(
        api.post(
            "/api/v1/workshops",
            &weekly(w.building, w.room, w.isc.id, 2),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let id = created["id"].as_i64().unwrap();

    let stranger = w.app.office("Office de Rimouski");
    let theirs = w.app.api(&stranger).await;
    assert_eq!(
        theirs
            .get(&format!("/api/v1/workshops/{id}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let list = json_of(theirs.get("/api/v1/workshops").await, StatusCode::OK).await;
    assert_eq!(list["total"], 0);

    // A committee member of another building of the same office may not schedule here.
    let committee = w.app.user(w.admin.office_id, "committee");
    let elsewhere = building(&w.app, w.admin.office_id, "Habitations du Lac");
    w.app.db(|c| {
        diesel::insert_into(passerelle::db::schema::user_buildings::table)
            .values((
                passerelle::db::schema::user_buildings::user_id.eq(committee.id),
                passerelle::db::schema::user_buildings::building_id.eq(elsewhere),
            ))
            .execute(c)
            .unwrap()
    });
    let capi = w.app.api(&committee).await;
    let mut body = weekly(w.building, w.room, committee.id, 2);
    body["start_time"] = json!("18:00");
    assert_eq!(
        capi.post("/api/v1/workshops", &body).await.status(),
        StatusCode::FORBIDDEN
    );
    let mine = room(&w.app, w.admin.office_id, elsewhere, "Salle du Lac");
    let mut body = weekly(elsewhere, mine, committee.id, 2);
    body["start_time"] = json!("18:00");
    json_of(
        capi.post("/api/v1/workshops", &body).await,
        StatusCode::CREATED,
    )
    .await;
    let list = json_of(capi.get("/api/v1/workshops").await, StatusCode::OK).await;
    assert_eq!(list["total"], 1);
}
