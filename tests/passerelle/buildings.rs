//! The buildings registry, in pages and through the API: validation, search, scope, roles, export,
//! and a bounded number of queries whatever the data size.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{building, json_of, spawn_app};

#[actix_web::test]
async fn an_administrator_adds_a_building_and_bad_input_is_redisplayed_with_messages() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let browser = app.login(&admin).await;
    let res = browser
        .post_form(
            "/buildings",
            &[
                ("name", ""),
                ("address", "5 rue du Parc"),
                ("municipality", "Laval"),
                ("postal_code", "123"),
                ("dwelling_count", "beaucoup"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(page.contains("Ce champ est obligatoire."));
    assert!(page.contains("Entrez un code postal canadien"));
    assert!(page.contains("Entrez un nombre entier."));
    assert!(
        page.contains("value=\"5 rue du Parc\""),
        "what was typed is kept"
    );
    assert_eq!(
        app.db(|c| passerelle::registry::buildings::list_all(c, admin.office_id))
            .unwrap()
            .len(),
        0
    );

    let res = browser
        .post_form(
            "/buildings",
            &[
                ("name", "Habitations Saint-Michel"),
                ("address", "5 rue du Parc"),
                ("municipality", "Laval"),
                ("postal_code", "h7n1a1"),
                ("dwelling_count", "48"),
                ("clientele", "aines"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    let (status, page) = browser.get_text(&location).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("Habitations Saint-Michel")
            && page.contains("H7N 1A1")
            && page.contains("Aînés")
    );
}

#[actix_web::test]
async fn search_ignores_accents_case_and_saint_abbreviations() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    building(&app, admin.office_id, "Résidence Hélène-Boullé");
    building(&app, admin.office_id, "Les Jardins Sainte-Thérèse");
    building(&app, admin.office_id, "Place Viger");
    let browser = app.login(&admin).await;
    let (_, page) = browser.get_text("/buildings?q=helene").await;
    assert!(page.contains("Hélène-Boullé") && !page.contains("Place Viger"));
    let (_, page) = browser.get_text("/buildings?q=ste-therese").await;
    assert!(page.contains("Jardins Sainte-Thérèse") && !page.contains("Hélène"));
    let (_, page) = browser.get_text("/buildings?q=JARDINS%20therese").await;
    assert!(page.contains("Jardins Sainte-Thérèse"));
    let (_, page) = browser.get_text("/buildings?q=viger%20helene").await;
    assert!(
        page.contains("Aucun résultat"),
        "every word of the query must match"
    );

    let api = app.api(&admin).await;
    let body = json_of(api.get("/api/v1/buildings?q=HELENE").await, StatusCode::OK).await;
    assert_eq!(body["total"], 1);
    assert_eq!(body["items"][0]["name"], "Résidence Hélène-Boullé");
}

#[actix_web::test]
async fn lists_are_paginated() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    for i in 0..55 {
        building(&app, admin.office_id, &format!("Immeuble {i:03}"));
    }
    let browser = app.login(&admin).await;
    let (_, first) = browser.get_text("/buildings").await;
    assert!(first.contains("Immeuble 049") && !first.contains("Immeuble 050"));
    assert!(first.contains("href=\"/buildings?page&#x3D;2\" rel=\"next\""));
    let (_, second) = browser.get_text("/buildings?page=2").await;
    assert!(second.contains("Immeuble 054") && !second.contains("Immeuble 000"));
    let api = app.api(&admin).await;
    let body = json_of(
        api.get("/api/v1/buildings?page=2&per_page=50").await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(body["items"].as_array().unwrap().len(), 5);
    assert_eq!(body["total"], 55);
}

#[actix_web::test]
async fn another_offices_buildings_are_not_found_in_pages_and_api() {
    let app = spawn_app().await;
    let ours = app.office("OH Laval");
    let theirs = app.office("OH Longueuil");
    let id = building(&app, theirs.office_id, "Chez les voisins");
    let browser = app.login(&ours).await;
    for path in [format!("/buildings/{id}"), format!("/buildings/{id}/edit")] {
        assert_eq!(
            browser.get(&path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let res = browser
        .post_form(
            &format!("/buildings/{id}"),
            &[
                ("name", "Pris"),
                ("address", "1 rue A"),
                ("municipality", "Laval"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = browser
        .post_form(
            &format!("/buildings/{id}"),
            &[("name", ""), ("address", ""), ("municipality", "")],
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::NOT_FOUND,
        "invalid input for a foreign record is still not found"
    );
    assert_eq!(
        browser
            .post_form(&format!("/buildings/{id}/delete"), &[])
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let (_, list) = browser.get_text("/buildings").await;
    assert!(!list.contains("Chez les voisins"));
    let (_, csv) = browser.get_text("/buildings.csv").await;
    assert!(!csv.contains("Chez les voisins"));

    let api = app.api(&ours).await;
    let path = format!("/api/v1/buildings/{id}");
    assert_eq!(api.get(&path).await.status(), StatusCode::NOT_FOUND);
    let body = json!({"name": "Pris", "address": "1 rue A", "municipality": "Laval"});
    assert_eq!(api.put(&path, &body).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(api.delete(&path).await.status(), StatusCode::NOT_FOUND);
    let theirs_now = app
        .db(|c| passerelle::registry::buildings::find(c, theirs.office_id, id))
        .unwrap();
    assert_eq!(theirs_now.name, "Chez les voisins");
}

#[actix_web::test]
async fn only_administrators_change_the_registry_and_tenants_see_none_of_it() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let id = building(&app, admin.office_id, "Les Pins");
    let staff = app.login(&app.user(admin.office_id, "staff")).await;
    assert_eq!(
        staff.get(&format!("/buildings/{id}")).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        staff.get("/buildings/new").await.status(),
        StatusCode::FORBIDDEN
    );
    let res = staff
        .post_form(
            "/buildings",
            &[
                ("name", "X"),
                ("address", "1 rue A"),
                ("municipality", "Laval"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let tenant = app.login(&app.user(admin.office_id, "tenant")).await;
    assert_eq!(
        tenant.get("/buildings").await.status(),
        StatusCode::FORBIDDEN
    );
    let isc_api = app.api(&app.user(admin.office_id, "isc")).await;
    let res = isc_api
        .post(
            "/api/v1/buildings",
            &json!({"name": "X", "address": "1 rue A", "municipality": "Laval"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
}

#[actix_web::test]
async fn the_api_answers_bad_input_with_translated_problem_details() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let api = app.api(&admin).await;
    let res = api
        .post(
            "/api/v1/buildings",
            &json!({"name": "", "address": "1 rue A", "municipality": "x".repeat(200)}),
        )
        .await;
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let problem = json_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    let errors = problem["errors"].as_array().unwrap();
    assert!(errors.iter().any(|e| e["field"] == "name"
        && e["code"] == "required"
        && e["message"] == "Ce champ est obligatoire."));
    assert!(errors
        .iter()
        .any(|e| e["field"] == "municipality" && e["code"] == "too-long"));

    let res = api
        .post(
            "/api/v1/buildings",
            &json!({"name": "A", "dwelling_count": "douze"}),
        )
        .await;
    let problem = json_of(res, StatusCode::BAD_REQUEST).await;
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("dwelling_count")
            || problem["detail"].as_str().unwrap().contains("i32")
    );
    let res = api
        .http
        .post(format!("{}/api/v1/buildings", app.address))
        .bearer_auth(&api.token)
        .header("content-type", "application/json")
        .header("accept-language", "en")
        .body("{not json")
        .send()
        .await
        .unwrap();
    let problem = json_of(res, StatusCode::BAD_REQUEST).await;
    assert_eq!(
        problem["title"],
        "The request body is not valid JSON for this operation."
    );
    assert_eq!(
        api.get("/api/v1/buildings/abc").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.db(|c| passerelle::registry::buildings::list_all(c, admin.office_id))
            .unwrap()
            .len(),
        0
    );

    let created = json_of(api.post("/api/v1/buildings", &json!({"name": "Les Pins", "address": "1 rue A", "municipality": "Laval", "dwelling_count": 12})).await, StatusCode::CREATED).await;
    let id = created["id"].as_i64().unwrap();
    let updated = json_of(
        api.put(
            &format!("/api/v1/buildings/{id}"),
            &json!({"name": "Les Grands Pins", "address": "1 rue A", "municipality": "Laval"}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(updated["name"], "Les Grands Pins");
    assert_eq!(
        api.delete(&format!("/api/v1/buildings/{id}"))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        api.get(&format!("/api/v1/buildings/{id}")).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[actix_web::test]
async fn the_csv_export_lists_the_offices_buildings_with_import_headers() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    building(&app, admin.office_id, "Résidence Hélène");
    let browser = app.login(&admin).await;
    let res = browser.get("/buildings.csv").await;
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    let body = res.text().await.unwrap();
    let mut lines = body.lines();
    assert_eq!(
        lines.next(),
        Some("id,nom,adresse,municipalite,code_postal,logements,clientele")
    );
    assert!(lines.next().unwrap().contains("Résidence Hélène"));
}

#[actix_web::test]
async fn the_building_list_and_page_run_as_many_queries_for_ten_rows_as_for_a_thousand() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let browser = app.login(&admin).await;
    let count = |path: String| {
        let browser = &browser;
        let app = &app;
        async move {
            let before = app.queries();
            assert_eq!(browser.get(&path).await.status(), StatusCode::OK, "{path}");
            app.queries() - before
        }
    };
    let small = building(&app, admin.office_id, "Petit immeuble");
    for i in 0..9 {
        building(&app, admin.office_id, &format!("Immeuble {i}"));
    }
    let list_small = count("/buildings?q=immeuble".into()).await;
    let show_small = count(format!("/buildings/{small}")).await;
    let big = building(&app, admin.office_id, "Grand immeuble");
    app.db(|c| {
        passerelle::db::write_tx(c, |c| -> Result<(), diesel::result::Error> {
            use diesel::prelude::*;
            use passerelle::db::schema::{buildings, dwellings};
            for i in 0..990 {
                diesel::insert_into(buildings::table)
                    .values((
                        buildings::office_id.eq(admin.office_id),
                        buildings::name.eq(format!("Immeuble n{i}")),
                        buildings::address.eq("1 rue A"),
                        buildings::municipality.eq("Laval"),
                        buildings::search_text.eq(format!("immeuble n{i} 1 rue a laval")),
                        buildings::created_at.eq(passerelle::db::now()),
                        buildings::updated_at.eq(passerelle::db::now()),
                    ))
                    .execute(c)?;
                diesel::insert_into(dwellings::table)
                    .values((
                        dwellings::office_id.eq(admin.office_id),
                        dwellings::building_id.eq(big),
                        dwellings::number.eq(format!("{i}")),
                        dwellings::created_at.eq(passerelle::db::now()),
                    ))
                    .execute(c)?;
            }
            Ok(())
        })
        .unwrap()
    });
    assert_eq!(count("/buildings?q=immeuble".into()).await, list_small);
    assert_eq!(count(format!("/buildings/{big}")).await, show_small);
}
