//! Registrations: capacity, waiting list in order, cancellation gives the place, no double place
//! under concurrency, and the refusals that change nothing.

use diesel::prelude::*;
use passerelle::db::schema::{outbox, workshop_registrations};
use reqwest::StatusCode;
use serde_json::json;

use super::fixtures::{tenant, weekly, world};
use crate::helpers::{building, json_of, on_postgres};

fn confirmed(app: &crate::helpers::TestApp, workshop: i64) -> i64 {
    app.db(|c| {
        workshop_registrations::table
            .filter(workshop_registrations::workshop_id.eq(workshop))
            .filter(workshop_registrations::status.eq("confirmed"))
            .count()
            .get_result(c)
            .unwrap()
    })
}

#[actix_web::test]
async fn past_capacity_tenants_wait_in_order_and_a_cancellation_gives_the_place_to_the_first() {
    let w = world().await;
    let api = w.app.api(&w.isc).await;
    let mut body = weekly(w.building, w.room, w.isc.id, 4);
    body["capacity"] = json!(2);
    let id = json_of(
        api.post("/api/v1/workshops", &body).await,
        StatusCode::CREATED,
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let path = format!("/api/v1/workshops/{id}/registrations");
    let names = ["Alice", "Bruno", "Chloé", "Denis"];
    let mut regs = Vec::new();
    for name in names {
        let t = tenant(
            &w.app,
            w.admin.office_id,
            w.building,
            name,
            &format!("{}@example.org", name.to_lowercase()),
        );
        let r = json_of(
            api.post(&path, &json!({"tenant_id": t})).await,
            StatusCode::CREATED,
        )
        .await;
        regs.push((t, r));
    }
    let statuses: Vec<&str> = regs
        .iter()
        .map(|(_, r)| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["confirmed", "confirmed", "waiting", "waiting"]);

    // Registering twice is refused.
    let again = api.post(&path, &json!({"tenant_id": regs[0].0})).await;
    assert_eq!(again.status(), StatusCode::CONFLICT);

    // Bruno cancels: Chloé (first waiting) gets the place and an email; Denis still waits.
    let bruno = regs[1].1["id"].as_i64().unwrap();
    assert_eq!(
        api.delete(&format!("/api/v1/registrations/{bruno}"))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    let list = json_of(api.get(&path).await, StatusCode::OK).await;
    let status_of = |first: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|r| r["first_name"] == first)
            .map(|r| r["status"].clone())
    };
    assert_eq!(status_of("Chloé"), Some(json!("confirmed")));
    assert_eq!(status_of("Denis"), Some(json!("waiting")));
    assert_eq!(status_of("Bruno"), None);
    let mails: Vec<(String, String)> = w.app.db(|c| {
        outbox::table
            .select((outbox::to_address, outbox::subject))
            .load(c)
            .unwrap()
    });
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert_eq!(mails[0].0, "chloé@example.org");
    assert!(mails[0].1.contains("Café-rencontre"), "{mails:?}");

    // The capacity cannot go below the places given; above, the waiting list moves up.
    let cap = format!("/api/v1/workshops/{id}/capacity");
    let p = json_of(
        api.put(&cap, &json!({"capacity": 1})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "capacity");
    json_of(api.put(&cap, &json!({"capacity": 3})).await, StatusCode::OK).await;
    assert_eq!(confirmed(&w.app, id), 3);
}

#[actix_web::test]
async fn a_single_session_registration_counts_only_there_and_bad_registrations_change_nothing() {
    let w = world().await;
    let api = w.app.api(&w.isc).await;
    let mut body = weekly(w.building, w.room, w.isc.id, 3);
    body["capacity"] = json!(1);
    let detail = json_of(
        api.post("/api/v1/workshops", &body).await,
        StatusCode::CREATED,
    )
    .await;
    let id = detail["id"].as_i64().unwrap();
    let sessions = json_of(
        api.get(&format!("/api/v1/workshops/{id}")).await,
        StatusCode::OK,
    )
    .await["sessions"]
        .clone();
    let (s1, s2) = (
        sessions[0]["id"].as_i64().unwrap(),
        sessions[1]["id"].as_i64().unwrap(),
    );
    let path = format!("/api/v1/workshops/{id}/registrations");
    let a = tenant(&w.app, w.admin.office_id, w.building, "Alice", "");
    let b = tenant(&w.app, w.admin.office_id, w.building, "Bruno", "");
    let c = tenant(&w.app, w.admin.office_id, w.building, "Chloé", "");
    let r = json_of(
        api.post(&path, &json!({"tenant_id": a, "session_id": s1}))
            .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(r["status"], "confirmed");
    let r = json_of(
        api.post(&path, &json!({"tenant_id": b, "session_id": s2}))
            .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(r["status"], "confirmed");
    // The series does not fit: both first sessions are full.
    let r = json_of(
        api.post(&path, &json!({"tenant_id": c})).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(r["status"], "waiting");

    // Another office's tenant, another building's tenant, an unknown session: refused.
    let stranger = w.app.office("Office de Gaspé");
    let sb = building(&w.app, stranger.office_id, "Les Goélands");
    let foreign = tenant(&w.app, stranger.office_id, sb, "Xavier", "");
    let p = json_of(
        api.post(&path, &json!({"tenant_id": foreign})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "tenant_id");
    let elsewhere = building(&w.app, w.admin.office_id, "Habitations du Lac");
    let neighbour = tenant(&w.app, w.admin.office_id, elsewhere, "Yves", "");
    let p = json_of(
        api.post(&path, &json!({"tenant_id": neighbour})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(
        p["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("immeuble"),
        "{p}"
    );
    let p = json_of(
        api.post(&path, &json!({"tenant_id": a, "session_id": 999999}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "session_id");
    let total: i64 = w
        .app
        .db(|c| workshop_registrations::table.count().get_result(c).unwrap());
    assert_eq!(total, 3);
    // Another office cannot register anyone here.
    let theirs = w.app.api(&stranger).await;
    assert_eq!(
        theirs
            .post(&path, &json!({"tenant_id": foreign}))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[actix_web::test]
async fn many_tenants_registering_at_once_for_the_last_places_never_exceed_the_capacity() {
    let w = world().await;
    let api = w.app.api(&w.isc).await;
    let mut body = weekly(w.building, w.room, w.isc.id, 5);
    body["capacity"] = json!(5);
    let id = json_of(
        api.post("/api/v1/workshops", &body).await,
        StatusCode::CREATED,
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let path = format!("/api/v1/workshops/{id}/registrations");
    for name in ["Alice", "Bruno", "Chloé"] {
        let t = tenant(&w.app, w.admin.office_id, w.building, name, "");
        json_of(
            api.post(&path, &json!({"tenant_id": t})).await,
            StatusCode::CREATED,
        )
        .await;
    }
    let many: Vec<i64> = (0..24)
        .map(|i| {
            tenant(
                &w.app,
                w.admin.office_id,
                w.building,
                &format!("Locataire{i}"),
                "",
            )
        })
        .collect();
    let bodies: Vec<_> = many.iter().map(|t| json!({"tenant_id": t})).collect();
    let requests = bodies.iter().map(|b| api.post(&path, b));
    let answers = futures_util::future::join_all(requests).await;
    let mut statuses = Vec::new();
    for a in answers {
        assert_eq!(
            a.status(),
            StatusCode::CREATED,
            "on_postgres={}",
            on_postgres()
        );
        let v: serde_json::Value = a.json().await.unwrap();
        statuses.push(v["status"].as_str().unwrap().to_owned());
    }
    assert_eq!(statuses.iter().filter(|s| *s == "confirmed").count(), 2);
    assert_eq!(statuses.iter().filter(|s| *s == "waiting").count(), 22);
    assert_eq!(confirmed(&w.app, id), 5);
}

#[actix_web::test]
async fn registering_outside_the_registration_window_is_refused() {
    let w = world().await;
    let api = w.app.api(&w.isc).await;
    let mut body = weekly(w.building, w.room, w.isc.id, 3);
    let opens = super::fixtures::next_thursday();
    body["registration_opens_on"] = json!(opens.to_string());
    let id = json_of(
        api.post("/api/v1/workshops", &body).await,
        StatusCode::CREATED,
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let t = tenant(&w.app, w.admin.office_id, w.building, "Alice", "");
    let p = json_of(
        api.post(
            &format!("/api/v1/workshops/{id}/registrations"),
            &json!({"tenant_id": t}),
        )
        .await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(
        p["title"],
        "Les inscriptions à cette activité ne sont pas ouvertes."
    );
    assert_eq!(confirmed(&w.app, id), 0);
}
