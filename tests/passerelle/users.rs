//! Account administration, in pages and through the API: creation and sign-in, validation, the
//! rules that keep an office administered, roles, scope, and no password hash in any answer.

use diesel::prelude::*;
use passerelle::db::schema::{departments, users};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{json_of, spawn_app, TestApp};

/// Inserts a department of `office_id` straight into the database.
fn department(app: &TestApp, office_id: i64, name: &str) -> i64 {
    app.db(|c| {
        diesel::insert_into(departments::table)
            .values((
                departments::office_id.eq(office_id),
                departments::name.eq(name),
                departments::email.eq("service@example.org"),
                departments::created_at.eq(passerelle::db::now()),
            ))
            .returning(departments::id)
            .get_result(c)
            .unwrap()
    })
}

fn account_row(app: &TestApp, id: i64) -> (String, bool, Option<i64>) {
    app.db(|c| {
        users::table
            .find(id)
            .select((users::role, users::active, users::department_id))
            .first(c)
            .unwrap()
    })
}

#[actix_web::test]
async fn an_administrator_creates_an_isc_who_can_then_sign_in() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let browser = app.login(&admin).await;
    let (status, form) = browser.get_text("/users/new").await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("Intervenante sociocommunautaire"));
    let res = browser
        .post_form(
            "/users",
            &[
                ("display_name", "Hélène Tremblay"),
                ("email", "Helene.Tremblay@Example.org"),
                ("role", "isc"),
                ("language", "fr"),
                ("password", "un-long-secret"),
                ("password_confirm", "un-long-secret"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, list) = browser.get_text("/users").await;
    assert!(list.contains("Hélène Tremblay") && list.contains("helene.tremblay@example.org"));
    assert!(list.contains("Jamais"), "never signed in yet");
    let (_, filtered) = browser.get_text("/users?role=admin").await;
    assert!(!filtered.contains("Hélène Tremblay"));
    let (_, searched) = browser.get_text("/users?q=TREMBLAY").await;
    assert!(searched.contains("Hélène Tremblay"));

    let isc = app.client();
    let res = isc
        .login("helene.tremblay@example.org", "un-long-secret")
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (status, home) = isc.get_text("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(home.contains("Hélène Tremblay"));
    assert_eq!(isc.get("/journal/new").await.status(), StatusCode::OK);
}

#[actix_web::test]
async fn bad_input_and_a_taken_email_are_redisplayed_with_messages() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let browser = app.login(&admin).await;
    let res = browser
        .post_form(
            "/users",
            &[
                ("display_name", "Marc Gagnon"),
                ("email", &admin.email.to_uppercase()),
                ("role", "isc"),
                ("password", "un-long-secret"),
                ("password_confirm", "un-long-secret"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(page.contains("Un compte utilise déjà ce courriel."));
    assert!(
        page.contains("value=\"Marc Gagnon\""),
        "what was typed is kept"
    );

    let res = browser
        .post_form(
            "/users",
            &[
                ("display_name", ""),
                ("email", "pas-un-courriel"),
                ("role", "roi"),
                ("password", "court"),
                ("password_confirm", "court"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(page.contains("Ce champ est obligatoire."));
    assert!(page.contains("Entrez une adresse courriel valide."));
    assert!(page.contains("Choisissez une des valeurs proposées."));
    assert!(page.contains("au moins 10 caractères"));
    assert!(page.contains("aria-describedby=\"email-error\""));
    let count: i64 = app.db(|c| users::table.count().get_result(c).unwrap());
    assert_eq!(count, 1, "nothing was written");
}

#[actix_web::test]
async fn staff_get_a_department_of_their_office_only() {
    let app = spawn_app().await;
    let admin = app.office("OH Laval");
    let other = app.office("OH Longueuil");
    let ours = department(&app, admin.office_id, "Entretien");
    let theirs = department(&app, other.office_id, "Sécurité");
    let browser = app.login(&admin).await;
    let fields = |dep: String| {
        vec![
            ("display_name".to_owned(), "Luc Roy".to_owned()),
            ("email".to_owned(), "luc.roy@example.org".to_owned()),
            ("role".to_owned(), "staff".to_owned()),
            ("department_id".to_owned(), dep),
            ("password".to_owned(), "un-long-secret".to_owned()),
            ("password_confirm".to_owned(), "un-long-secret".to_owned()),
        ]
    };
    let post = |dep: String| {
        let browser = &browser;
        async move {
            let f = fields(dep);
            let refs: Vec<(&str, &str)> = f.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
            browser.post_form("/users", &refs).await
        }
    };
    let res = post(theirs.to_string()).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("existe pas dans votre office"));
    let (_, form) = browser.get_text("/users/new").await;
    assert!(form.contains("Entretien") && !form.contains("Sécurité"));

    assert_eq!(post(ours.to_string()).await.status(), StatusCode::SEE_OTHER);
    let (_, list) = browser.get_text("/users?role=staff").await;
    assert!(list.contains("Luc Roy") && list.contains("Entretien"));

    let api = app.api(&admin).await;
    let res = api
        .post(
            "/api/v1/users",
            &json!({"display_name": "Ana Diaz", "email": "ana@example.org", "role": "staff",
                    "department_id": theirs, "password": "un-long-secret"}),
        )
        .await;
    let problem = json_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(problem["errors"][0]["field"], "department_id");
    assert_eq!(problem["errors"][0]["code"], "unknown-reference");
}

#[actix_web::test]
async fn the_last_administrator_cannot_demote_or_disable_themself() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let browser = app.login(&admin).await;
    let path = format!("/users/{}", admin.id);
    let res = browser
        .post_form(&path, &[("display_name", "Moi"), ("role", "admin")])
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Vous ne pouvez pas désactiver votre propre compte."));
    let res = browser
        .post_form(
            &path,
            &[("display_name", "Moi"), ("role", "isc"), ("active", "on")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("retirer votre propre rôle"));
    assert_eq!(account_row(&app, admin.id), ("admin".into(), true, None));

    let api = app.api(&admin).await;
    let res = api
        .put(
            &format!("/api/v1/users/{}", admin.id),
            &json!({"active": false}),
        )
        .await;
    json_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;

    // With a second administrator, one may disable the other, but not the last one standing.
    let second = app.user(admin.office_id, "admin");
    let res = browser
        .post_form(
            &format!("/users/{}", second.id),
            &[("display_name", "Deuxième"), ("role", "admin")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(account_row(&app, second.id), ("admin".into(), false, None));
    let (_, edited) = browser
        .get_text(&format!("/users/{}/edit", second.id))
        .await;
    assert!(edited.contains("Deuxième"));
    assert!(
        app.client()
            .login(&second.email, crate::helpers::PASSWORD)
            .await
            .status()
            != StatusCode::SEE_OTHER
    );
    let own = browser
        .post_form(
            &path,
            &[
                ("display_name", "Moi-même"),
                ("role", "admin"),
                ("active", "on"),
            ],
        )
        .await;
    assert_eq!(
        own.status(),
        StatusCode::SEE_OTHER,
        "editing oneself otherwise is fine"
    );
}

#[actix_web::test]
async fn an_administrator_resets_a_password_and_the_old_one_stops_working() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let isc = app.user(admin.office_id, "isc");
    let browser = app.login(&admin).await;
    let res = browser
        .post_form(
            &format!("/users/{}", isc.id),
            &[
                ("display_name", "Personne isc"),
                ("role", "isc"),
                ("language", "en"),
                ("active", "on"),
                ("password", "nouveau-secret"),
                ("password_confirm", "nouveau-secret"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let client = app.client();
    assert_ne!(
        client
            .login(&isc.email, crate::helpers::PASSWORD)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        client.login(&isc.email, "nouveau-secret").await.status(),
        StatusCode::SEE_OTHER
    );
    let (_, home) = client.get_text("/").await;
    assert!(home.contains("Dashboard"), "the chosen language applies");
}

#[actix_web::test]
async fn only_administrators_reach_account_administration() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    for role in ["isc", "staff"] {
        let user = app.user(admin.office_id, role);
        let browser = app.login(&user).await;
        for path in ["/users", "/users/new", &format!("/users/{}/edit", admin.id)] {
            assert_eq!(
                browser.get(path).await.status(),
                StatusCode::FORBIDDEN,
                "{role} {path}"
            );
        }
        let res = browser
            .post_form(
                &format!("/users/{}", user.id),
                &[("display_name", "Moi"), ("role", "admin"), ("active", "on")],
            )
            .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        assert_eq!(account_row(&app, user.id).0, role);
        let api = app.api(&user).await;
        assert_eq!(
            api.get("/api/v1/users").await.status(),
            StatusCode::FORBIDDEN
        );
    }
}

#[actix_web::test]
async fn another_offices_accounts_are_not_found_in_pages_and_api() {
    let app = spawn_app().await;
    let ours = app.office("OH Laval");
    let theirs = app.office("OH Longueuil");
    let browser = app.login(&ours).await;
    assert_eq!(
        browser
            .get(&format!("/users/{}/edit", theirs.id))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    for fields in [
        vec![("display_name", "Pris"), ("role", "isc"), ("active", "on")],
        vec![("display_name", ""), ("role", "")],
    ] {
        let res = browser
            .post_form(&format!("/users/{}", theirs.id), &fields)
            .await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
    }
    let (_, list) = browser.get_text("/users").await;
    assert!(!list.contains(&theirs.email));

    let api = app.api(&ours).await;
    let path = format!("/api/v1/users/{}", theirs.id);
    assert_eq!(api.get(&path).await.status(), StatusCode::NOT_FOUND);
    let res = api
        .put(&path, &json!({"role": "isc", "active": false}))
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let body = json_of(api.get("/api/v1/users").await, StatusCode::OK).await;
    assert_eq!(body["total"], 1);
    assert_eq!(account_row(&app, theirs.id), ("admin".into(), true, None));
}

#[actix_web::test]
async fn the_api_manages_accounts_and_never_shows_a_password_hash() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let dep = department(&app, admin.office_id, "Location");
    let api = app.api(&admin).await;
    let res = api
        .post(
            "/api/v1/users",
            &json!({"display_name": "Julie Côté", "email": "julie@example.org", "role": "staff",
                    "department_id": dep, "password": "un-long-secret"}),
        )
        .await;
    let text = res.text().await.unwrap();
    assert!(
        !text.contains("password") && !text.contains("argon2"),
        "{text}"
    );
    let created: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(created["department_id"], dep);
    let id = created["id"].as_i64().unwrap();

    let res = api
        .post(
            "/api/v1/users",
            &json!({"display_name": "Autre", "email": "JULIE@example.org", "role": "isc", "password": "un-long-secret"}),
        )
        .await;
    let problem = json_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(problem["errors"][0]["code"], "email-taken");

    let updated = json_of(
        api.put(
            &format!("/api/v1/users/{id}"),
            &json!({"role": "isc", "language": "en"}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(updated["role"], "isc");
    assert_eq!(
        updated["display_name"], "Julie Côté",
        "left-out fields are kept"
    );
    assert_eq!(
        updated["department_id"],
        serde_json::Value::Null,
        "only staff have a department"
    );
    for path in ["/api/v1/users".to_owned(), format!("/api/v1/users/{id}")] {
        let text = api.get(&path).await.text().await.unwrap();
        assert!(
            !text.contains("password") && !text.contains("argon2"),
            "{path}: {text}"
        );
    }
    let page = json_of(
        api.get("/api/v1/users?role=isc&active=true").await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(page["total"], 1);
    assert_eq!(page["items"][0]["email"], "julie@example.org");
}

#[actix_web::test]
async fn the_accounts_list_exports_to_csv_without_secrets_and_without_other_offices() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let dep = department(&app, admin.office_id, "Entretien");
    let staff = app.user(admin.office_id, "staff");
    app.db(|c| {
        diesel::update(users::table.find(staff.id))
            .set(users::department_id.eq(Some(dep)))
            .execute(c)
            .unwrap()
    });
    let stranger = app.office("OH Ailleurs");
    let browser = app.login(&admin).await;
    let (status, csv) = browser.get_text("/users.csv?role=staff").await;
    assert_eq!(status, StatusCode::OK);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("id,nom,courriel,role,service,langue,actif,derniere_connexion")
    );
    let row = lines.next().unwrap();
    assert!(
        row.contains(&staff.email)
            && row.contains("Personnel de l'office")
            && row.contains("Entretien"),
        "{row}"
    );
    assert_eq!(lines.next(), None, "the role filter applies");
    let (_, all) = browser.get_text("/users.csv").await;
    assert!(
        all.contains(&admin.email) && !all.contains(&stranger.email) && !all.contains("argon2")
    );
    let isc = app.login(&app.user(admin.office_id, "isc")).await;
    assert_eq!(isc.get("/users.csv").await.status(), StatusCode::FORBIDDEN);
}
