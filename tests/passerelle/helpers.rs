//! `TestApp`: the real application on port 0, on a fresh database of its own: a temporary SQLite
//! file, or a new PostgreSQL database when `PASSERELLE_TEST_DATABASE_URL` names a server
//! (e.g. `postgres://postgres@127.0.0.1:5432/test`); that database is dropped at the end.

use std::path::Path;

use diesel::prelude::*;
use passerelle::accounts::{self, NewUser};
use passerelle::config::{Environment, Settings};
use passerelle::db::{self, DbConnection};
use passerelle::domain::ids::OfficeId;
use passerelle::domain::roles::Role;
use passerelle::i18n::Lang;
use passerelle::setup::{self, Administrator, NewOffice};
use passerelle::startup::Application;
use passerelle::state::AppState;
use rand::Rng;
use reqwest::{Response, StatusCode};

pub const PASSWORD: &str = "mot-de-passe-test";

enum TestDb {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let TestDb::Postgres { admin_url, name } = self {
            if let Ok(mut conn) = diesel::PgConnection::establish(admin_url) {
                let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .execute(&mut conn);
            }
        }
    }
}

pub struct TestApp {
    pub address: String,
    pub state: actix_web::web::Data<AppState>,
    /// Where the file mail transport writes (the default in tests).
    pub mail_dir: tempfile::TempDir,
    _db: TestDb,
}

/// An account made for a test.
#[derive(Debug, Clone)]
pub struct TestUser {
    pub id: i64,
    pub office_id: i64,
    pub email: String,
}

/// A fresh email for an account of `role`, and the hash of `PASSWORD`.
fn new_login(role: &str) -> (String, String) {
    let email = format!("{role}-{}@example.org", rand::thread_rng().gen::<u32>());
    let hash = accounts::password::hash(PASSWORD).expect("hash");
    (email, hash)
}

/// Whether the tests run on PostgreSQL.
#[allow(dead_code)]
pub fn on_postgres() -> bool {
    std::env::var("PASSERELLE_TEST_DATABASE_URL").is_ok_and(|u| u.starts_with("postgres"))
}

