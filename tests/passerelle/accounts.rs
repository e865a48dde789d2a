//! Setup, sign-in, sessions, CSRF, rate limiting, language, password change and API tokens.

use reqwest::StatusCode;

use crate::helpers::{csrf_in, json_of, spawn_app, PASSWORD};

#[actix_web::test]
async fn the_first_visit_creates_the_office_and_its_administrator_and_only_once() {
    let app = spawn_app().await;
    let browser = app.client();
    let res = browser.get("/").await;
    assert_eq!(res.headers()["location"], "/setup");

    let fields = [
        ("office_name", "Office d'habitation des Laurentides"),
        ("admin_name", "Hélène Tremblay"),
        ("admin_email", "Helene@Example.org"),
        ("password", "un-long-mot-de-passe"),
        ("password_confirm", "un-long-mot-de-passe"),
    ];
    // A short password is refused with a message, and nothing is created.
    let mut bad = fields;
    bad[3].1 = "court";
    let res = browser.post_form("/setup", &bad).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("au moins 10 caractères"));
    assert_eq!(
        app.db(passerelle::accounts::queries::count_users).unwrap(),
        0
    );

    let res = browser.post_form("/setup", &fields).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (status, home) = browser.get_text("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(home.contains("Office d&#x27;habitation des Laurentides"));

    // Once an account exists the setup form is gone, for everyone.
    let stranger = app.client();
    assert_eq!(stranger.get("/setup").await.status(), StatusCode::NOT_FOUND);
    let res = stranger.post_form("/setup", &fields).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    // The email was stored in lower case, so signing in ignores case.
    assert_eq!(
        stranger
            .login("HELENE@example.org", "un-long-mot-de-passe")
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
}

#[actix_web::test]
async fn a_wrong_password_is_refused_with_a_message_and_the_right_one_signs_in_and_out() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let browser = app.client();
    let res = browser.login(&admin.email, "pas-le-bon-mot").await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Courriel ou mot de passe incorrect"));
    assert_eq!(
        browser.get("/buildings").await.headers()["location"],
        "/login"
    );

    let res = browser.login(&admin.email, PASSWORD).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_lowercase();
    assert!(
        cookie.contains("httponly") && cookie.contains("samesite=lax"),
        "{cookie}"
    );
    assert_eq!(browser.get("/buildings").await.status(), StatusCode::OK);

    let res = browser.post_form("/logout", &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        browser.get("/buildings").await.headers()["location"],
        "/login"
    );
}

