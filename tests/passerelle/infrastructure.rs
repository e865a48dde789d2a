//! What holds the rest up: migrations on both backends, health, metrics, the OpenAPI document,
//! translation catalogues and production safeguards.

use std::collections::BTreeSet;
use std::path::Path;

use reqwest::StatusCode;

use crate::helpers::{json_of, spawn_app, spawn_app_with};

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
            && metrics.contains("passerelle_outbox_failed")
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

/// The binary runs from any folder: its environment files are embedded, so a folder without them
/// still gives the development key in development, and production still recognises the published
/// keys (it once compared them with files of the working folder).
#[test]
fn settings_do_not_depend_on_the_folder_the_service_starts_from() {
    use passerelle::config::{Environment, Settings};
    let elsewhere = tempfile::tempdir().unwrap();
    let dev = Settings::load_from(Environment::Development, elsewhere.path()).unwrap();
    assert!(
        dev.session_key().is_ok(),
        "development has its key anywhere"
    );
    let mut prod = Settings::load_from(Environment::Production, elsewhere.path()).unwrap();
    prod.session.key = dev.session.key.clone();
    assert!(prod
        .check_production()
        .unwrap_err()
        .to_string()
        .contains("development.toml"));
    let test_key = Settings::load_from(Environment::Test, elsewhere.path()).unwrap();
    prod.session.key = test_key.session.key;
    assert!(prod.check_production().is_err());
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

/// Every table keeps what it is given, to the microsecond, on both backends: dates, timestamps,
/// booleans, nullable references and accented text come back as they went in.
#[actix_web::test]
#[allow(clippy::type_complexity)]
async fn every_table_round_trips_its_values() {
    use chrono::NaiveDate;
    use diesel::prelude::*;
    use passerelle::db::schema::*;
    let app = spawn_app().await;
    let admin = app.office("Office d'habitation de Québec");
    let at = passerelle::db::now();
    let day = NaiveDate::from_ymd_opt(2019, 7, 1).unwrap();
    app.db(|c| {
        let dept: i64 = diesel::insert_into(departments::table)
            .values((
                departments::office_id.eq(admin.office_id),
                departments::name.eq("Entretien"),
                departments::email.eq("entretien@example.org"),
                departments::created_at.eq(at),
            ))
            .returning(departments::id)
            .get_result(c)
            .unwrap();
        let b = crate::helpers::building(&app, admin.office_id, "Résidence Hélène");
        diesel::insert_into(community_rooms::table)
            .values((
                community_rooms::office_id.eq(admin.office_id),
                community_rooms::building_id.eq(b),
                community_rooms::name.eq("Salle « Le Phare »"),
                community_rooms::capacity.eq(40),
                community_rooms::accessible.eq(true),
                community_rooms::created_at.eq(at),
            ))
            .execute(c)
            .unwrap();
        let d: i64 = diesel::insert_into(dwellings::table)
            .values((
                dwellings::office_id.eq(admin.office_id),
                dwellings::building_id.eq(b),
                dwellings::number.eq("3-B"),
                dwellings::bedrooms.eq(2),
                dwellings::adapted.eq(true),
                dwellings::created_at.eq(at),
            ))
            .returning(dwellings::id)
            .get_result(c)
            .unwrap();
        diesel::insert_into(tenants::table)
            .values((
                tenants::office_id.eq(admin.office_id),
                tenants::dwelling_id.eq(d),
                tenants::first_name.eq("Zoé"),
                tenants::last_name.eq("Bélanger-Nguyễn"),
                tenants::language.eq("other"),
                tenants::household_size.eq(3),
                tenants::consent_email_at.eq(Some(at)),
                tenants::consent_email_by.eq(Some(admin.id)),
                tenants::move_in.eq(Some(day)),
                tenants::search_text.eq("zoe"),
                tenants::created_at.eq(at),
                tenants::updated_at.eq(at),
            ))
            .execute(c)
            .unwrap();
        diesel::insert_into(journal_entries::table)
            .values((
                journal_entries::office_id.eq(admin.office_id),
                journal_entries::author_id.eq(admin.id),
                journal_entries::pole.eq(3),
                journal_entries::sub_activity.eq("ateliers_groupe"),
                journal_entries::occurred_on.eq(day),
                journal_entries::duration_minutes.eq(90),
                journal_entries::building_id.eq(Some(b)),
                journal_entries::people_reached.eq(12),
                journal_entries::note.eq("Café-rencontre"),
                journal_entries::created_at.eq(at),
            ))
            .execute(c)
            .unwrap();
        let (name, email, created): (String, String, chrono::NaiveDateTime) = departments::table
            .find(dept)
            .select((
                departments::name,
                departments::email,
                departments::created_at,
            ))
            .first(c)
            .unwrap();
        assert_eq!(
            (name.as_str(), email.as_str(), created),
            ("Entretien", "entretien@example.org", at)
        );
        let (room, accessible): (String, bool) = community_rooms::table
            .select((community_rooms::name, community_rooms::accessible))
            .first(c)
            .unwrap();
        assert_eq!((room.as_str(), accessible), ("Salle « Le Phare »", true));
        let (number, adapted): (String, bool) = dwellings::table
            .find(d)
            .select((dwellings::number, dwellings::adapted))
            .first(c)
            .unwrap();
        assert_eq!((number.as_str(), adapted), ("3-B", true));
        let row: (
            String,
            Option<chrono::NaiveDateTime>,
            Option<i64>,
            Option<NaiveDate>,
            Option<NaiveDate>,
            Option<chrono::NaiveDateTime>,
        ) = tenants::table
            .select((
                tenants::last_name,
                tenants::consent_email_at,
                tenants::consent_email_by,
                tenants::move_in,
                tenants::move_out,
                tenants::consent_sms_at,
            ))
            .first(c)
            .unwrap();
        assert_eq!(
            row,
            (
                "Bélanger-Nguyễn".to_owned(),
                Some(at),
                Some(admin.id),
                Some(day),
                None,
                None
            )
        );
        let entry: (i32, String, NaiveDate, Option<i64>, String) = journal_entries::table
            .select((
                journal_entries::pole,
                journal_entries::sub_activity,
                journal_entries::occurred_on,
                journal_entries::building_id,
                journal_entries::source,
            ))
            .first(c)
            .unwrap();
        assert_eq!(
            entry,
            (
                3,
                "ateliers_groupe".to_owned(),
                day,
                Some(b),
                "manual".to_owned()
            )
        );
        let (office, created): (String, chrono::NaiveDateTime) = offices::table
            .find(admin.office_id)
            .select((offices::name, offices::created_at))
            .first(c)
            .unwrap();
        assert_eq!(office, "Office d'habitation de Québec");
        assert!(created <= passerelle::db::now());
        let login: Option<chrono::NaiveDateTime> = users::table
            .find(admin.id)
            .select(users::last_login_at)
            .first(c)
            .unwrap();
        assert_eq!(login, None);
    });
}

/// A NUL character is refused with 422 naming the field, in forms, JSON bodies and query strings,
/// on both databases (PostgreSQL once answered 500), and nothing is written.
#[actix_web::test]
async fn a_nul_character_is_refused_with_the_field_named_and_nothing_is_written() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let isc = app.user(admin.office_id, "isc");
    let browser = app.login(&isc).await;
    let today = passerelle::web::format::today().to_string();
    let res = browser
        .post_form(
            "/journal",
            &[
                ("sub_activity", "ateliers_groupe"),
                ("occurred_on", &today),
                ("duration_minutes", "60"),
                ("note", "avant\0après"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(page.contains("caractère interdit"), "{page}");
    let api = app.api(&isc).await;
    let body = serde_json::json!({"sub_activity": "ateliers_groupe", "occurred_on": today,
        "duration_minutes": 30, "note": "x\u{0}y"});
    let problem = json_of(
        api.post("/api/v1/journal", &body).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "note");
    assert_eq!(problem["errors"][0]["code"], "nul-character");
    let res = api.get("/api/v1/buildings?q=a%00b").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let written: i64 = app.db(|c| {
        use diesel::prelude::*;
        passerelle::db::schema::journal_entries::table
            .count()
            .get_result(c)
            .unwrap()
    });
    assert_eq!(written, 0);
}

/// `/metrics` answers only those configuration lets in: with a token, only its bearer; in
/// production without one, nobody.
#[actix_web::test]
async fn metrics_are_protected_by_a_token_and_off_in_production_without_one() {
    let app = spawn_app_with(|s| s.metrics.token = "jeton-des-metriques".to_owned().into()).await;
    let client = app.client();
    assert_eq!(client.get("/metrics").await.status(), StatusCode::NOT_FOUND);
    let wrong = client
        .http
        .get(format!("{}/metrics", app.address))
        .bearer_auth("autre")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::NOT_FOUND);
    let right = client
        .http
        .get(format!("{}/metrics", app.address))
        .bearer_auth("jeton-des-metriques")
        .send()
        .await
        .unwrap();
    assert_eq!(right.status(), StatusCode::OK);
    assert!(right
        .text()
        .await
        .unwrap()
        .contains("passerelle_job_runs_total"));

    let prod = spawn_app_with(|s| {
        s.environment = passerelle::config::Environment::Production;
        s.session.key = "ab".repeat(64).into();
        s.mail.transport = "smtp".into();
        s.mail.worker = false;
        s.server.secure_cookies = true;
    })
    .await;
    assert_eq!(
        prod.client().get("/metrics").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(prod.client().get("/healthz").await.status(), StatusCode::OK);
}

/// The binary started in production from an empty folder, with the published development key:
/// it refuses with one clear line and no backtrace, wherever it is started.
#[test]
fn production_refuses_the_development_key_from_any_folder_in_one_clear_line() {
    let folder = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_passerelle"))
        .arg("serve")
        .current_dir(folder.path())
        .env("PASSERELLE_ENV", "production")
        .env("PASSERELLE_SERVER__PORT", "0")
        .env("RUST_BACKTRACE", "1")
        .env_remove("PASSERELLE_CONFIG_DIR")
        .env_remove("PASSERELLE_SESSION__KEY")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // It must stop by itself; a service that started anyway is stopped after a while.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while child.try_wait().unwrap().is_none() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = child.kill();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.starts_with("passerelle: "), "{stderr}");
    assert!(stderr.contains("session"), "names what is wrong: {stderr}");
    assert!(!stderr.contains("backtrace"), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
}
