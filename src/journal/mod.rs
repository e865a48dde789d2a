//! (Being written.)

use actix_web::web;

pub fn configure(_cfg: &mut web::ServiceConfig) {}

pub fn configure_api(_cfg: &mut web::ServiceConfig) {}

pub fn api_docs() -> Vec<utoipa::openapi::OpenApi> {
    Vec::new()
}
