//! `/api/v1/buildings`: the same rules as the pages, in JSON.

use actix_web::http::StatusCode;
use actix_web::{delete, get, post, put, web, HttpResponse};
use serde::Deserialize;

use super::{Building, BuildingInput};
use crate::api::{write_then_show, ApiListQuery, Paginated};
use crate::domain::roles::Action;
use crate::error::{AppError, Problem};
use crate::state::AppState;
use crate::web::CurrentUser;

/// The OpenAPI paths of this module.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    api_list_buildings,
    api_create_building,
    api_show_building,
    api_update_building,
    api_delete_building
))]
pub struct Doc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(api_list_buildings)
        .service(api_create_building)
        .service(api_show_building)
        .service(api_update_building)
        .service(api_delete_building);
}

/// A building to create or replace.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct BuildingBody {
    pub name: Option<String>,
    pub address: Option<String>,
    pub municipality: Option<String>,
    pub postal_code: Option<String>,
    pub dwelling_count: Option<i32>,
    /// familles, aines, personnes_seules or mixte (default)
    pub clientele: Option<String>,
}

impl From<BuildingBody> for BuildingInput {
    fn from(b: BuildingBody) -> Self {
        BuildingInput {
            name: b.name,
            address: b.address,
            municipality: b.municipality,
            postal_code: b.postal_code,
            dwelling_count: b.dwelling_count.map(|n| n.to_string()),
            clientele: b.clientele,
        }
    }
}

/// The office's buildings; `q` searches name, address and municipality, accents and case ignored.
#[utoipa::path(get, path = "/api/v1/buildings", tag = "registry",
    params(ApiListQuery),
    responses((status = 200, body = Paginated<Building>)))]
#[get("/buildings")]
pub async fn api_list_buildings(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<ApiListQuery>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ReadRegistry)?;
    let (office, q, offset, limit) = (user.office_id, query.q(), query.offset(), query.per_page());
    let (items, total) = state
        .db(move |c| super::list(c, office, &q, offset, limit))
        .await?;
    Ok(HttpResponse::Ok().json(Paginated::new(items, total, &query)))
}

#[utoipa::path(post, path = "/api/v1/buildings", tag = "registry",
    request_body = BuildingBody,
    responses((status = 201, body = Building),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[post("/buildings")]
pub async fn api_create_building(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Json<BuildingBody>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageRegistry)?;
    let data = BuildingInput::from(body.into_inner()).validate()?;
    let office = user.office_id;
    write_then_show(
        &state,
        StatusCode::CREATED,
        office,
        move |c| super::insert(c, office, &data),
        super::find,
    )
    .await
}

#[utoipa::path(get, path = "/api/v1/buildings/{id}", tag = "registry",
    params(("id" = i64, Path)),
    responses((status = 200, body = Building),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
#[get("/buildings/{id:\\d+}")]
pub async fn api_show_building(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ReadRegistry)?;
    let (office, id) = (user.office_id, path.into_inner());
    Ok(HttpResponse::Ok().json(state.db(move |c| super::find(c, office, id)).await?))
}

#[utoipa::path(put, path = "/api/v1/buildings/{id}", tag = "registry",
    params(("id" = i64, Path)), request_body = BuildingBody,
    responses((status = 200, body = Building),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[put("/buildings/{id:\\d+}")]
pub async fn api_update_building(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Json<BuildingBody>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageRegistry)?;
    let (office, id) = (user.office_id, path.into_inner());
    let data = BuildingInput::from(body.into_inner()).validate()?;
    write_then_show(
        &state,
        StatusCode::OK,
        office,
        move |c| super::update(c, office, id, &data).map(|_| id),
        super::find,
    )
    .await
}

#[utoipa::path(delete, path = "/api/v1/buildings/{id}", tag = "registry",
    params(("id" = i64, Path)),
    responses((status = 204),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json")))]
#[delete("/buildings/{id:\\d+}")]
pub async fn api_delete_building(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageRegistry)?;
    let (office, id) = (user.office_id, path.into_inner());
    state.db_tx(move |c| super::delete(c, office, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}
