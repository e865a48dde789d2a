//! Dwellings through the API, and who may reach them: pagination, references, scope and roles.

use reqwest::StatusCode;
use serde_json::json;

use super::{dwelling, numbers};
use crate::helpers::{building, json_of, spawn_app};

#[actix_web::test]
async fn the_dwellings_api_round_trips_with_pages_and_a_building_filter() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let theirs = app.office("OH Voisin");
    let pins = building(&app, admin.office_id, "Les Pins");
    let ormes = building(&app, admin.office_id, "Les Ormes");
    let foreign = building(&app, theirs.office_id, "Chez les voisins");
    for n in 1..=12 {
        dwelling(&app, admin.office_id, pins, &n.to_string());
    }
    dwelling(&app, admin.office_id, ormes, "1");
    let api = app.api(&admin).await;

    let problem = json_of(
        api.post(
            "/api/v1/dwellings",
            &json!({"building_id": foreign, "number": "9", "bedrooms": 1}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "building_id");
    assert_eq!(problem["errors"][0]["code"], "unknown-reference");
    let problem = json_of(
        api.post("/api/v1/dwellings", &json!({"number": "", "bedrooms": 1}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let fields: Vec<_> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].clone())
        .collect();
    assert_eq!(fields, [json!("building_id"), json!("number")]);
    assert!(numbers(&app, theirs.office_id, foreign).is_empty());

    let created = json_of(
        api.post(
            "/api/v1/dwellings",
            &json!({"building_id": ormes, "number": "2", "bedrooms": 0, "adapted": true}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(
        (
            created["building_id"].as_i64(),
            created["adapted"].as_bool()
        ),
        (Some(ormes), Some(true))
    );
    let id = created["id"].as_i64().unwrap();

    let page = json_of(
        api.get(&format!(
            "/api/v1/dwellings?building_id={pins}&per_page=5&page=3"
        ))
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(page["total"], 12);
    let got: Vec<_> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["number"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(got, ["11", "12"], "door numbers in natural order");
    let all = json_of(api.get("/api/v1/dwellings").await, StatusCode::OK).await;
    assert_eq!(
        (all["total"].as_i64(), all["per_page"].as_i64()),
        (Some(14), Some(50))
    );
    assert_eq!(
        api.get(&format!("/api/v1/dwellings?building_id={foreign}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    let path = format!("/api/v1/dwellings/{id}");
    let body = json_of(
        api.put(
            &path,
            &json!({"building_id": pins, "number": "2B", "bedrooms": 1}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (
            body["number"].as_str(),
            body["building_id"].as_i64(),
            body["adapted"].as_bool()
        ),
        (Some("2B"), Some(ormes), Some(false)),
        "a dwelling does not move between buildings"
    );
    assert_eq!(
        json_of(api.get(&path).await, StatusCode::OK).await["bedrooms"],
        1
    );
    assert_eq!(api.delete(&path).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(api.get(&path).await.status(), StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn another_offices_dwellings_are_not_found_in_pages_and_api() {
    let app = spawn_app().await;
    let ours = app.office("OH Laval");
    let theirs = app.office("OH Longueuil");
    let their_building = building(&app, theirs.office_id, "Chez les voisins");
    let id = dwelling(&app, theirs.office_id, their_building, "7");
    let browser = app.login(&ours).await;
    for path in [
        format!("/buildings/{their_building}/dwellings/new"),
        format!("/dwellings/{id}/edit"),
    ] {
        assert_eq!(
            browser.get(&path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    for path in [
        format!("/buildings/{their_building}/dwellings"),
        format!("/dwellings/{id}"),
    ] {
        for fields in [
            [("number", "8"), ("bedrooms", "1")],
            [("number", ""), ("bedrooms", "99")],
        ] {
            let res = browser.post_form(&path, &fields).await;
            assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path} {fields:?}");
        }
    }
    let res = browser
        .post_form(&format!("/dwellings/{id}/delete"), &[])
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let (_, csv) = browser.get_text("/dwellings.csv").await;
    assert!(!csv.contains("Chez les voisins"));

    let api = app.api(&ours).await;
    let path = format!("/api/v1/dwellings/{id}");
    let body = json!({"number": "8", "bedrooms": 1});
    assert_eq!(api.get(&path).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(api.put(&path, &body).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(api.delete(&path).await.status(), StatusCode::NOT_FOUND);
    let list = json_of(api.get("/api/v1/dwellings").await, StatusCode::OK).await;
    assert_eq!(list["total"], 0);
    assert_eq!(numbers(&app, theirs.office_id, their_building), ["7"]);
}

#[actix_web::test]
async fn only_administrators_change_dwellings_and_other_roles_read_them() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let b = building(&app, admin.office_id, "Les Pins");
    let id = dwelling(&app, admin.office_id, b, "101");
    let staff = app.login(&app.user(admin.office_id, "staff")).await;
    for path in [
        format!("/buildings/{b}/dwellings/new"),
        format!("/dwellings/{id}/edit"),
    ] {
        assert_eq!(
            staff.get(&path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let fields = [("number", "9"), ("bedrooms", "1")];
    for path in [
        format!("/buildings/{b}/dwellings"),
        format!("/dwellings/{id}"),
    ] {
        assert_eq!(
            staff.post_form(&path, &fields).await.status(),
            StatusCode::FORBIDDEN
        );
    }
    let res = staff
        .post_form(&format!("/dwellings/{id}/delete"), &[])
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(staff.get("/dwellings.csv").await.status(), StatusCode::OK);
    let tenant = app.login(&app.user(admin.office_id, "tenant")).await;
    assert_eq!(
        tenant.get("/dwellings.csv").await.status(),
        StatusCode::FORBIDDEN
    );

    let isc = app.api(&app.user(admin.office_id, "isc")).await;
    let path = format!("/api/v1/dwellings/{id}");
    assert_eq!(isc.get(&path).await.status(), StatusCode::OK);
    assert_eq!(isc.get("/api/v1/dwellings").await.status(), StatusCode::OK);
    let body = json!({"building_id": b, "number": "9", "bedrooms": 1});
    assert_eq!(
        isc.post("/api/v1/dwellings", &body).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(isc.put(&path, &body).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(isc.delete(&path).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(numbers(&app, admin.office_id, b), ["101"]);
}
