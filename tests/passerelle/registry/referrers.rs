//! Deleting a record others still refer to: 409, in pages and through the API, with a message that
//! names what still refers to it and how many, and nothing deleted.

use chrono::NaiveDate;
use passerelle::domain::ids::{BuildingId, OfficeId, UserId};
use passerelle::domain::poles::SubActivity;
use passerelle::journal::{record, Recording, Source};
use reqwest::StatusCode;

use super::{dwelling, room, tenant_in};
use crate::helpers::{json_of, TestApp, TestUser};
use crate::requests::{record as record_request, world, World};

/// A weekly workshop of `count` sessions in `room`, from a fixed Thursday.
fn weekly(building: i64, room: i64, facilitator: i64, count: i64) -> serde_json::Value {
    serde_json::json!({
        "title": "Café-rencontre",
        "description": "On jase autour d'un café.",
        "theme": "Briser l'isolement",
        "sub_activity": "ateliers_groupe",
        "building_id": building,
        "room_id": room,
        "capacity": 12,
        "facilitator_ids": [facilitator],
        "start_date": "2031-01-09",
        "start_time": "13:30",
        "duration_minutes": 90,
        "frequency": "weekly",
        "interval": 1,
        "weekdays": [3],
        "count": count
    })
}

/// A manual journal entry about `building`, on a fixed day.
fn journal_entry(app: &TestApp, author: &TestUser, building: i64) {
    let r = Recording {
        office_id: OfficeId(author.office_id),
        author_id: UserId(author.id),
        sub_activity: SubActivity::MilieuDeVie,
        occurred_on: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        duration_minutes: 60,
        building_id: Some(BuildingId(building)),
        people_reached: 4,
        note: String::new(),
        source: Source::Manual,
    };
    app.db(|c| record(c, &r)).unwrap();
}

fn rooms_of(app: &TestApp, office: i64, building: i64) -> usize {
    app.db(|c| passerelle::registry::rooms::list_for_building(c, office, building))
        .unwrap()
        .len()
}

#[actix_web::test]
async fn a_building_still_referred_to_names_its_dwellings_requests_and_entries_and_stays() {
    let app = crate::helpers::spawn_app().await;
    let World {
        admin,
        isc,
        building,
        category,
        ..
    } = world(&app, "OH Test");
    let office = admin.office_id;
    dwelling(&app, office, building, "101");
    dwelling(&app, office, building, "102");
    // The request writes its own journal entry; one more is written by hand.
    record_request(&app, &isc, building, category, None);
    journal_entry(&app, &isc, building);
    room(&app, office, building, "Salle A");

    let browser = app.login(&admin).await;
    let res = browser
        .post_form(&format!("/buildings/{building}/delete"), &[])
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let page = res.text().await.unwrap();
    assert!(
        page.contains(
            "Cet immeuble a encore 2 logements, 1 demande et 2 entrées du journal de pratique"
        ),
        "{page}"
    );

    let api = app.api(&admin).await;
    let res = api.delete(&format!("/api/v1/buildings/{building}")).await;
    assert_eq!(
        res.headers()["content-type"].to_str().unwrap(),
        "application/problem+json"
    );
    let problem = json_of(res, StatusCode::CONFLICT).await;
    assert_eq!(problem["status"], 409);
    assert_eq!(
        problem["title"],
        "Cet immeuble a encore 2 logements, 1 demande et 2 entrées du journal de pratique : \
         retirez-les ou déplacez-les d'abord."
    );
    let res = api
        .http
        .delete(format!("{}/api/v1/buildings/{building}", api.address))
        .bearer_auth(&api.token)
        .header("Accept-Language", "en")
        .send()
        .await
        .unwrap();
    let problem = json_of(res, StatusCode::CONFLICT).await;
    assert!(problem["title"].as_str().unwrap().starts_with(
        "This building still has 2 dwellings, 1 request and 2 practice journal entries"
    ));

    // Nothing half-deleted: the building, its dwellings and its room are all still there.
    let kept = app.db(|c| passerelle::registry::buildings::find(c, office, building));
    assert!(kept.is_ok());
    assert_eq!(rooms_of(&app, office, building), 1);
    assert_eq!(super::numbers(&app, office, building), ["101", "102"]);
}

#[actix_web::test]
async fn a_room_a_workshop_uses_is_not_deleted_and_the_message_says_so() {
    let app = crate::helpers::spawn_app().await;
    let World {
        admin,
        isc,
        building,
        ..
    } = world(&app, "OH Test");
    let office = admin.office_id;
    let salle = room(&app, office, building, "Salle communautaire");
    let api = app.api(&isc).await;
    let body = weekly(building, salle, isc.id, 3);
    json_of(
        api.post("/api/v1/workshops", &body).await,
        StatusCode::CREATED,
    )
    .await;

    let browser = app.login(&admin).await;
    let res = browser
        .post_form(&format!("/rooms/{salle}/delete"), &[])
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let page = res.text().await.unwrap();
    assert!(
        page.contains("Cette salle sert encore à 1 atelier"),
        "{page}"
    );

    let admin_api = app.api(&admin).await;
    let problem = json_of(
        admin_api.delete(&format!("/api/v1/rooms/{salle}")).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert!(problem["title"]
        .as_str()
        .unwrap()
        .starts_with("Cette salle sert encore à 1 atelier"));
    assert_eq!(rooms_of(&app, office, building), 1);

    // The building of that room is referred to by the workshop as well.
    let problem = json_of(
        admin_api
            .delete(&format!("/api/v1/buildings/{building}"))
            .await,
        StatusCode::CONFLICT,
    )
    .await;
    assert!(problem["title"].as_str().unwrap().contains("1 atelier"));
}

#[actix_web::test]
async fn a_dwelling_a_request_points_to_names_the_request_and_its_tenants() {
    let app = crate::helpers::spawn_app().await;
    let World {
        admin,
        isc,
        building,
        category,
        ..
    } = world(&app, "OH Test");
    let office = admin.office_id;
    let door = dwelling(&app, office, building, "3");
    tenant_in(&app, office, door);
    let request = record_request(&app, &isc, building, category, None);
    app.db(|c| {
        use diesel::prelude::*;
        use passerelle::db::schema::requests;
        diesel::update(requests::table.find(request))
            .set(requests::dwelling_id.eq(Some(door)))
            .execute(c)
    })
    .unwrap();

    let browser = app.login(&admin).await;
    let res = browser
        .post_form(&format!("/dwellings/{door}/delete"), &[])
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let page = res.text().await.unwrap();
    assert!(
        page.contains("1 locataire (actuel ou ancien) et 1 demande"),
        "{page}"
    );
    let api = app.api(&admin).await;
    let problem = json_of(
        api.delete(&format!("/api/v1/dwellings/{door}")).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert!(problem["title"]
        .as_str()
        .unwrap()
        .contains("(1 locataire (actuel ou ancien) et 1 demande)"));
    assert_eq!(super::numbers(&app, office, building), ["3"]);
}
