//! What holds the rest up: migrations on both backends, health, metrics, the OpenAPI document,
//! translation catalogues and production safeguards.

use std::collections::BTreeSet;
use std::path::Path;

use reqwest::StatusCode;

use crate::helpers::{json_of, spawn_app};

fn names(dir: &str) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn both_migration_folders_hold_the_same_migrations() {
    let sqlite = names("migrations/sqlite");
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, names("migrations/postgres"));
}

#[actix_web::test]
async fn health_and_metrics_answer() {
    let app = spawn_app().await;
    let client = app.client();
    let res = client.get("/healthz").await;
    assert_eq!(
        res.headers()["x-request-id"].len(),
        36,
        "a request id (UUID) to quote in reports"
    );
    let health = json_of(res, StatusCode::OK).await;
    assert_eq!(health["database"], "ok");
    client.get("/login").await;
    let (status, metrics) = client.get_text("/metrics").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        metrics.contains("passerelle_http_requests_total")
            && metrics.contains("endpoint=\"/login\"")
    );
    assert!(metrics.contains("passerelle_http_requests_duration_seconds"));
}

#[actix_web::test]
async fn unknown_pages_get_a_translated_not_found_page() {
    let app = spawn_app().await;
    let (status, body) = app.client().get_text("/nulle-part").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("Introuvable"));
    let res = app.client().get("/api/v1/nulle-part").await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
}

/// Every API handler is an `api_*` function with an OpenAPI annotation, and the document has one
/// operation for each: a route added without its documentation fails here.
#[actix_web::test]
async fn the_openapi_document_covers_every_api_route() {
    let app = spawn_app().await;
    let doc = json_of(
        app.client().get("/api/v1/openapi.json").await,
        StatusCode::OK,
    )
    .await;
    let operations: usize = doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .map(|item| {
            item.as_object()
                .unwrap()
                .keys()
                .filter(|k| ["get", "post", "put", "patch", "delete"].contains(&k.as_str()))
                .count()
        })
        .sum();
    let mut handlers = 0;
    let mut annotated = 0;
    visit(Path::new("src"), &mut |text| {
        handlers += text.matches("pub async fn api_").count();
        annotated += text.matches("#[utoipa::path(").count();
    });
    assert_eq!(
        handlers, annotated,
        "every api_ handler carries #[utoipa::path]"
    );
    assert_eq!(operations, handlers, "the document lists every API handler");
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}

fn visit(dir: &Path, f: &mut impl FnMut(&str)) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            visit(&path, f);
        } else if path.extension().is_some_and(|e| e == "rs") {
            f(&std::fs::read_to_string(&path).unwrap());
        }
    }
}

/// Keys used by templates and code exist in both catalogues, and the catalogues have the same keys.
#[test]
fn french_and_english_catalogues_are_complete() {
    fn keys(lang: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for entry in std::fs::read_dir(format!("locales/{lang}")).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for line in text.lines() {
                if let Some((key, _)) = line.split_once(" = ") {
                    if !key.starts_with(' ') && !key.starts_with('#') && !key.is_empty() {
                        out.insert(key.trim().to_owned());
                    }
                }
            }
        }
        out
    }
    let fr = keys("fr");
    let en = keys("en");
    assert_eq!(
        fr.difference(&en).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "missing in English"
    );
    assert_eq!(
        en.difference(&fr).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "missing in French"
    );
    let mut used = BTreeSet::new();
    let mut collect = |text: &str| {
        for part in text.split("{{t \"").skip(1) {
            if let Some(end) = part.find('"') {
                used.insert(part[..end].to_owned());
            }
        }
    };
    visit_ext(Path::new("templates"), "hbs", &mut collect);
    let missing: Vec<_> = used.iter().filter(|k| !fr.contains(*k)).collect();
    assert!(
        missing.is_empty(),
        "keys used in templates but not translated: {missing:?}"
    );
}

fn visit_ext(dir: &Path, ext: &str, f: &mut impl FnMut(&str)) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            visit_ext(&path, ext, f);
        } else if path.extension().is_some_and(|e| e == ext) {
            f(&std::fs::read_to_string(&path).unwrap());
        }
    }
}

