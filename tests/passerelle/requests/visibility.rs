//! Who sees what of a request inside one office (issue: confidentiality): committee members see
//! what they recorded and the building-level issues of their buildings, never a tenant's own
//! matter; department staff their department's and what they recorded; notes reach only their
//! audience; look-alike suggestions never leave the caller's scope; reads of personal requests
//! are logged.

use diesel::prelude::*;
use passerelle::db::schema::{access_log, user_buildings, users};
use reqwest::StatusCode;

use super::{post_request, record, tenant, world, NewTenant, World};
use crate::helpers::{spawn_app, TestApp, TestUser};

/// A committee member acting for the world's building.
fn committee_of(app: &TestApp, w: &World) -> TestUser {
    let committee = app.user(w.admin.office_id, "committee");
    app.db(|c| {
        diesel::insert_into(user_buildings::table)
            .values((
                user_buildings::user_id.eq(committee.id),
                user_buildings::building_id.eq(w.building),
            ))
            .execute(c)
            .unwrap()
    });
    committee
}

/// A tenant of the world's building, and their private request recorded by the ISC.
fn private_request(app: &TestApp, w: &World, email: &str) -> i64 {
    let (_, t) = tenant(
        app,
        w.admin.office_id,
        NewTenant {
            building: w.building,
            email,
            consent_email: true,
            ..Default::default()
        },
    );
    record(app, &w.isc, w.building, w.category, Some(t))
}

