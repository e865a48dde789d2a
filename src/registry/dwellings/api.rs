//! `/api/v1/dwellings`: the same rules as the pages, in JSON.

use actix_web::{web, HttpResponse};

use super::input::validate_new;
use super::{queries, service, Dwelling, DwellingBody, DwellingInput, DwellingListQuery};
use crate::access::Caller;
use crate::domain::ids::{BuildingId, DwellingId};
use crate::domain::roles::Action;
use crate::domain::FieldErrors;
use crate::error::{AppError, Problem};
use crate::registry::buildings;
use crate::state::AppState;
use crate::web::pagination::Paged;

/// The office's dwellings, by building and door number, optionally of one building (404 when that
/// building is not the office's).
#[utoipa::path(get, path = "/api/v1/dwellings", tag = "registry",
    params(DwellingListQuery),
    responses((status = 200, body = Paged<Dwelling>),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn api_list_dwellings(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<DwellingListQuery>,
) -> Result<HttpResponse, AppError> {
    let (building, at) = (query.building_id, query.pagination());
    let (_, paged) = state
        .read(caller, move |c, actor| {
            actor.require(Action::ReadRegistry)?;
            let office = actor.office_id.get();
            let (items, total) = queries::list(c, office, building, at.offset(), at.limit())?;
            Ok(Paged::new(items, total, at))
        })
        .await?;
    Ok(HttpResponse::Ok().json(paged))
}

/// Adds a dwelling; a `building_id` that is not the office's is the field error `unknown-reference`.
#[utoipa::path(post, path = "/api/v1/dwellings", tag = "registry",
    request_body = DwellingBody,
    responses((status = 201, body = Dwelling),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn api_create_dwelling(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<DwellingBody>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let (_, dwelling) = state
        .write(caller, move |c, actor| {
            actor.require(Action::ManageRegistry)?;
            let (building_id, data) = validate_new(body)?;
            let office = actor.office_id.get();
            match buildings::find(c, office, building_id) {
                Ok(_) => {}
                Err(AppError::NotFound) => {
                    let mut e = FieldErrors::new();
                    e.add("building_id", "err-unknown-reference");
                    return Err(e.into());
                }
                Err(e) => return Err(e),
            }
            let id = service::create(c, actor, BuildingId(building_id), &data)?;
            queries::get(c, actor, id)
        })
        .await?;
    Ok(HttpResponse::Created().json(dwelling))
}

#[utoipa::path(get, path = "/api/v1/dwellings/{id}", tag = "registry",
    params(("id" = i64, Path)),
    responses((status = 200, body = Dwelling),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn api_show_dwelling(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<DwellingId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (_, dwelling) = state
        .read(caller, move |c, actor| queries::get(c, actor, id))
        .await?;
    Ok(HttpResponse::Ok().json(dwelling))
}

/// Replaces a dwelling's number, bedrooms and adaptation; `building_id` is ignored.
#[utoipa::path(put, path = "/api/v1/dwellings/{id}", tag = "registry",
    params(("id" = i64, Path)), request_body = DwellingBody,
    responses((status = 200, body = Dwelling),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn api_update_dwelling(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<DwellingId>,
    body: web::Json<DwellingBody>,
) -> Result<HttpResponse, AppError> {
    let (id, input) = (path.into_inner(), DwellingInput::from(body.into_inner()));
    let (_, dwelling) = state
        .write(caller, move |c, actor| {
            actor.require(Action::ManageRegistry)?;
            service::change(c, actor, id, &input.validate()?)?;
            queries::get(c, actor, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(dwelling))
}

/// Deletes a dwelling; 409, naming them, while tenant records or requests point to it.
#[utoipa::path(delete, path = "/api/v1/dwellings/{id}", tag = "registry",
    params(("id" = i64, Path)),
    responses((status = 204),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json")))]
pub async fn api_delete_dwelling(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<DwellingId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    state
        .write(caller, move |c, actor| service::remove(c, actor, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
