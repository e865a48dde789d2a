//! Issue 9 in workshops: a committee member sees the workshops of their own buildings only and
//! never a list of tenants; typed dates never crash a page; a disabled account's calendar links
//! stop answering; every message to a tenant carries its withdrawal link and the privacy officer.

use diesel::prelude::*;
use passerelle::db::schema::{office_privacy, outbox, user_buildings, users};
use reqwest::StatusCode;
use serde_json::json;

use super::fixtures::{dwelling_of, room, tenant, weekly, world, World};
use super::sessions::with_registrations;
use crate::helpers::{building, json_of, TestUser};

/// A committee member of the world's office, assigned to a new building (with a room) of it.
struct Committee {
    user: TestUser,
    building: i64,
    room: i64,
}

fn committee_elsewhere(w: &World) -> Committee {
    let user = w.app.user(w.admin.office_id, "committee");
    let elsewhere = building(&w.app, w.admin.office_id, "Habitations du Lac");
    w.app.db(|c| {
        diesel::insert_into(user_buildings::table)
            .values((
                user_buildings::user_id.eq(user.id),
                user_buildings::building_id.eq(elsewhere),
            ))
            .execute(c)
            .unwrap()
    });
    let room = room(&w.app, w.admin.office_id, elsewhere, "Salle du Lac");
    Committee {
        user,
        building: elsewhere,
        room,
    }
}

