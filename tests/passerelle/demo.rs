//! The demo data generator: a filled database a person can sign in to with the chosen password,
//! French names whose accents search ignores, the same data for the same seed, and no second run on
//! a filled database.

use diesel::prelude::*;
use passerelle::db::schema::{buildings, offices, tenants, users};
use passerelle::demo::{generate, Scale};
use passerelle::domain::text;
use reqwest::StatusCode;

use crate::helpers::{json_of, spawn_app, ApiClient, TestApp};

/// (consent_email_at, consent_email_by, email, move_out)
type ConsentRow = (
    Option<chrono::NaiveDateTime>,
    Option<i64>,
    String,
    Option<chrono::NaiveDate>,
);

const DEMO_PASSWORD: &str = "demo-password-1";

fn small_demo(app: &TestApp, seed: u64) -> String {
    app.db(|c| generate(c, Scale::Small, DEMO_PASSWORD, seed))
        .expect("the small demo is generated")
}

fn building_names(app: &TestApp) -> Vec<String> {
    app.db(|c| {
        buildings::table
            .order(buildings::id)
            .select(buildings::name)
            .load(c)
    })
    .unwrap()
}

#[actix_web::test]
async fn the_demo_administrator_signs_in_with_the_chosen_password_and_sees_the_buildings() {
    let app = spawn_app().await;
    let report = small_demo(&app, 7);
    for expected in [
        "admin@demo.passerelle.quebec",
        "isc@demo.passerelle.quebec",
        "staff@demo.passerelle.quebec",
        "committee@demo.passerelle.quebec",
        "tenant@demo.passerelle.quebec",
        DEMO_PASSWORD,
        "buildings",
        "tenants",
    ] {
        assert!(
            report.contains(expected),
            "{expected} missing from {report}"
        );
    }
    let browser = app.client();
    let res = browser
        .login("admin@demo.passerelle.quebec", DEMO_PASSWORD)
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let names = building_names(&app);
    assert!((8..=16).contains(&names.len()), "{} buildings", names.len());
    let (status, page) = browser.get_text("/buildings").await;
    assert_eq!(status, StatusCode::OK);
    let mut sorted = names.clone();
    sorted.sort();
    assert!(page.contains(&sorted[0].replace('\'', "&#x27;")) || page.contains(&sorted[0]));

    // New rows after the demo's explicit ids get fresh ones (PostgreSQL's sequences were moved on).
    let api = demo_api(&app, "admin@demo.passerelle.quebec").await;
    let body = serde_json::json!({"name": "Nouvel immeuble", "address": "1, rue Neuve",
        "municipality": "Saint-Jérôme"});
    let created = json_of(
        api.post("/api/v1/buildings", &body).await,
        StatusCode::CREATED,
    )
    .await;
    assert!(created["id"].as_i64().unwrap() > names.len() as i64);

    let demo_passwords = app
        .db(passerelle::accounts::queries::count_demo_passwords)
        .unwrap();
    assert_eq!(demo_passwords, 5, "every demo account is marked as such");
}

