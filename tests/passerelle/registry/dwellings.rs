//! Dwellings from a building's page: forms, the door-number rule, deletion, and the CSV export.

use reqwest::StatusCode;
use serde_json::json;

use super::{dwelling, numbers, tenant_in};
use crate::helpers::{building, json_of, spawn_app, TestApp};

#[actix_web::test]
async fn an_administrator_adds_a_dwelling_and_bad_input_is_redisplayed() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let b = building(&app, admin.office_id, "Les Pins");
    let browser = app.login(&admin).await;
    let (status, form) = browser
        .get_text(&format!("/buildings/{b}/dwellings/new"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("<label for=\"adapted\">"));

    let path = format!("/buildings/{b}/dwellings");
    let res = browser
        .post_form(&path, &[("number", "101"), ("bedrooms", "11")])
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(page.contains("La valeur doit être d&#x27;au plus 10."));
    assert!(page.contains("value=\"101\""), "what was typed is kept");
    assert!(page.contains("aria-describedby=\"bedrooms-error\""));
    let res = browser
        .post_form(&path, &[("number", " "), ("bedrooms", "")])
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(numbers(&app, admin.office_id, b).is_empty());

    let res = browser
        .post_form(
            &path,
            &[("number", "101"), ("bedrooms", "3"), ("adapted", "on")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        res.headers()["location"],
        format!("/buildings/{b}").as_str()
    );

    let id = app
        .db(|c| passerelle::registry::dwellings::list(c, admin.office_id, Some(b), 0, 10))
        .unwrap()
        .0[0]
        .id;
    let (_, form) = browser.get_text(&format!("/dwellings/{id}/edit")).await;
    assert!(form.contains("value=\"3\"") && form.contains(" checked") && form.contains("Les Pins"));
    let res = browser
        .post_form(
            &format!("/dwellings/{id}"),
            &[("number", "101"), ("bedrooms", "-1")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let res = browser
        .post_form(
            &format!("/dwellings/{id}"),
            &[("number", "101A"), ("bedrooms", "2")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let d = app
        .db(|c| passerelle::registry::dwellings::find(c, admin.office_id, id.get()))
        .unwrap();
    assert_eq!(
        (d.number.as_str(), d.bedrooms, d.adapted),
        ("101A", 2, false)
    );
    let res = browser
        .post_form(&format!("/dwellings/{id}/delete"), &[])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        res.headers()["location"],
        format!("/buildings/{b}").as_str()
    );
    assert!(numbers(&app, admin.office_id, b).is_empty());
}

#[actix_web::test]
async fn a_door_number_is_unique_within_its_building_with_a_clear_message() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let pins = building(&app, admin.office_id, "Les Pins");
    let ormes = building(&app, admin.office_id, "Les Ormes");
    dwelling(&app, admin.office_id, pins, "101");
    let other = dwelling(&app, admin.office_id, pins, "102");
    let browser = app.login(&admin).await;
    let res = browser
        .post_form(
            &format!("/buildings/{pins}/dwellings"),
            &[("number", "101"), ("bedrooms", "1")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(page.contains("Ce numéro de logement existe déjà dans cet immeuble."));
    assert!(page.contains("aria-describedby=\"number-error\""));
    let res = browser
        .post_form(
            &format!("/dwellings/{other}"),
            &[("number", "101"), ("bedrooms", "1")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Ce numéro de logement existe déjà"));
    assert_eq!(numbers(&app, admin.office_id, pins), ["101", "102"]);
    let res = browser
        .post_form(
            &format!("/dwellings/{other}"),
            &[("number", "102"), ("bedrooms", "4")],
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "keeping its own number is fine"
    );

    let res = browser
        .post_form(
            &format!("/buildings/{ormes}/dwellings"),
            &[("number", "101"), ("bedrooms", "1")],
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "another building may use the same number"
    );

    let api = app.api(&admin).await;
    let res = api
        .post(
            "/api/v1/dwellings",
            &json!({"building_id": pins, "number": "101", "bedrooms": 1}),
        )
        .await;
    let problem = json_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(problem["errors"][0]["field"], "number");
    assert_eq!(problem["errors"][0]["code"], "dwelling-number-taken");
    let res = api
        .put(
            &format!("/api/v1/dwellings/{other}"),
            &json!({"number": "101", "bedrooms": 1}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(numbers(&app, admin.office_id, pins), ["101", "102"]);
}

#[actix_web::test]
async fn a_dwelling_with_tenants_is_not_deleted() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let b = building(&app, admin.office_id, "Les Pins");
    let id = dwelling(&app, admin.office_id, b, "101");
    tenant_in(&app, admin.office_id, id);
    let browser = app.login(&admin).await;
    let res = browser
        .post_form(&format!("/dwellings/{id}/delete"), &[])
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("sont inscrits à ce logement"));
    let problem = json_of(api_delete(&app, &admin, id).await, StatusCode::CONFLICT).await;
    assert!(problem["title"]
        .as_str()
        .unwrap()
        .contains("il ne peut pas être supprimé"));
    assert_eq!(numbers(&app, admin.office_id, b), ["101"]);
}

async fn api_delete(app: &TestApp, user: &crate::helpers::TestUser, id: i64) -> reqwest::Response {
    app.api(user)
        .await
        .delete(&format!("/api/v1/dwellings/{id}"))
        .await
}
#[actix_web::test]
async fn the_csv_export_lists_the_offices_dwellings_with_import_headers() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let helene = building(&app, admin.office_id, "Résidence Hélène");
    let pins = building(&app, admin.office_id, "Les Pins");
    dwelling(&app, admin.office_id, helene, "10");
    dwelling(&app, admin.office_id, helene, "2");
    let browser = app.login(&admin).await;
    let res = browser
        .post_form(
            &format!("/buildings/{pins}/dwellings"),
            &[("number", "3"), ("bedrooms", "0"), ("adapted", "on")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = browser.get("/dwellings.csv").await;
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("logements.csv"));
    let body = res.text().await.unwrap();
    let rows: Vec<Vec<&str>> = body
        .lines()
        .map(|l| l.split_once(',').unwrap().1.split(',').collect())
        .collect();
    assert_eq!(
        body.lines().next(),
        Some("id,immeuble_id,immeuble,numero,chambres,adapte")
    );
    let (p, h) = (pins.to_string(), helene.to_string());
    assert_eq!(
        rows[1..],
        [
            vec![p.as_str(), "Les Pins", "3", "0", "oui"],
            vec![h.as_str(), "Résidence Hélène", "2", "2", "non"],
            vec![h.as_str(), "Résidence Hélène", "10", "2", "non"],
        ]
    );
}

#[actix_web::test]
async fn a_buildings_page_shows_its_new_room_and_dwelling() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let b = building(&app, admin.office_id, "Les Pins");
    let browser = app.login(&admin).await;
    let (_, before) = browser.get_text(&format!("/buildings/{b}")).await;
    assert!(
        before.contains("Aucune salle communautaire.")
            && before.contains("Aucun logement inscrit.")
    );
    let res = browser
        .post_form(
            &format!("/buildings/{b}/rooms"),
            &[("name", "Salle du jardin"), ("capacity", "30")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = browser
        .post_form(
            &format!("/buildings/{b}/dwellings"),
            &[("number", "204"), ("bedrooms", "3"), ("adapted", "on")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    let (status, page) = browser.get_text(&location).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Modifications enregistrées."));
    assert!(page.contains("Salle du jardin") && page.contains("30 places"));
    let room_id = app
        .db(|c| passerelle::registry::rooms::list_for_building(c, admin.office_id, b))
        .unwrap()[0]
        .id;
    assert!(page.contains(&format!("href=\"/rooms/{room_id}/edit\"")));
    assert!(page.contains(">204</a>") && page.contains("<td class=\"num\">3</td>"));
}
