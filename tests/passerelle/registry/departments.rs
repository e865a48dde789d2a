//! Departments, in pages and through the API.

use reqwest::StatusCode;
use serde_json::json;

use super::department;
use crate::helpers::{json_of, spawn_app, TestApp};

fn count(app: &TestApp, office_id: i64) -> usize {
    app.db(|c| passerelle::registry::departments::list_all(c, office_id))
        .unwrap()
        .len()
}

#[actix_web::test]
async fn an_administrator_manages_departments_and_bad_input_is_redisplayed() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let browser = app.login(&admin).await;
    let (status, page) = browser.get_text("/departments/new").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<label for=\"email\">"));

    let res = browser
        .post_form(
            "/departments",
            &[("name", "Entretien"), ("email", "entretien-sans-arobase")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(page.contains("Entrez une adresse courriel valide."));
    assert!(
        page.contains("value=\"Entretien\""),
        "what was typed is kept"
    );
    assert_eq!(count(&app, admin.office_id), 0);

    let res = browser
        .post_form(
            "/departments",
            &[("name", "Entretien"), ("email", "entretien@oh.qc.ca")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"], "/departments");
    let (_, list) = browser.get_text("/departments").await;
    assert!(list.contains("Entretien") && list.contains("entretien@oh.qc.ca"));

    let id = app
        .db(|c| passerelle::registry::departments::list_all(c, admin.office_id))
        .unwrap()[0]
        .id;
    let (_, form) = browser.get_text(&format!("/departments/{id}/edit")).await;
    assert!(form.contains("value=\"entretien@oh.qc.ca\""));
    let res = browser
        .post_form(
            &format!("/departments/{id}"),
            &[("name", ""), ("email", "entretien@oh.qc.ca")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Ce champ est obligatoire."));
    let res = browser
        .post_form(
            &format!("/departments/{id}"),
            &[
                ("name", "Direction de l'entretien"),
                ("email", "travaux@oh.qc.ca"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let d = app
        .db(|c| passerelle::registry::departments::find(c, admin.office_id, id.get()))
        .unwrap();
    assert_eq!(
        (d.name.as_str(), d.email.as_str()),
        ("Direction de l'entretien", "travaux@oh.qc.ca")
    );

    let res = browser
        .post_form(&format!("/departments/{id}/delete"), &[])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(count(&app, admin.office_id), 0);
}

#[actix_web::test]
async fn the_departments_api_round_trips_and_readers_may_list_but_not_change() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let api = app.api(&admin).await;
    let problem = json_of(
        api.post("/api/v1/departments", &json!({"name": "Sécurité"}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "email");
    assert_eq!(problem["errors"][0]["code"], "required");
    assert_eq!(count(&app, admin.office_id), 0);

    let created = json_of(
        api.post(
            "/api/v1/departments",
            &json!({"name": "Sécurité", "email": "securite@oh.qc.ca"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let id = created["id"].as_i64().unwrap();
    let path = format!("/api/v1/departments/{id}");
    let body = json_of(api.get(&path).await, StatusCode::OK).await;
    assert_eq!(body["email"], "securite@oh.qc.ca");
    let body = json_of(
        api.put(
            &path,
            &json!({"name": "Sécurité et prévention", "email": "securite@oh.qc.ca"}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(body["name"], "Sécurité et prévention");

    let isc = app.api(&app.user(admin.office_id, "isc")).await;
    let list = json_of(isc.get("/api/v1/departments").await, StatusCode::OK).await;
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["name"], "Sécurité et prévention");
    assert_eq!(isc.get(&path).await.status(), StatusCode::OK);
    let body = json!({"name": "X", "email": "x@oh.qc.ca"});
    assert_eq!(
        isc.post("/api/v1/departments", &body).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(isc.put(&path, &body).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(isc.delete(&path).await.status(), StatusCode::FORBIDDEN);
    let tenant = app.api(&app.user(admin.office_id, "tenant")).await;
    assert_eq!(
        tenant.get("/api/v1/departments").await.status(),
        StatusCode::FORBIDDEN
    );
    let staff = app.login(&app.user(admin.office_id, "staff")).await;
    assert_eq!(
        staff.get("/departments").await.status(),
        StatusCode::FORBIDDEN
    );
    let res = staff
        .post_form("/departments", &[("name", "X"), ("email", "x@oh.qc.ca")])
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = staff
        .post_form(&format!("/departments/{id}/delete"), &[])
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    assert_eq!(api.delete(&path).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(api.get(&path).await.status(), StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn a_department_that_accounts_belong_to_is_not_deleted() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let id = department(&app, admin.office_id, "Location");
    let staff = app.user(admin.office_id, "staff");
    app.db(|c| {
        use diesel::prelude::*;
        use passerelle::db::schema::users;
        diesel::update(users::table.find(staff.id))
            .set(users::department_id.eq(id))
            .execute(c)
            .unwrap();
    });
    let browser = app.login(&admin).await;
    let res = browser
        .post_form(&format!("/departments/{id}/delete"), &[])
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Des comptes sont rattachés à cette direction"));
    let api = app.api(&admin).await;
    let res = api.delete(&format!("/api/v1/departments/{id}")).await;
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let problem = json_of(res, StatusCode::CONFLICT).await;
    assert!(problem["title"]
        .as_str()
        .unwrap()
        .starts_with("Des comptes sont rattachés"));
    assert_eq!(count(&app, admin.office_id), 1);
}

#[actix_web::test]
async fn another_offices_departments_are_not_found_in_pages_and_api() {
    let app = spawn_app().await;
    let ours = app.office("OH Laval");
    let theirs = app.office("OH Longueuil");
    let id = department(&app, theirs.office_id, "Direction voisine");
    let browser = app.login(&ours).await;
    assert_eq!(
        browser
            .get(&format!("/departments/{id}/edit"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    for fields in [
        [("name", "Pris"), ("email", "pris@oh.qc.ca")],
        [("name", ""), ("email", "")],
    ] {
        let res = browser
            .post_form(&format!("/departments/{id}"), &fields)
            .await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{fields:?}");
    }
    let res = browser
        .post_form(&format!("/departments/{id}/delete"), &[])
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let (_, list) = browser.get_text("/departments").await;
    assert!(!list.contains("Direction voisine"));

    let api = app.api(&ours).await;
    let path = format!("/api/v1/departments/{id}");
    assert_eq!(api.get(&path).await.status(), StatusCode::NOT_FOUND);
    let body = json!({"name": "Pris", "email": "pris@oh.qc.ca"});
    assert_eq!(api.put(&path, &body).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(api.delete(&path).await.status(), StatusCode::NOT_FOUND);
    let list = json_of(api.get("/api/v1/departments").await, StatusCode::OK).await;
    assert_eq!(list["total"], 0);
    let d = app
        .db(|c| passerelle::registry::departments::find(c, theirs.office_id, id))
        .unwrap();
    assert_eq!(d.name, "Direction voisine");
}

#[actix_web::test]
async fn the_departments_list_exports_to_csv_for_the_office_only() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    department(&app, admin.office_id, "Sécurité");
    let other = app.office("OH Ailleurs");
    department(&app, other.office_id, "Location ailleurs");
    let browser = app.login(&admin).await;
    let (status, csv) = browser.get_text("/departments.csv").await;
    assert_eq!(status, StatusCode::OK);
    assert!(csv.starts_with("id,nom,courriel\n"));
    assert!(csv.contains("Sécurité") && !csv.contains("Location ailleurs"));
}