#[test]
fn production_refuses_development_keys_and_file_mail() {
    use passerelle::config::{Environment, Settings};
    let mut settings = Settings::load_from(Environment::Production, Path::new("config")).unwrap();
    settings.session.key = "".to_owned().into();
    assert!(settings
        .check_production()
        .unwrap_err()
        .to_string()
        .contains("session.key"));
    let dev = Settings::load_from(Environment::Development, Path::new("config")).unwrap();
    settings.session.key = dev.session.key.clone();
    assert!(settings
        .check_production()
        .unwrap_err()
        .to_string()
        .contains("development.toml"));
    settings.session.key = "ab".repeat(64).into();
    settings.mail.transport = "file".into();
    assert!(settings
        .check_production()
        .unwrap_err()
        .to_string()
        .contains("file"));
    settings.mail.transport = "smtp".into();
    assert!(settings.check_production().is_ok());
}

#[actix_web::test]
async fn production_refuses_to_start_while_accounts_use_the_demo_password() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    app.db(|c| {
        use diesel::prelude::*;
        use passerelle::db::schema::users;
        diesel::update(users::table.find(admin.id))
            .set(users::demo_password.eq(true))
            .execute(c)
            .unwrap();
    });
    let url = {
        use secrecy::ExposeSecret;
        app.state.settings.database.url.expose_secret().to_owned()
    };
    let mut settings = passerelle::config::Settings::load_from(
        passerelle::config::Environment::Production,
        Path::new("config"),
    )
    .unwrap();
    settings.session.key = "ab".repeat(64).into();
    settings.database.url = url.into();
    settings.server.port = 0;
    settings.server.host = "127.0.0.1".into();
    let err = passerelle::startup::Application::build(settings)
        .await
        .err()
        .expect("refused");
    assert!(err.to_string().contains("demo password"));
}

/// SQLite allows one writer at a time: write transactions begin IMMEDIATE so that concurrent
/// writers wait for each other instead of failing with "database is locked".
#[actix_web::test]
async fn fifty_concurrent_writes_all_succeed() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let api = std::sync::Arc::new(app.api(&admin).await);
    let mut tasks = Vec::new();
    for i in 0..50 {
        let api = api.clone();
        tasks.push(actix_web::rt::spawn(async move {
            let body = serde_json::json!({"name": format!("Immeuble {i}"), "address": "1 rue A", "municipality": "Laval"});
            api.post("/api/v1/buildings", &body).await.status()
        }));
    }
    for task in tasks {
        assert_eq!(task.await.unwrap(), StatusCode::CREATED);
    }
    let all = app
        .db(|c| passerelle::registry::buildings::list_all(c, admin.office_id))
        .unwrap();
    assert_eq!(all.len(), 50);
}

/// The mechanism itself: transactions that read before they write, from many threads at once.
/// With a deferred `BEGIN` SQLite fails some of them at once (the read lock cannot be upgraded).
#[actix_web::test]
async fn write_transactions_that_read_first_wait_for_each_other() {
    use diesel::prelude::*;
    use passerelle::db::schema::offices;
    let app = spawn_app().await;
    let pool = app.state.pool.clone();
    let threads: Vec<_> = (0..40)
        .map(|i| {
            let pool = pool.clone();
            std::thread::spawn(move || {
                let mut conn = pool.get().unwrap();
                passerelle::db::write_tx(&mut conn, |c| -> Result<(), diesel::result::Error> {
                    let n: i64 = offices::table.count().get_result(c)?;
                    std::thread::sleep(std::time::Duration::from_millis(2));
                    diesel::insert_into(offices::table)
                        .values((
                            offices::name.eq(format!("Office {i} after {n}")),
                            offices::created_at.eq(passerelle::db::now()),
                        ))
                        .execute(c)?;
                    Ok(())
                })
            })
        })
        .collect();
    let failures: Vec<String> = threads
        .into_iter()
        .filter_map(|t| t.join().unwrap().err().map(|e| e.to_string()))
        .collect();
    assert!(failures.is_empty(), "{failures:?}");
    assert_eq!(
        app.db(|c| offices::table.count().get_result::<i64>(c))
            .unwrap(),
        40
    );
}