#[actix_web::test]
async fn a_form_without_its_csrf_token_changes_nothing() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let browser = app.login(&admin).await;
    let res = browser
        .post_form_raw(
            "/buildings",
            &[
                ("name", "Les Pins"),
                ("address", "1 rue A"),
                ("municipality", "Laval"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = browser
        .post_form_raw(
            "/buildings",
            &[
                ("_csrf", "0000"),
                ("name", "Les Pins"),
                ("address", "1 rue A"),
                ("municipality", "Laval"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(res.text().await.unwrap().contains("Le formulaire a expiré"));
    let (_, list) = browser.get_text("/buildings").await;
    assert!(!list.contains("Les Pins"));
}

#[actix_web::test]
async fn repeated_failed_logins_are_slowed_down_per_account() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let browser = app.client();
    for _ in 0..5 {
        assert_eq!(
            browser.login(&admin.email, "mauvais-mot").await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    // Even the right password waits once the account's budget is spent.
    let res = browser.login(&admin.email, PASSWORD).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(res.text().await.unwrap().contains("Trop de tentatives"));
}

#[actix_web::test]
async fn pages_follow_the_chosen_language_and_anonymous_pages_follow_the_browser() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let anonymous = app.client();
    let res = anonymous
        .http
        .get(format!("{}/login", app.address))
        .header("Accept-Language", "en-CA,en;q=0.9,fr;q=0.5")
        .send()
        .await
        .unwrap();
    let body = res.text().await.unwrap();
    assert!(body.contains("<html lang=\"en\">") && body.contains("Sign in"));

    let browser = app.login(&admin).await;
    let (_, body) = browser.get_text("/buildings").await;
    assert!(body.contains("<html lang=\"fr\">") && body.contains("Immeubles"));
    let res = browser
        .post_form("/language", &[("lang", "en"), ("back", "/buildings")])
        .await;
    assert_eq!(res.headers()["location"], "/buildings");
    let (_, body) = browser.get_text("/buildings").await;
    assert!(body.contains("<html lang=\"en\">") && body.contains("Buildings"));

    // The choice is kept with the account: a new session starts in English.
    let later = app.login(&admin).await;
    let (_, body) = later.get_text("/").await;
    assert!(body.contains("Dashboard"));
    // An outside address is never a redirect target.
    let res = later
        .post_form("/language", &[("lang", "fr"), ("back", "//evil.example")])
        .await;
    assert_eq!(res.headers()["location"], "/");
}

#[actix_web::test]
async fn changing_the_password_ends_the_other_sessions() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let laptop = app.login(&admin).await;
    let phone = app.login(&admin).await;
    let res = laptop
        .post_form(
            "/account/password",
            &[
                ("current", "faux-mot-de-passe"),
                ("password", "nouveau-mot-de-passe"),
                ("password_confirm", "nouveau-mot-de-passe"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("mot de passe actuel est incorrect"));

    let res = laptop
        .post_form(
            "/account/password",
            &[
                ("current", PASSWORD),
                ("password", "nouveau-mot-de-passe"),
                ("password_confirm", "nouveau-mot-de-passe"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(laptop.get("/account").await.status(), StatusCode::OK);
    assert_eq!(phone.get("/account").await.headers()["location"], "/login");
    assert_eq!(
        app.client()
            .login(&admin.email, "nouveau-mot-de-passe")
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
}

#[actix_web::test]
async fn api_tokens_are_shown_once_listed_and_revocable_by_their_owner() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let other = app.user(admin.office_id, "isc");
    let api = app.api(&admin).await;
    let me = json_of(api.get("/api/v1/me").await, StatusCode::OK).await;
    assert_eq!(me["email"], admin.email.as_str());

    let list = json_of(api.get("/api/v1/tokens").await, StatusCode::OK).await;
    let id = list[0]["id"].as_i64().unwrap();
    assert!(list[0].get("token").is_none() && list[0].get("token_hash").is_none());

    // Someone else cannot revoke it.
    let other_api = app.api(&other).await;
    assert_eq!(
        other_api
            .delete(&format!("/api/v1/tokens/{id}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        api.delete(&format!("/api/v1/tokens/{id}")).await.status(),
        StatusCode::NO_CONTENT
    );
    let res = api.get("/api/v1/me").await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(res.headers()["content-type"], "application/problem+json");

    // Tokens are stored as digests, never as given.
    let stored: Vec<String> = app.db(|c| {
        use diesel::prelude::*;
        use passerelle::db::schema::api_tokens;
        api_tokens::table
            .select(api_tokens::token_hash)
            .load(c)
            .unwrap()
    });
    assert!(stored
        .iter()
        .all(|h| !h.starts_with("psl_") && h.len() == 64));
}

#[actix_web::test]
async fn tokens_can_be_made_and_revoked_from_the_account_page() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let browser = app.login(&admin).await;
    let res = browser
        .post_form("/account/tokens", &[("name", "Export comptable")])
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let page = res.text().await.unwrap();
    let start = page.find("psl_").expect("the new token is shown");
    let token: String = page[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    let res = app
        .client()
        .http
        .get(format!("{}/api/v1/me", app.address))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let (_, account) = browser.get_text("/account").await;
    assert!(account.contains("Export comptable") && !account.contains(&token));
    let id: i64 = app.db(|c| {
        use diesel::prelude::*;
        use passerelle::db::schema::api_tokens;
        api_tokens::table
            .filter(api_tokens::user_id.eq(admin.id))
            .select(api_tokens::id)
            .first(c)
            .unwrap()
    });
    let res = browser
        .post_form(&format!("/account/tokens/{id}/revoke"), &[])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = app
        .client()
        .http
        .get(format!("{}/api/v1/me", app.address))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[actix_web::test]
async fn a_disabled_account_loses_its_session_and_its_tokens_at_once() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let isc = app.user(admin.office_id, "isc");
    let browser = app.login(&isc).await;
    let api = app.api(&isc).await;
    app.db(|c| {
        use diesel::prelude::*;
        use passerelle::db::schema::users;
        diesel::update(users::table.find(isc.id))
            .set(users::active.eq(false))
            .execute(c)
            .unwrap();
    });
    assert_eq!(
        browser.get("/buildings").await.headers()["location"],
        "/login"
    );
    assert_eq!(
        api.get("/api/v1/me").await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.client()
            .login(&isc.email, crate::helpers::PASSWORD)
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
}

#[actix_web::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;
    app.office("OH Test");
    let res = app.client().get("/login").await;
    let h = res.headers();
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["x-frame-options"], "DENY");
    assert!(h["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("frame-ancestors 'none'"));
    let body = res.text().await.unwrap();
    assert!(csrf_in(&body).is_some());
}
