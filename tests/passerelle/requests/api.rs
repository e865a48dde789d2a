use reqwest::StatusCode;
use serde_json::json;

use super::{png, tenant, world, NewTenant};
use crate::helpers::{json_of, spawn_app_with};

#[actix_web::test]
async fn the_api_records_moves_links_and_lists_requests_with_versions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_string_lossy().into_owned();
    let app = spawn_app_with(|s| s.uploads.dir = path.clone()).await;
    let w = world(&app, "OH Test");
    let (_, t) = tenant(
        &app,
        w.admin.office_id,
        NewTenant {
            building: w.building,
            email: "a@example.org",
            consent_email: true,
            ..Default::default()
        },
    );
    let api = app.api(&w.isc).await;
    let body = json!({"building_id": w.building, "category_id": w.category, "tenant_id": t, "urgency": "urgent", "description": "Porte d'entrée brisée"});
    let created = json_of(
        api.post("/api/v1/requests", &body).await,
        StatusCode::CREATED,
    )
    .await;
    let id = created["id"].as_i64().unwrap();
    assert_eq!(created["status"], "new");
    assert_eq!(created["version"], 1);
    let bad = json_of(
        api.post(
            "/api/v1/requests",
            &json!({"building_id": 999999, "category_id": w.category, "description": ""}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let fields: Vec<&str> = bad["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["description"]);
    let moved = json_of(
        api.post(
            &format!("/api/v1/requests/{id}/steps"),
            &json!({"version": 1, "step": "route"}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (moved["status"].as_str(), moved["version"].as_i64()),
        (Some("routed"), Some(2))
    );
    let stale = json_of(
        api.post(
            &format!("/api/v1/requests/{id}/steps"),
            &json!({"version": 1, "step": "start"}),
        )
        .await,
        StatusCode::CONFLICT,
    )
    .await;
    assert!(stale["title"].as_str().unwrap().contains("modifiée"));
    let refused = json_of(
        api.post(
            &format!("/api/v1/requests/{id}/steps"),
            &json!({"version": 2, "step": "close"}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refused["errors"][0]["field"], "step");
    json_of(
        api.post(
            &format!("/api/v1/requests/{id}/comments"),
            &json!({"body": "Serrurier appelé", "visible": true}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let comments = json_of(
        api.get(&format!("/api/v1/requests/{id}/comments")).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(comments[0]["body"], "Serrurier appelé");
    let steps = json_of(
        api.get(&format!("/api/v1/requests/{id}/steps")).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(steps.as_array().unwrap().len(), 2, "recorded, routed");
    let list = json_of(
        api.get("/api/v1/requests?status=routed&urgency=urgent")
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(list["total"], 1);
    let none = json_of(
        api.get("/api/v1/requests?status=closed").await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(none["total"], 0);
    json_of(
        api.get("/api/v1/requests?status=perdue").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    // Photos, multipart.
    let form = reqwest::multipart::Form::new().part(
        "photos",
        reqwest::multipart::Part::bytes(png()).file_name("p.png"),
    );
    let res = api
        .http
        .post(format!("{}/api/v1/requests/{id}/photos", api.address))
        .bearer_auth(&api.token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let detail = json_of(res, StatusCode::CREATED).await;
    let photo = detail["photo_ids"][0].as_i64().unwrap();
    let res = api
        .get(&format!("/api/v1/requests/{id}/photos/{photo}"))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.bytes().await.unwrap().to_vec(), png());
    // Link another report under this one.
    let other = json_of(api.post("/api/v1/requests", &json!({"building_id": w.building, "category_id": w.category, "description": "Même porte"})).await, StatusCode::CREATED).await;
    let oid = other["id"].as_i64().unwrap();
    let linked = json_of(
        api.post(
            &format!("/api/v1/requests/{oid}/link"),
            &json!({"version": 1, "parent_id": id}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(linked["parent_id"], id);
    let parent = json_of(
        api.get(&format!("/api/v1/requests/{id}")).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(parent["children"], json!([oid]));
    // Another office: 404.
    let stranger = world(&app, "OH Ailleurs");
    let api2 = app.api(&stranger.isc).await;
    json_of(
        api2.get(&format!("/api/v1/requests/{id}")).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let doc = json_of(api.get("/api/v1/openapi.json").await, StatusCode::OK).await;
    assert!(doc["paths"]["/api/v1/requests/{id}/steps"]["post"].is_object());
}