#[actix_web::test]
async fn a_committee_member_gets_404_for_a_workshop_of_another_building_of_the_office() {
    let w = world().await;
    let (id, sessions, _, _) = with_registrations(&w, 2).await;
    let committee = committee_elsewhere(&w);
    let capi = w.app.api(&committee.user).await;
    assert_eq!(
        capi.get(&format!("/api/v1/workshops/{id}")).await.status(),
        StatusCode::NOT_FOUND
    );
    let list = json_of(capi.get("/api/v1/workshops").await, StatusCode::OK).await;
    assert_eq!(list["total"], 0);
    let browser = w.app.login(&committee.user).await;
    let s = sessions[0];
    for path in [
        format!("/workshops/{id}"),
        format!("/workshops/calendar?workshop={id}"),
        format!("/workshops/calendar?building={}", w.building),
        format!("/workshops/calendar?room={}", w.room),
        format!("/sessions/{s}/attendance"),
        format!("/sessions/{s}/move"),
        format!("/buildings/{}/poster", w.building),
    ] {
        assert_eq!(
            browser.get(&path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    // Their own building's workshop, they see.
    let mut body = weekly(committee.building, committee.room, committee.user.id, 2);
    body["start_time"] = json!("18:00");
    let own = json_of(
        capi.post("/api/v1/workshops", &body).await,
        StatusCode::CREATED,
    )
    .await;
    let own = own["id"].as_i64().unwrap();
    assert_eq!(
        browser.get(&format!("/workshops/{own}")).await.status(),
        StatusCode::OK
    );
    let (status, page) = browser.get_text("/workshops/calendar").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!page.contains(&format!("/workshops/{id}\"")));
}

#[actix_web::test]
async fn a_committee_member_registers_a_tenant_by_dwelling_and_name_and_sees_no_names() {
    let w = world().await;
    let committee = committee_elsewhere(&w);
    let capi = w.app.api(&committee.user).await;
    let mut body = weekly(committee.building, committee.room, committee.user.id, 2);
    body["start_time"] = json!("18:00");
    let id = json_of(
        capi.post("/api/v1/workshops", &body).await,
        StatusCode::CREATED,
    )
    .await;
    let id = id["id"].as_i64().unwrap();
    let diane = tenant(&w.app, w.admin.office_id, committee.building, "Diane", "");
    let path = format!("/api/v1/workshops/{id}/registrations");
    // By id, a committee member may not (they would need a list of tenants to know one).
    assert_eq!(
        capi.post(&path, &json!({"tenant_id": diane}))
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let dwelling = dwelling_of(&w.app, diane);
    let wrong = json!({"dwelling": dwelling, "last_name": "Gagnon"});
    assert_eq!(
        capi.post(&path, &wrong).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let right = json!({"dwelling": dwelling, "last_name": "TREMBLAY"});
    let reg = json_of(capi.post(&path, &right).await, StatusCode::CREATED).await;
    assert_eq!(reg["tenant_id"], diane);
    // The list they reach shows dwellings, not names; the page neither, and offers no roster.
    let list = json_of(capi.get(&path).await, StatusCode::OK).await;
    assert_eq!(list[0]["last_name"], "");
    assert_eq!(list[0]["first_name"], "");
    let browser = w.app.login(&committee.user).await;
    let (status, page) = browser.get_text(&format!("/workshops/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!page.contains("Tremblay"), "no tenant names");
    assert!(!page.contains("name=\"tenant_id\""), "no list of tenants");
    assert!(page.contains("name=\"dwelling\"") && page.contains("name=\"last_name\""));
    // The community worker still sees who is registered.
    let api = w.app.api(&w.isc).await;
    let list = json_of(api.get(&path).await, StatusCode::OK).await;
    assert_eq!(list[0]["last_name"], "Tremblay");
}

#[actix_web::test]
async fn far_out_dates_in_calendars_posters_and_moves_never_crash_a_page() {
    let w = world().await;
    let (_, sessions, _, _) = with_registrations(&w, 2).await;
    let browser = w.app.login(&w.isc).await;
    for date in [
        "999999-01-01",
        "%2B262143-01-01",
        "262142-12-31",
        "-262143-01-01",
        "-262144-01-01",
        "0000-01-01",
    ] {
        for view in ["month", "week"] {
            let path = format!("/workshops/calendar?view={view}&date={date}");
            assert_eq!(browser.get(&path).await.status(), StatusCode::OK, "{path}");
        }
    }
    for month in ["262142-12", "-262143-01", "999999-01"] {
        let path = format!("/buildings/{}/poster?month={month}", w.building);
        assert_eq!(browser.get(&path).await.status(), StatusCode::OK, "{path}");
    }
    let s = sessions[0];
    let res = browser
        .post_form(
            &format!("/sessions/{s}/move"),
            &[
                ("date", "262142-06-01"),
                ("start", "13:30"),
                ("end", "15:00"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let api = w.app.api(&w.isc).await;
    let far = json!({"starts_at": "9999-01-07T18:30:00", "ends_at": "9999-01-07T20:00:00"});
    assert_eq!(
        api.put(&format!("/api/v1/sessions/{s}"), &far)
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

#[actix_web::test]
async fn a_calendar_link_stops_answering_once_its_owners_account_is_disabled() {
    let w = world().await;
    with_registrations(&w, 2).await;
    let browser = w.app.login(&w.isc).await;
    let b = w.building.to_string();
    let res = browser
        .post_form("/calendar-feeds", &[("kind", "building"), ("target", &b)])
        .await;
    let page = res.text().await.unwrap();
    let start = page.find("/calendar/").unwrap();
    let end = page[start..].find('"').unwrap();
    let path = page[start..start + end].to_owned();
    let anonymous = w.app.client();
    assert_eq!(anonymous.get(&path).await.status(), StatusCode::OK);
    w.app.db(|c| {
        diesel::update(users::table.find(w.isc.id))
            .set(users::active.eq(false))
            .execute(c)
            .unwrap()
    });
    assert_eq!(anonymous.get(&path).await.status(), StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn workshop_mail_carries_the_withdrawal_link_and_the_officer_shown_on_the_public_page() {
    let w = world().await;
    let office = w.admin.office_id;
    w.app.db(|c| {
        diesel::update(office_privacy::table.find(office))
            .set((
                office_privacy::privacy_officer_name.eq("Josée Lavoie"),
                office_privacy::privacy_officer_email.eq("vie.privee@oh.example.org"),
            ))
            .execute(c)
            .unwrap()
    });
    let (_, sessions, _, _) = with_registrations(&w, 2).await;
    let api = w.app.api(&w.isc).await;
    json_of(
        api.post(
            &format!("/api/v1/sessions/{}/cancel", sessions[1]),
            &json!({}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let rows: Vec<(String, String, String)> = w.app.db(|c| {
        outbox::table
            .select((
                outbox::to_address,
                outbox::body_text,
                outbox::list_unsubscribe,
            ))
            .load(c)
            .unwrap()
    });
    assert_eq!(rows.len(), 1, "Alice alone consented to email");
    let (to, body, unsubscribe) = &rows[0];
    assert_eq!(to, "alice@example.org");
    assert!(body.contains("/consent/withdraw/"), "{body}");
    assert!(body.contains("Josée Lavoie"), "{body}");
    assert!(!unsubscribe.is_empty());
    let (status, page) = w
        .app
        .client()
        .get_text(&format!("/activites/{}", w.building))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Josée Lavoie") && page.contains("vie.privee@oh.example.org"));
}
