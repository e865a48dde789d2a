//! Sessions end server-side, and the sign-in budgets count what they must: failures, per account
//! as sign-in reads the email, and per client address.

use reqwest::header::{COOKIE, SET_COOKIE};
use reqwest::StatusCode;

use crate::helpers::{spawn_app, PASSWORD};

/// The `name=value` part of the session cookie a response sets.
fn session_cookie(res: &reqwest::Response) -> String {
    res.headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("passerelle="))
        .and_then(|v| v.split(';').next())
        .expect("a session cookie")
        .to_owned()
}

/// Whether a request with exactly this cookie header opens a signed-in page.
async fn opens(address: &str, cookie: &str) -> bool {
    let res = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!("{address}/account"))
        .header(COOKIE, cookie)
        .send()
        .await
        .unwrap();
    res.status() == StatusCode::OK
}

#[actix_web::test]
async fn a_copy_of_the_session_cookie_taken_before_logout_opens_nothing_afterwards() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let browser = app.client();
    let res = browser.login(&admin.email, PASSWORD).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let copy = session_cookie(&res);
    assert!(
        opens(&app.address, &copy).await,
        "the copy works while signed in"
    );

    let res = browser.post_form("/logout", &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(
        !opens(&app.address, &copy).await,
        "a cookie copied before logout must not open the account afterwards"
    );
    // Signing in again works, and opens a new session.
    assert_eq!(
        app.client().login(&admin.email, PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
}

#[actix_web::test]
async fn spaces_tabs_and_capitals_around_the_email_share_the_account_budget() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let variants = [
        format!(" {}", admin.email),
        format!("{}\t", admin.email),
        format!("\t {} ", admin.email.to_uppercase()),
        format!("  {}", admin.email),
        admin.email.to_uppercase(),
    ];
    for email in &variants {
        // Each variant from its own client, as an attacker would rotate them.
        let res = app.client().login(email, "mauvais-mot").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{email:?}");
    }
    let res = app.client().login(&admin.email, PASSWORD).await;
    assert_eq!(
        res.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "five failures under five spellings of one email spend that account's budget"
    );
}

#[actix_web::test]
async fn successful_sign_ins_spend_no_budget_so_a_shared_office_address_is_not_locked_out() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    // More successful sign-ins than the per-account budget (5 a minute in tests).
    for n in 0..8 {
        let res = app.client().login(&admin.email, PASSWORD).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "sign-in {n}");
    }
    // A failure is still counted after them.
    let res = app.client().login(&admin.email, "mauvais-mot").await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[actix_web::test]
async fn a_password_change_can_revoke_the_api_tokens_too() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let kept = app.api(&admin).await;
    let browser = app.login(&admin).await;
    let res = browser
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
    assert_eq!(
        kept.get("/api/v1/me").await.status(),
        StatusCode::OK,
        "without the box ticked, tokens keep working"
    );

    let res = browser
        .post_form(
            "/account/password",
            &[
                ("current", "nouveau-mot-de-passe"),
                ("password", "encore-un-autre-mot"),
                ("password_confirm", "encore-un-autre-mot"),
                ("revoke_tokens", "on"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        kept.get("/api/v1/me").await.status(),
        StatusCode::UNAUTHORIZED
    );
    // The session the change came from stays open.
    assert_eq!(browser.get("/account").await.status(), StatusCode::OK);
}