fn fresh_database() -> (String, TestDb) {
    match std::env::var("PASSERELLE_TEST_DATABASE_URL") {
        Ok(admin_url) if admin_url.starts_with("postgres") => {
            let name = format!("passerelle_test_{}", rand::thread_rng().gen::<u64>());
            let mut conn =
                diesel::PgConnection::establish(&admin_url).expect("PostgreSQL reachable");
            diesel::sql_query(format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .expect("create database");
            let base = admin_url
                .rsplit_once('/')
                .map(|(b, _)| b)
                .unwrap_or(&admin_url);
            (
                format!("{base}/{name}"),
                TestDb::Postgres { admin_url, name },
            )
        }
        _ => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite://{}", dir.path().join("test.db").display());
            (url, TestDb::Sqlite(dir))
        }
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Spawns the application after `adjust` has changed its settings.
pub async fn spawn_app_with(adjust: impl FnOnce(&mut Settings)) -> TestApp {
    let (url, guard) = fresh_database();
    let mut settings =
        Settings::load_from(Environment::Test, Path::new("config")).expect("settings");
    settings.database.url = url.into();
    let mail_dir = tempfile::tempdir().expect("mail dir");
    settings.mail.dir = mail_dir.path().display().to_string();
    adjust(&mut settings);
    let app = Application::build(settings)
        .await
        .expect("application builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    let state = app.state();
    actix_web::rt::spawn(app.run_until_stopped());
    TestApp {
        address,
        state,
        mail_dir,
        _db: guard,
    }
}

impl TestApp {
    /// Runs `f` on a connection of the application's pool (test set-up and checks).
    pub fn db<T>(&self, f: impl FnOnce(&mut DbConnection) -> T) -> T {
        let mut conn = self.state.pool.get().expect("connection");
        f(&mut conn)
    }

    /// SQL statements run so far by the application's pool.
    pub fn queries(&self) -> u64 {
        self.state.queries.get()
    }

    /// A new office with an administrator, made as the first-run setup makes one (its default
    /// request categories included).
    pub fn office(&self, name: &str) -> TestUser {
        let (email, hash) = new_login("admin");
        let office = NewOffice {
            name: name.into(),
            region: "Laurentides".into(),
            contact_email: "office@example.org".into(),
        };
        let admin = Administrator {
            name: "Personne admin".into(),
            email: email.clone(),
            language: Lang::Fr,
        };
        let (office_id, id) = self
            .db(|c| setup::open_office(c, &office, &admin, &hash))
            .expect("office");
        TestUser {
            id: id.get(),
            office_id: office_id.get(),
            email,
        }
    }

    /// A new account of `role` (a role code: "isc", "staff"…) in `office_id`, with the password
    /// `PASSWORD`.
    pub fn user(&self, office_id: i64, role: &str) -> TestUser {
        let (email, hash) = new_login(role);
        let new = NewUser {
            office_id: OfficeId(office_id),
            email: email.clone(),
            display_name: format!("Personne {role}"),
            password_hash: hash,
            role: Role::parse(role).expect("a role code"),
            language: "fr".into(),
            department_id: None,
            active: true,
            demo_password: false,
            created_at: db::now(),
        };
        let id = self
            .db(|c| accounts::service::insert_user(c, &new))
            .expect("user");
        TestUser {
            id: id.get(),
            office_id,
            email,
        }
    }

    /// A browser-like client with its own cookie jar, not signed in.
    pub fn client(&self) -> TestClient {
        TestClient {
            address: self.address.clone(),
            http: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
        }
    }

    /// A client signed in as `user` through the login form.
    pub async fn login(&self, user: &TestUser) -> TestClient {
        let client = self.client();
        let res = client.login(&user.email, PASSWORD).await;
        assert_eq!(
            res.status(),
            StatusCode::SEE_OTHER,
            "login of {} failed",
            user.email
        );
        client
    }

    /// A bearer token for `user`.
    pub async fn token(&self, user: &TestUser) -> String {
        let res = self
            .client()
            .http
            .post(format!("{}/api/v1/auth/token", self.address))
            .json(&serde_json::json!({"email": user.email, "password": PASSWORD}))
            .send()
            .await
            .expect("token request");
        assert_eq!(res.status(), StatusCode::CREATED);
        let body: serde_json::Value = res.json().await.expect("json");
        body["token"].as_str().expect("token").to_owned()
    }

    /// An API client authenticated with a fresh token of `user`.
    pub async fn api(&self, user: &TestUser) -> ApiClient {
        ApiClient {
            address: self.address.clone(),
            token: self.token(user).await,
            http: reqwest::Client::new(),
        }
    }
}

/// A client that keeps cookies and does not follow redirects, like a careful browser.
pub struct TestClient {
    pub address: String,
    pub http: reqwest::Client,
}

impl TestClient {
    pub async fn get(&self, path: &str) -> Response {
        self.http
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("GET")
    }

    pub async fn get_text(&self, path: &str) -> (StatusCode, String) {
        let res = self.get(path).await;
        let status = res.status();
        (status, res.text().await.expect("body"))
    }

    /// The session's CSRF token, read from a page's form.
    pub async fn csrf(&self) -> String {
        for page in ["/account", "/login", "/setup"] {
            let (_, body) = self.get_text(page).await;
            if let Some(token) = csrf_in(&body) {
                return token;
            }
        }
        panic!("no page offered a CSRF token")
    }

    /// Posts a form with the session's CSRF token added.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        let token = self.csrf().await;
        let mut all: Vec<(&str, &str)> = vec![("_csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.post_form_raw(path, &all).await
    }

    /// Posts a form exactly as given (no CSRF token added).
    pub async fn post_form_raw(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        self.http
            .post(format!("{}{path}", self.address))
            .form(fields)
            .send()
            .await
            .expect("POST")
    }

    pub async fn login(&self, email: &str, password: &str) -> Response {
        self.post_form("/login", &[("email", email), ("password", password)])
            .await
    }
}

/// The value of the first `_csrf` hidden field of an HTML page.
pub fn csrf_in(html: &str) -> Option<String> {
    let start = html.find("name=\"_csrf\" value=\"")? + "name=\"_csrf\" value=\"".len();
    let end = html[start..].find('"')?;
    Some(html[start..start + end].to_owned())
}

/// A JSON API client with a bearer token.
pub struct ApiClient {
    pub address: String,
    pub token: String,
    pub http: reqwest::Client,
}

impl ApiClient {
    pub async fn get(&self, path: &str) -> Response {
        self.http
            .get(format!("{}{path}", self.address))
            .bearer_auth(&self.token)
            .send()
            .await
            .expect("GET")
    }

    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: &serde_json::Value,
    ) -> Response {
        self.http
            .request(method, format!("{}{path}", self.address))
            .bearer_auth(&self.token)
            .json(body)
            .send()
            .await
            .expect("request")
    }

    pub async fn post(&self, path: &str, body: &serde_json::Value) -> Response {
        self.send(reqwest::Method::POST, path, body).await
    }

    pub async fn put(&self, path: &str, body: &serde_json::Value) -> Response {
        self.send(reqwest::Method::PUT, path, body).await
    }

    pub async fn delete(&self, path: &str) -> Response {
        self.http
            .delete(format!("{}{path}", self.address))
            .bearer_auth(&self.token)
            .send()
            .await
            .expect("DELETE")
    }
}

/// The JSON of a response, with its status checked.
pub async fn json_of(res: Response, expected: StatusCode) -> serde_json::Value {
    let status = res.status();
    let text = res.text().await.expect("body");
    assert_eq!(status, expected, "unexpected status, body: {text}");
    serde_json::from_str(&text).unwrap_or(serde_json::Value::Null)
}

/// Inserts a building straight into the database (set-up for tests about other things).
pub fn building(app: &TestApp, office_id: i64, name: &str) -> i64 {
    let input = passerelle::registry::buildings::BuildingInput {
        name: Some(name.into()),
        address: Some("100 rue Principale".into()),
        municipality: Some("Laval".into()),
        ..Default::default()
    };
    let data = input.validate().expect("valid building");
    app.db(|c| passerelle::registry::buildings::insert(c, office_id, &data))
        .expect("building")
}