#[actix_web::test]
async fn a_committee_member_sees_a_building_issue_without_its_thread_and_never_a_tenants_matter() {
    let app = spawn_app().await;
    let w = world(&app, "OH Test");
    let committee = committee_of(&app, &w);
    let private = private_request(&app, &w, "a@example.org");
    let collective = record(&app, &w.isc, w.building, w.category, None);
    let isc = app.login(&w.isc).await;
    for id in [private, collective] {
        isc.post_form(
            &format!("/requests/{id}/comments"),
            &[
                ("body", "Madame vit seule depuis le décès"),
                ("visible", "on"),
            ],
        )
        .await;
    }

    let browser = app.login(&committee).await;
    let api = app.api(&committee).await;
    for path in [
        format!("/requests/{private}"),
        format!("/api/v1/requests/{private}"),
        format!("/api/v1/requests/{private}/comments"),
        format!("/api/v1/requests/{private}/steps"),
    ] {
        let status = match path.starts_with("/api") {
            true => api.get(&path).await.status(),
            false => browser.get(&path).await.status(),
        };
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
    let (status, page) = browser.get_text(&format!("/requests/{collective}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !page.contains("Madame vit seule"),
        "no comment thread of a building-level issue"
    );
    assert!(!page.contains("Direction de l'entretien"), "no routing");
    assert!(!page.contains("name=\"body\""), "no comment form");
    let res = browser
        .post_form(
            &format!("/requests/{collective}/comments"),
            &[("body", "Moi aussi")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let comments: serde_json::Value = api
        .get(&format!("/api/v1/requests/{collective}/comments"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(comments, serde_json::json!([]));
    let detail: serde_json::Value = api
        .get(&format!("/api/v1/requests/{collective}"))
        .await
        .json()
        .await
        .unwrap();
    assert!(detail["department_id"].is_null(), "{detail}");
    let list: serde_json::Value = api.get("/api/v1/requests").await.json().await.unwrap();
    let ids: Vec<i64> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, vec![collective]);

    // What the committee member records is theirs: its thread and comments are open to them.
    let res = post_request(
        &browser,
        &[
            ("building_id", &w.building.to_string()),
            ("category_id", &w.category.to_string()),
            ("urgency", "normal"),
            ("description", "La porte du hall ferme mal."),
            ("parent_id", "none"),
        ],
        Vec::new(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let own = res.headers()["location"]
        .to_str()
        .unwrap()
        .trim_start_matches("/requests/")
        .parse::<i64>()
        .unwrap();
    let res = browser
        .post_form(
            &format!("/requests/{own}/comments"),
            &[("body", "Elle ne ferme plus du tout")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, page) = browser.get_text(&format!("/requests/{own}")).await;
    assert!(page.contains("Elle ne ferme plus du tout"));
}

#[actix_web::test]
async fn look_alike_suggestions_come_only_from_the_callers_scope() {
    let app = spawn_app().await;
    let w = world(&app, "OH Test");
    let committee = committee_of(&app, &w);
    let private = private_request(&app, &w, "a@example.org");
    let browser = app.login(&committee).await;
    let form = [
        ("building_id", w.building.to_string()),
        ("category_id", w.category.to_string()),
        ("urgency", "normal".to_owned()),
        ("description", "Ça coule encore".to_owned()),
    ];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = post_request(&browser, &form, Vec::new()).await;
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "a tenant's own open request #{private} is never offered to a committee member"
    );

    let collective = record(&app, &w.isc, w.building, w.category, None);
    let res = post_request(&browser, &form, Vec::new()).await;
    assert_eq!(
        res.status(),
        StatusCode::OK,
        "the building-level issue is offered"
    );
    let page = res.text().await.unwrap();
    assert!(page.contains(&format!("#{collective}")));
    assert!(!page.contains(&format!("#{private}")));
}

#[actix_web::test]
async fn staff_see_their_department_and_what_they_recorded_and_notes_reach_only_their_audience() {
    let app = spawn_app().await;
    let w = world(&app, "OH Test");
    let office = w.admin.office_id;
    let staff = app.user(office, "staff");
    app.db(|c| {
        diesel::update(users::table.find(staff.id))
            .set(users::department_id.eq(w.department))
            .execute(c)
            .unwrap()
    });
    let private = private_request(&app, &w, "a@example.org");
    let isc = app.login(&w.isc).await;
    for (body, audience) in [
        ("Pour le locataire : on passe mardi", "tenant"),
        ("Pour le personnel : clé chez le concierge", "staff"),
        ("Réservé ISC : suivi psychosocial en cours", "isc"),
    ] {
        let res = isc
            .post_form(
                &format!("/requests/{private}/comments"),
                &[("body", body), ("audience", audience)],
            )
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{audience}");
    }
    let (_, page) = isc.get_text(&format!("/requests/{private}")).await;
    assert!(page.contains("Réservé ISC") && page.contains("Pour le personnel"));

    let browser = app.login(&staff).await;
    let (status, page) = browser.get_text(&format!("/requests/{private}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Pour le personnel") && page.contains("Pour le locataire"));
    assert!(
        !page.contains("suivi psychosocial"),
        "psychosocial notes never reach a department"
    );
    let api = app.api(&staff).await;
    let comments = api
        .get(&format!("/api/v1/requests/{private}/comments"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!comments.contains("psychosocial") && comments.contains("concierge"));
    // Nor can they, or an administrator, write for an audience they do not read.
    let res = browser
        .post_form(
            &format!("/requests/{private}/comments"),
            &[("body", "Test"), ("audience", "isc")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let admin = app.login(&w.admin).await;
    let (_, page) = admin.get_text(&format!("/requests/{private}")).await;
    assert!(!page.contains("suivi psychosocial"));

    // A request of another department that the staff member recorded stays in their sight.
    let other = app.db(|c| {
        use passerelle::db::schema::request_categories as rc;
        rc::table
            .filter(rc::office_id.eq(office))
            .filter(rc::code.eq("bruit"))
            .select(rc::id)
            .first::<i64>(c)
            .unwrap()
    });
    let recorded = record(&app, &staff, w.building, other, None);
    let elsewhere = record(&app, &w.isc, w.building, other, None);
    assert_eq!(
        browser.get(&format!("/requests/{recorded}")).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        browser
            .get(&format!("/requests/{elsewhere}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[actix_web::test]
async fn reading_a_tenants_request_is_logged_and_a_building_issue_is_not() {
    let app = spawn_app().await;
    let w = world(&app, "OH Test");
    let private = private_request(&app, &w, "a@example.org");
    let collective = record(&app, &w.isc, w.building, w.category, None);
    let isc = app.login(&w.isc).await;
    let logged = |app: &TestApp, id: i64, channel: &str| {
        app.db(|c| {
            access_log::table
                .filter(access_log::record_kind.eq("request"))
                .filter(access_log::record_id.eq(id))
                .filter(access_log::channel.eq(channel))
                .count()
                .get_result::<i64>(c)
                .unwrap()
        })
    };
    assert_eq!(
        isc.get(&format!("/requests/{private}")).await.status(),
        StatusCode::OK
    );
    isc.get(&format!("/requests/{collective}")).await;
    let api = app.api(&w.isc).await;
    api.get(&format!("/api/v1/requests/{private}")).await;
    assert_eq!(logged(&app, private, "page"), 1);
    assert_eq!(logged(&app, private, "api"), 1);
    assert_eq!(logged(&app, collective, "page"), 0);

    let res = isc.get("/requests.csv").await;
    assert_eq!(res.status(), StatusCode::OK);
    let rows: Vec<i32> = app.db(|c| {
        access_log::table
            .filter(access_log::channel.eq("csv"))
            .select(access_log::row_count)
            .load(c)
            .unwrap()
    });
    assert_eq!(rows, vec![1], "the export is logged with its personal rows");
}
