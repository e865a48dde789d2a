//! The whole route table: every HTTP path of the service is written in this folder, one file per
//! area, pages first and then the JSON API under `/api/v1`; `openapi` assembles the API's document.

mod accounts;
mod journal;
pub mod openapi;
mod outbox;
mod privacy;
mod registry;
mod requests;
mod workshops;

use actix_web::http::header;
use actix_web::{get, web, HttpResponse};
use serde::Serialize;

use crate::error::AppError;
use crate::home;
use crate::state::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(stylesheet)
        .service(healthz)
        .route("/", web::get().to(home::home))
        .configure(accounts::pages)
        .configure(registry::pages)
        .configure(journal::pages)
        .configure(privacy::pages)
        .configure(outbox::pages)
        .configure(workshops::pages)
        .configure(requests::pages)
        .service(
            web::scope("/api/v1")
                .route("/openapi.json", web::get().to(openapi::openapi_json))
                .configure(accounts::api)
                .configure(registry::api)
                .configure(journal::api)
                .configure(privacy::api)
                .configure(workshops::api)
                .configure(requests::api)
                .default_service(web::to(openapi::unmatched)),
        )
        .default_service(web::to(not_found));
}

async fn not_found() -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound)
}

const STYLESHEET: &str = include_str!("../../static/app.css");

#[get("/static/app.css")]
async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(STYLESHEET)
}

#[derive(Serialize)]
struct Health {
    status: &'static str,
    database: &'static str,
}

/// Liveness and readiness: answers 503 when the database does not.
#[get("/healthz")]
async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    use diesel::connection::SimpleConnection;
    let ok = state
        .read_anonymous(|c| c.batch_execute("SELECT 1").map_err(AppError::from))
        .await
        .is_ok();
    let body = Health {
        status: if ok { "ok" } else { "unavailable" },
        database: if ok { "ok" } else { "unreachable" },
    };
    if ok {
        HttpResponse::Ok().json(body)
    } else {
        HttpResponse::ServiceUnavailable().json(body)
    }
}
