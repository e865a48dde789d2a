//! The privacy officer: named by the administrator (page or API), read by anyone of the office.

use reqwest::StatusCode;
use serde_json::json;

use super::world;
use crate::helpers::json_of;

#[actix_web::test]
async fn the_administrator_names_the_privacy_officer_and_the_office_can_read_who_it_is() {
    let w = world("Office d'habitation de Rimouski").await;
    let admin = w.app.login(&w.admin).await;
    let (status, page) = admin.get_text("/privacy/officer").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("name=\"privacy_officer_name\""));
    let fields = [
        ("privacy_officer_name", "Josée Lavoie"),
        ("privacy_officer_email", "Vie.Privee@oh.example.org"),
        ("privacy_officer_phone", "418 555-0123"),
    ];
    let res = admin.post_form("/privacy/officer", &fields).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let api = w.app.api(&w.isc).await;
    let officer = json_of(api.get("/api/v1/privacy/officer").await, StatusCode::OK).await;
    assert_eq!(officer["name"], "Josée Lavoie");
    assert_eq!(officer["email"], "vie.privee@oh.example.org");
    let res = api
        .put(
            "/api/v1/privacy/officer",
            &json!({"privacy_officer_name": "X"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    let admin_api = w.app.api(&w.admin).await;
    let nameless = json!({"privacy_officer_email": "a@example.org"});
    let problem = json_of(
        admin_api.put("/api/v1/privacy/officer", &nameless).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "privacy_officer_name");
    let bad = [
        ("privacy_officer_name", "Josée Lavoie"),
        ("privacy_officer_email", "pas un courriel"),
    ];
    let res = admin.post_form("/privacy/officer", &bad).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("aria-invalid=\"true\""));
}

#[test]
fn the_public_partial_names_the_officer_and_shows_nothing_when_none_is_named() {
    let templates = passerelle::web::templates::registry().unwrap();
    let named = json!({"lang": "en", "officer": {"name": "Josée Lavoie", "email": "vp@example.org", "phone": ""}});
    let html = templates
        .render("privacy/partials/officer_public", &named)
        .unwrap();
    assert!(
        html.contains("Protection of personal information")
            && html.contains("mailto:vp@example.org")
    );
    assert!(!html.contains("tel:"));
    let none = json!({"lang": "fr", "officer": null});
    let html = templates
        .render("privacy/partials/officer_public", &none)
        .unwrap();
    assert_eq!(html.trim(), "");
}