#[actix_web::test]
async fn demo_names_carry_accents_and_accent_free_searches_find_them() {
    let app = spawn_app().await;
    small_demo(&app, 7);
    let people: Vec<(String, String, String, String, String)> = app
        .db(|c| {
            tenants::table
                .select((
                    tenants::first_name,
                    tenants::last_name,
                    tenants::email,
                    tenants::phone,
                    tenants::search_text,
                ))
                .load(c)
        })
        .unwrap();
    assert!(people.len() > 300, "{} tenants", people.len());
    assert!(people.iter().any(|p| p.0 == "Hélène"));
    assert!(people
        .iter()
        .any(|p| p.1.contains(['é', 'è', 'ô', 'ê', 'ï', 'ç'])));
    for (first, last, email, phone, search) in &people {
        assert_eq!(
            search,
            &text::tenant_search_text(first, last, email, phone),
            "tenant search text follows the shared rule"
        );
    }
    let helene: i64 = app
        .db(|c| {
            tenants::table
                .filter(tenants::search_text.like("%helene%"))
                .count()
                .get_result(c)
        })
        .unwrap();
    assert!(helene > 0);

    // A building whose name has an accent is found by the name typed without it, in pages and API.
    let accented = building_names(&app)
        .into_iter()
        .find(|n| !n.is_ascii())
        .expect("a building name with an accent");
    let typed = text::fold(&accented).replace(' ', "+");
    let browser = app.client();
    let res = browser
        .login("isc@demo.passerelle.quebec", DEMO_PASSWORD)
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, page) = browser.get_text(&format!("/buildings?q={typed}")).await;
    assert!(
        page.contains(&accented.replace('\'', "&#x27;")),
        "{accented}"
    );
    let api = demo_api(&app, "isc@demo.passerelle.quebec").await;
    let body = json_of(
        api.get(&format!("/api/v1/buildings?q={typed}")).await,
        StatusCode::OK,
    )
    .await;
    assert!(body["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["name"] == accented.as_str()));
    let all = json_of(api.get("/api/v1/buildings").await, StatusCode::OK).await;
    assert_eq!(
        all["total"].as_i64().unwrap() as usize,
        building_names(&app).len()
    );
}

#[actix_web::test]
async fn contact_consent_is_dated_and_recorded_by_an_isc_of_the_office() {
    let app = spawn_app().await;
    small_demo(&app, 7);
    let rows: Vec<ConsentRow> = app
        .db(|c| {
            tenants::table
                .select((
                    tenants::consent_email_at,
                    tenants::consent_email_by,
                    tenants::email,
                    tenants::move_out,
                ))
                .load(c)
        })
        .unwrap();
    let isc: i64 = app
        .db(|c| {
            users::table
                .filter(users::role.eq("isc"))
                .select(users::id)
                .first(c)
        })
        .unwrap();
    let current: Vec<_> = rows.iter().filter(|r| r.3.is_none()).collect();
    let consenting = current.iter().filter(|r| r.0.is_some()).count();
    let share = consenting as f64 / current.len() as f64;
    assert!((0.45..0.75).contains(&share), "email consent share {share}");
    for (at, by, email, moved_out) in &rows {
        assert_eq!(
            at.is_some(),
            by.is_some(),
            "a consent says when and by whom"
        );
        if at.is_some() {
            assert_eq!(*by, Some(isc));
            assert!(!email.is_empty() && moved_out.is_none());
        }
    }
}

#[actix_web::test]
async fn the_same_seed_gives_the_same_buildings_and_another_seed_others() {
    let (first, second, other) = (spawn_app().await, spawn_app().await, spawn_app().await);
    small_demo(&first, 7);
    small_demo(&second, 7);
    small_demo(&other, 8);
    assert_eq!(building_names(&first), building_names(&second));
    assert_ne!(building_names(&first), building_names(&other));
}

#[actix_web::test]
async fn a_second_run_on_a_filled_database_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    small_demo(&app, 7);
    let before = building_names(&app).len();
    let err = app
        .db(|c| generate(c, Scale::Small, DEMO_PASSWORD, 9))
        .unwrap_err();
    assert!(err.to_string().contains("already holds 1 office"), "{err}");
    assert_eq!(building_names(&app).len(), before);
    let count: i64 = app.db(|c| offices::table.count().get_result(c)).unwrap();
    assert_eq!(count, 1);
}

#[actix_web::test]
async fn a_short_demo_password_or_an_unknown_scale_is_refused() {
    let app = spawn_app().await;
    let err = app
        .db(|c| generate(c, Scale::Small, "court", 1))
        .unwrap_err();
    assert!(err.to_string().contains("at least 10 characters"), "{err}");
    assert!(Scale::parse("huge").is_err());
    assert_eq!(Scale::parse("network").unwrap(), Scale::Network);
    assert!(building_names(&app).is_empty());
}

/// An API client for a demo account (the helpers' `api` knows only the test password).
async fn demo_api(app: &TestApp, email: &str) -> ApiClient {
    let res = app
        .client()
        .http
        .post(format!("{}/api/v1/auth/token", app.address))
        .json(&serde_json::json!({"email": email, "password": DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    let body = json_of(res, StatusCode::CREATED).await;
    ApiClient {
        address: app.address.clone(),
        token: body["token"].as_str().unwrap().to_owned(),
        http: reqwest::Client::new(),
    }
}
