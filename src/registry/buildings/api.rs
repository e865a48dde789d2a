//! `/api/v1/buildings`: the same rules as the pages, in JSON.

use actix_web::{web, HttpResponse};

use super::{queries, service, Building, BuildingApiQuery, BuildingBody, BuildingInput};
use crate::access::Caller;
use crate::domain::ids::BuildingId;
use crate::domain::roles::Action;
use crate::error::{AppError, Problem};
use crate::state::AppState;
use crate::web::pagination::Paged;

/// The office's buildings; `q` searches name, address and municipality, accents and case ignored.
#[utoipa::path(get, path = "/api/v1/buildings", tag = "registry",
    params(BuildingApiQuery),
    responses((status = 200, body = Paged<Building>)))]
pub async fn api_list_buildings(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<BuildingApiQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let (_, paged) = state
        .read(caller, move |c, actor| {
            queries::list(c, actor, &query.terms(), query.pagination())
        })
        .await?;
    Ok(HttpResponse::Ok().json(paged))
}

#[utoipa::path(post, path = "/api/v1/buildings", tag = "registry",
    request_body = BuildingBody,
    responses((status = 201, body = Building),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn api_create_building(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<BuildingBody>,
) -> Result<HttpResponse, AppError> {
    let input = BuildingInput::from(body.into_inner());
    let (_, building) = state
        .write(caller, move |c, actor| {
            actor.require(Action::ManageRegistry)?;
            let id = service::create(c, actor, &input.validate()?)?;
            queries::get(c, actor, id)
        })
        .await?;
    Ok(HttpResponse::Created().json(building))
}

#[utoipa::path(get, path = "/api/v1/buildings/{id}", tag = "registry",
    params(("id" = i64, Path)),
    responses((status = 200, body = Building),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn api_show_building(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<BuildingId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (_, building) = state
        .read(caller, move |c, actor| queries::get(c, actor, id))
        .await?;
    Ok(HttpResponse::Ok().json(building))
}

#[utoipa::path(put, path = "/api/v1/buildings/{id}", tag = "registry",
    params(("id" = i64, Path)), request_body = BuildingBody,
    responses((status = 200, body = Building),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn api_update_building(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<BuildingId>,
    body: web::Json<BuildingBody>,
) -> Result<HttpResponse, AppError> {
    let (id, input) = (path.into_inner(), BuildingInput::from(body.into_inner()));
    let (_, building) = state
        .write(caller, move |c, actor| {
            actor.require(Action::ManageRegistry)?;
            let data = input.validate()?;
            service::update(c, actor, id, &data)?;
            queries::get(c, actor, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(building))
}

/// Deletes a building with its rooms; 409, naming them, while dwellings, requests, journal
/// entries or workshops still refer to it.
#[utoipa::path(delete, path = "/api/v1/buildings/{id}", tag = "registry",
    params(("id" = i64, Path)),
    responses((status = 204),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json")))]
pub async fn api_delete_building(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<BuildingId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    state
        .write(caller, move |c, actor| service::delete(c, actor, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
