//! Paths of the housing registry (`src/registry`): the office, departments, buildings, rooms,
//! dwellings, tenants and the import, pages then API, and its OpenAPI part.

use actix_web::web::{get, post, ServiceConfig};
use utoipa::OpenApi;

use crate::registry::buildings::api::*;
use crate::registry::buildings::pages as buildings;
use crate::registry::departments::api::*;
use crate::registry::departments::pages as departments;
use crate::registry::dwellings::api::*;
use crate::registry::dwellings::pages as dwellings;
use crate::registry::import::api::*;
use crate::registry::import::pages as import;
use crate::registry::office::api::*;
use crate::registry::office::pages as office;
use crate::registry::rooms::api::*;
use crate::registry::rooms::pages as rooms;
use crate::registry::tenants::api::*;
use crate::registry::tenants::pages::{form as tenant_form, list as tenant_list, show as tenant};

pub fn pages(cfg: &mut ServiceConfig) {
    cfg.route("/buildings", get().to(buildings::list_buildings))
        .route("/buildings", post().to(buildings::create_building))
        .route("/buildings.csv", get().to(buildings::export_buildings))
        .route("/buildings/new", get().to(buildings::new_building))
        .route("/buildings/{id:\\d+}", get().to(buildings::show_building))
        .route(
            "/buildings/{id:\\d+}",
            post().to(buildings::update_building),
        )
        .route(
            "/buildings/{id:\\d+}/edit",
            get().to(buildings::edit_building),
        )
        .route(
            "/buildings/{id:\\d+}/delete",
            post().to(buildings::delete_building),
        )
        .route("/office", get().to(office::show_office))
        .route("/office", post().to(office::update_office))
        .route("/departments", get().to(departments::list_departments))
        .route("/departments", post().to(departments::create_department))
        .route(
            "/departments.csv",
            get().to(departments::export_departments),
        )
        .route("/departments/new", get().to(departments::new_department))
        .route(
            "/departments/{id:\\d+}",
            post().to(departments::update_department),
        )
        .route(
            "/departments/{id:\\d+}/edit",
            get().to(departments::edit_department),
        )
        .route(
            "/departments/{id:\\d+}/delete",
            post().to(departments::delete_department),
        )
        .route("/buildings/{id:\\d+}/rooms/new", get().to(rooms::new_room))
        .route("/buildings/{id:\\d+}/rooms", post().to(rooms::create_room))
        .route("/rooms/{id:\\d+}", post().to(rooms::update_room))
        .route("/rooms/{id:\\d+}/edit", get().to(rooms::edit_room))
        .route("/rooms/{id:\\d+}/delete", post().to(rooms::delete_room))
        .route("/dwellings.csv", get().to(dwellings::export_dwellings))
        .route(
            "/buildings/{id:\\d+}/dwellings/new",
            get().to(dwellings::new_dwelling),
        )
        .route(
            "/buildings/{id:\\d+}/dwellings",
            post().to(dwellings::create_dwelling),
        )
        .route(
            "/dwellings/{id:\\d+}",
            post().to(dwellings::update_dwelling),
        )
        .route(
            "/dwellings/{id:\\d+}/edit",
            get().to(dwellings::edit_dwelling),
        )
        .route(
            "/dwellings/{id:\\d+}/delete",
            post().to(dwellings::delete_dwelling),
        )
        .route("/tenants", get().to(tenant_list::list_tenants))
        .route("/tenants", post().to(tenant_form::create_tenant))
        .route("/tenants.csv", get().to(tenant_list::export_tenants))
        .route("/tenants/new", get().to(tenant_form::new_tenant))
        .route("/tenants/{id:\\d+}", get().to(tenant::show_tenant))
        .route("/tenants/{id:\\d+}", post().to(tenant_form::update_tenant))
        .route(
            "/tenants/{id:\\d+}/edit",
            get().to(tenant_form::edit_tenant),
        )
        .route("/import", get().to(import::import_form))
        .route("/import/preview", post().to(import::import_preview))
        .route("/import/commit", post().to(import::import_commit));
}

/// Under `/api/v1`.
pub fn api(cfg: &mut ServiceConfig) {
    use actix_web::web::{delete, put};
    cfg.route("/buildings", get().to(api_list_buildings))
        .route("/buildings", post().to(api_create_building))
        .route("/buildings/{id:\\d+}", get().to(api_show_building))
        .route("/buildings/{id:\\d+}", put().to(api_update_building))
        .route("/buildings/{id:\\d+}", delete().to(api_delete_building))
        .route("/office", get().to(api_show_office))
        .route("/office", put().to(api_update_office))
        .route("/departments", get().to(api_list_departments))
        .route("/departments", post().to(api_create_department))
        .route("/departments/{id:\\d+}", get().to(api_show_department))
        .route("/departments/{id:\\d+}", put().to(api_update_department))
        .route("/departments/{id:\\d+}", delete().to(api_delete_department))
        .route("/buildings/{id:\\d+}/rooms", get().to(api_list_rooms))
        .route("/buildings/{id:\\d+}/rooms", post().to(api_create_room))
        .route("/rooms/{id:\\d+}", get().to(api_show_room))
        .route("/rooms/{id:\\d+}", put().to(api_update_room))
        .route("/rooms/{id:\\d+}", delete().to(api_delete_room))
        .route("/dwellings", get().to(api_list_dwellings))
        .route("/dwellings", post().to(api_create_dwelling))
        .route("/dwellings/{id:\\d+}", get().to(api_show_dwelling))
        .route("/dwellings/{id:\\d+}", put().to(api_update_dwelling))
        .route("/dwellings/{id:\\d+}", delete().to(api_delete_dwelling))
        .route("/tenants", get().to(api_list_tenants))
        .route("/tenants", post().to(api_create_tenant))
        .route("/tenants/{id:\\d+}", get().to(api_show_tenant))
        .route("/tenants/{id:\\d+}", put().to(api_update_tenant))
        .route("/import/{kind}", post().to(api_import));
}

#[derive(OpenApi)]
#[openapi(paths(
    api_list_buildings,
    api_create_building,
    api_show_building,
    api_update_building,
    api_delete_building
))]
struct BuildingsDoc;

#[derive(OpenApi)]
#[openapi(paths(
    api_list_tenants,
    api_create_tenant,
    api_show_tenant,
    api_update_tenant
))]
struct TenantsDoc;

#[derive(OpenApi)]
#[openapi(paths(api_show_office, api_update_office))]
struct OfficeDoc;

#[derive(OpenApi)]
#[openapi(paths(
    api_list_departments,
    api_create_department,
    api_show_department,
    api_update_department,
    api_delete_department
))]
struct DepartmentsDoc;

#[derive(OpenApi)]
#[openapi(paths(
    api_list_rooms,
    api_create_room,
    api_show_room,
    api_update_room,
    api_delete_room
))]
struct RoomsDoc;

#[derive(OpenApi)]
#[openapi(paths(
    api_list_dwellings,
    api_create_dwelling,
    api_show_dwelling,
    api_update_dwelling,
    api_delete_dwelling
))]
struct DwellingsDoc;

#[derive(OpenApi)]
#[openapi(paths(api_import))]
struct ImportDoc;

/// The registry's OpenAPI parts.
pub fn docs() -> Vec<utoipa::openapi::OpenApi> {
    vec![
        BuildingsDoc::openapi(),
        OfficeDoc::openapi(),
        DepartmentsDoc::openapi(),
        RoomsDoc::openapi(),
        DwellingsDoc::openapi(),
        TenantsDoc::openapi(),
        ImportDoc::openapi(),
    ]
}
