//! The office's own page and API.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{json_of, spawn_app};

fn office_name(app: &crate::helpers::TestApp, office_id: i64) -> String {
    app.db(|c| passerelle::registry::office::find(c, office_id))
        .unwrap()
        .name
}

#[actix_web::test]
async fn the_administration_hub_shows_the_office_and_leads_to_every_admin_page() {
    let app = spawn_app().await;
    let admin = app.office("OH des Laurentides");
    let browser = app.login(&admin).await;
    let (status, page) = browser.get_text("/office").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("OH des Laurentides") && page.contains("office@example.org"));
    for link in [
        "/departments",
        "/users",
        "/import",
        "/buildings",
        "/dwellings.csv",
    ] {
        assert!(page.contains(&format!("href=\"{link}\"")), "{link}");
    }
}

#[actix_web::test]
async fn an_administrator_edits_the_office_and_bad_input_is_redisplayed_with_messages() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let browser = app.login(&admin).await;
    let res = browser
        .post_form(
            "/office",
            &[
                ("name", ""),
                ("region", "Outaouais"),
                ("contact_email", "pas-un-courriel"),
                ("contact_phone", &"8".repeat(31)),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(page.contains("Ce champ est obligatoire."));
    assert!(page.contains("Entrez une adresse courriel valide."));
    assert!(page.contains("Ce champ est trop long (30 caractères au plus)."));
    assert!(
        page.contains("value=\"Outaouais\""),
        "what was typed is kept"
    );
    assert!(page.contains("aria-describedby=\"contact_email-error\""));
    assert_eq!(office_name(&app, admin.office_id), "OH Test");

    let res = browser
        .post_form(
            "/office",
            &[
                ("name", "Office d'habitation de l'Outaouais"),
                ("region", "Outaouais"),
                ("contact_email", "Info@OHO.qc.ca"),
                ("contact_phone", "819 555-1234"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"], "/office");
    let (_, page) = browser.get_text("/office").await;
    assert!(page.contains("Modifications enregistrées."));
    assert!(page.contains("info@oho.qc.ca") && page.contains("819 555-1234"));
    assert_eq!(
        office_name(&app, admin.office_id),
        "Office d'habitation de l'Outaouais"
    );
}

#[actix_web::test]
async fn every_role_reads_its_own_office_through_the_api_and_only_administrators_change_it() {
    let app = spawn_app().await;
    let admin = app.office("OH Laval");
    app.office("OH Longueuil");
    for role in ["isc", "staff", "committee", "tenant"] {
        let api = app.api(&app.user(admin.office_id, role)).await;
        let body = json_of(api.get("/api/v1/office").await, StatusCode::OK).await;
        assert_eq!(body["name"], "OH Laval", "{role}");
        assert_eq!(body["id"], admin.office_id);
        let res = api.put("/api/v1/office", &json!({"name": "Pris"})).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{role}");
    }
    let isc = app.login(&app.user(admin.office_id, "isc")).await;
    assert_eq!(isc.get("/office").await.status(), StatusCode::FORBIDDEN);
    let res = isc.post_form("/office", &[("name", "Pris")]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(office_name(&app, admin.office_id), "OH Laval");

    let api = app.api(&admin).await;
    let res = api
        .put(
            "/api/v1/office",
            &json!({"name": "x".repeat(201), "region": "y".repeat(101), "contact_email": "a@b"}),
        )
        .await;
    let problem = json_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    let fields: Vec<_> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(fields, ["contact_email", "name", "region"]);
    let body = json_of(
        api.put(
            "/api/v1/office",
            &json!({"name": "OH de Laval", "region": "Laval", "contact_email": "accueil@ohl.qc.ca", "contact_phone": "450 555-0000"}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(body["name"], "OH de Laval");
    assert_eq!(body["contact_phone"], "450 555-0000");
    let body = json_of(api.get("/api/v1/office").await, StatusCode::OK).await;
    assert_eq!(body["region"], "Laval");
}
