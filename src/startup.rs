//! `Application::build`: pool, migrations, templates, state, middleware and server. Tests build the
//! same application on port 0.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_session::config::{CookieContentSecurity, PersistentSession};
use actix_session::storage::CookieSessionStore;
use actix_session::SessionMiddleware;
use actix_web::cookie::{time::Duration as CookieDuration, Key, SameSite};
use actix_web::dev::Server;
use actix_web::middleware::{from_fn, DefaultHeaders};
use actix_web::{web, App, HttpServer};
use actix_web_prom::PrometheusMetricsBuilder;
use secrecy::ExposeSecret;
use tracing_actix_web::TracingLogger;

use crate::access::SessionPolicy;
use crate::config::{Environment, Settings};
use crate::db::{self, QueryCounter};
use crate::error::AppError;
use crate::jobs::{Job, Mode, Runner};
use crate::state::AppState;
use crate::{accounts, routes};

pub struct Application {
    server: Server,
    port: u16,
    state: web::Data<AppState>,
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        settings.check_production()?;
        let key = Key::try_from(settings.session_key()?.as_slice())
            .map_err(|e| anyhow::anyhow!("session.key: {e}"))?;
        let queries = QueryCounter::default();
        let pool = db::build_pool(
            settings.database.url.expose_secret(),
            settings.database.pool_size,
            queries.clone(),
        )?;
        {
            let mut conn = pool.get()?;
            db::run_migrations(&mut conn)?;
            db::refresh_statistics(&mut conn);
            if settings.environment == Environment::Production
                && accounts::queries::count_demo_passwords(&mut conn)? > 0
            {
                anyhow::bail!("accounts still use the demo password: change them before running in production");
            }
        }
        // Background jobs (mail worker, reminders, digests) get their own two connections: they never
        // take one a page is waiting for, and their statements stay out of the pages' query counter.
        let jobs_pool = db::build_pool(
            settings.database.url.expose_secret(),
            2,
            QueryCounter::default(),
        )?;
        let templates = crate::web::templates::registry()?;
        let emails = Arc::new(crate::email::EmailTemplates::load()?);
        let links = crate::access::signed::LinkKey::derive(&settings.link_secret()?);
        let mail = crate::email::Composer::new(emails, &settings.server.base_url, links);
        let state = web::Data::new(AppState {
            mail,
            pool,
            jobs_pool,
            settings: Arc::new(settings),
            templates: Arc::new(templates),
            queries,
        });
        let s = &state.settings;
        let listener = TcpListener::bind((s.server.host.as_str(), s.server.port))?;
        let port = listener.local_addr()?.port();
        let server = server(listener, state.clone(), key)?;
        Ok(Application {
            server,
            port,
            state,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn state(&self) -> web::Data<AppState> {
        self.state.clone()
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

fn json_config() -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(1 << 20)
        .error_handler(|err, _| match err {
            actix_web::error::JsonPayloadError::OverflowKnownLength { .. }
            | actix_web::error::JsonPayloadError::Overflow { .. } => AppError::TooLarge.into(),
            actix_web::error::JsonPayloadError::ContentType => {
                AppError::BadRequest("err-json-content-type").into()
            }
            other => AppError::BadJson(other.to_string()).into(),
        })
}

fn server(listener: TcpListener, state: web::Data<AppState>, key: Key) -> anyhow::Result<Server> {
    let settings = state.settings.clone();
    let secure = settings.server.secure_cookies;
    let prometheus = PrometheusMetricsBuilder::new("passerelle")
        .endpoint("/metrics")
        .mask_unmatched_patterns("UNMATCHED")
        .build()
        .map_err(|e| anyhow::anyhow!("metrics: {e}"))?;
    start_jobs(&prometheus.registry, &state)?;
    let workers = match settings.server.workers {
        0 => std::thread::available_parallelism()
            .map(usize::from)
            .unwrap_or(2),
        n => n,
    };
    let policy = SessionPolicy {
        idle: chrono::Duration::minutes(settings.session.idle_minutes.max(1)),
        absolute: chrono::Duration::hours(settings.session.absolute_hours.max(1)),
    };
    let metrics_access = MetricsAccess::from_settings(&settings);
    let server = HttpServer::new(move || {
        let mut headers = DefaultHeaders::new()
            .add(("X-Content-Type-Options", "nosniff"))
            .add(("X-Frame-Options", "DENY"))
            .add(("Referrer-Policy", "same-origin"))
            .add((
                "Permissions-Policy",
                "camera=(), microphone=(), geolocation=()",
            ))
            .add((
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
                 object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
            ));
        if secure {
            headers = headers.add((
                "Strict-Transport-Security",
                "max-age=31536000; includeSubDomains",
            ));
        }
        App::new()
            .app_data(state.clone())
            .app_data(policy)
            .app_data(metrics_access.clone())
            .app_data(json_config())
            .app_data(web::FormConfig::default().limit(256 * 1024))
            .app_data(web::PathConfig::default().error_handler(|_, _| AppError::NotFound.into()))
            .app_data(
                web::QueryConfig::default()
                    .error_handler(|_, _| AppError::BadRequest("err-bad-query").into()),
            )
            .wrap(from_fn(crate::web::nul::refuse_nul))
            .wrap(from_fn(crate::web::render_errors))
            .wrap(
                SessionMiddleware::builder(CookieSessionStore::default(), key.clone())
                    .session_lifecycle(
                        PersistentSession::default()
                            .session_ttl(CookieDuration::seconds(policy.absolute.num_seconds())),
                    )
                    .cookie_name("passerelle".into())
                    .cookie_secure(secure)
                    .cookie_http_only(true)
                    .cookie_same_site(SameSite::Lax)
                    .cookie_content_security(CookieContentSecurity::Private)
                    .build(),
            )
            .wrap(headers)
            .wrap(prometheus.clone())
            .wrap(from_fn(guard_metrics))
            .wrap(from_fn(request_id_header))
            .wrap(TracingLogger::default())
            .configure(routes::configure)
    })
    .workers(workers)
    .listen(listener)?
    .run();
    Ok(server)
}

/// Who may read `/metrics` (see `[metrics]` in configuration).
#[derive(Clone)]
enum MetricsAccess {
    Open,
    Token(Arc<str>),
    Off,
}

impl MetricsAccess {
    fn from_settings(settings: &Settings) -> MetricsAccess {
        let token = settings.metrics.token.expose_secret().trim();
        match (token.is_empty(), settings.environment) {
            (false, _) => MetricsAccess::Token(Arc::from(token)),
            (true, Environment::Production) => MetricsAccess::Off,
            (true, _) => MetricsAccess::Open,
        }
    }

    fn allows(&self, req: &actix_web::dev::ServiceRequest) -> bool {
        match self {
            MetricsAccess::Open => true,
            MetricsAccess::Off => false,
            MetricsAccess::Token(token) => req
                .headers()
                .get(actix_web::http::header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "))
                .is_some_and(|given| constant_time_eq(given.trim(), token)),
        }
    }
}

fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Answers `/metrics` with 404 to whoever `[metrics]` does not let read it; the Prometheus
/// middleware inside serves the others.
async fn guard_metrics(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody + 'static>,
) -> Result<actix_web::dev::ServiceResponse<actix_web::body::BoxBody>, actix_web::Error> {
    if req.path() == "/metrics" {
        let allowed = req
            .app_data::<MetricsAccess>()
            .is_some_and(|access| access.allows(&req));
        if !allowed {
            let (req, _) = req.into_parts();
            let res = actix_web::HttpResponse::NotFound().finish();
            return Ok(actix_web::dev::ServiceResponse::new(req, res));
        }
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

/// Echoes the request id of the logs in an `X-Request-Id` response header, so that a person reporting
/// a problem can quote it.
async fn request_id_header(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody + 'static>,
) -> Result<actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    use actix_web::HttpMessage;
    let id = req
        .extensions()
        .get::<tracing_actix_web::RequestId>()
        .map(|id| id.to_string());
    let mut res = next.call(req).await?;
    if let Some(id) = id.and_then(|id| actix_web::http::header::HeaderValue::from_str(&id).ok()) {
        res.headers_mut().insert(
            actix_web::http::header::HeaderName::from_static("x-request-id"),
            id,
        );
    }
    Ok(res)
}

/// Every periodic job of this instance, on the jobs' own pool, with metrics.
fn start_jobs(registry: &prometheus::Registry, state: &web::Data<AppState>) -> anyhow::Result<()> {
    let settings = &state.settings;
    let metrics = crate::jobs::JobMetrics::register(registry)?;
    let mut runner = Runner::new(state.jobs_pool.clone(), metrics, settings.jobs.clone());
    if settings.mail.worker {
        let courier = crate::email::Courier::from_settings(&settings.mail, &settings.server)?;
        runner.add(crate::email::worker::job(courier, settings.mail.clone()));
    }
    for job in crate::requests::jobs::jobs(state.mail.clone(), settings.requests.followup_days) {
        runner.add(job);
    }
    runner.add(crate::workshops::jobs::job(state.mail.clone()));
    runner.add(pool_gauges(registry, state.pool.clone())?);
    runner.add(outbox_gauges(registry)?);
    runner.add(crate::access::attempts::purge_job());
    runner.add(crate::privacy::retention::jobs::job(
        settings.retention,
        settings.uploads.dir.clone(),
    ));
    runner.add(crate::privacy::consents::jobs::expiry_job());
    runner.spawn();
    Ok(())
}

/// Publishes the pages' pool size and idle connections as gauges (every instance, every 5 s).
fn pool_gauges(registry: &prometheus::Registry, pool: db::Pool) -> anyhow::Result<Job> {
    let connections = prometheus::IntGauge::new(
        "passerelle_db_pool_connections",
        "Open database connections",
    )?;
    let idle = prometheus::IntGauge::new("passerelle_db_pool_idle", "Idle database connections")?;
    registry.register(Box::new(connections.clone()))?;
    registry.register(Box::new(idle.clone()))?;
    Ok(Job::new(
        "pool_gauges",
        Mode::EveryInstance,
        Duration::from_secs(5),
        move |_, _| {
            let s = pool.state();
            connections.set(i64::from(s.connections));
            idle.set(i64::from(s.idle_connections));
            Ok(0)
        },
    ))
}

/// Publishes how many messages wait in the outbox and how many failed (alert on the second).
fn outbox_gauges(registry: &prometheus::Registry) -> anyhow::Result<Job> {
    let waiting = prometheus::IntGauge::new(
        "passerelle_outbox_waiting",
        "Messages waiting in the mail outbox (pending or being sent)",
    )?;
    let failed = prometheus::IntGauge::new(
        "passerelle_outbox_failed",
        "Messages the mail outbox gave up on, until an administrator retries them",
    )?;
    registry.register(Box::new(waiting.clone()))?;
    registry.register(Box::new(failed.clone()))?;
    Ok(Job::new(
        "outbox_gauges",
        Mode::EveryInstance,
        Duration::from_secs(15),
        move |c, _| {
            let (w, f) = crate::email::queries::backlog(c)?;
            waiting.set(w);
            failed.set(f);
            Ok(0)
        },
    ))
}
