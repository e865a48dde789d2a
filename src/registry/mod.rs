//! The housing registry: the office, its departments, buildings, community rooms, dwellings and
//! tenants, with CSV import and export.

pub mod buildings;
pub mod departments;
pub mod dwellings;
pub mod import;
pub mod office;
pub mod rooms;
pub mod tenants;

use actix_web::web;
use utoipa::OpenApi;

/// The registry's pages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.configure(buildings::pages::configure)
        .configure(office::configure)
        .configure(departments::configure)
        .configure(rooms::configure)
        .configure(dwellings::configure)
        .configure(tenants::configure)
        .configure(import::configure);
}

/// The registry's API routes (inside `/api/v1`).
pub fn configure_api(cfg: &mut web::ServiceConfig) {
    cfg.configure(buildings::api::configure)
        .configure(office::configure_api)
        .configure(departments::configure_api)
        .configure(rooms::configure_api)
        .configure(dwellings::configure_api)
        .configure(tenants::configure_api)
        .configure(import::api::configure);
}

/// The registry's OpenAPI paths.
pub fn api_docs() -> Vec<utoipa::openapi::OpenApi> {
    vec![
        buildings::api::Doc::openapi(),
        office::api_doc(),
        departments::api_doc(),
        rooms::api_doc(),
        dwellings::api_doc(),
        tenants::api_doc(),
        import::api::Doc::openapi(),
    ]
}
