//! `/api/v1/buildings/{id}/rooms` and `/api/v1/rooms/{id}`: the same rules as the pages, in JSON.

use actix_web::{web, HttpResponse};

use super::{queries, service, Room, RoomBody, RoomInput};
use crate::access::Caller;
use crate::domain::ids::{BuildingId, RoomId};
use crate::domain::roles::Action;
use crate::error::{AppError, Problem};
use crate::state::AppState;

/// The rooms of one of the office's buildings, by name.
#[utoipa::path(get, path = "/api/v1/buildings/{id}/rooms", tag = "registry",
    params(("id" = i64, Path, description = "building id")),
    responses((status = 200, body = Vec<Room>),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn api_list_rooms(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<BuildingId>,
) -> Result<HttpResponse, AppError> {
    let building = path.into_inner();
    let (_, rooms) = state
        .read(caller, move |c, actor| {
            actor.require(Action::ReadRegistry)?;
            queries::list_for_building(c, actor.office_id.get(), building.get())
        })
        .await?;
    Ok(HttpResponse::Ok().json(rooms))
}

#[utoipa::path(post, path = "/api/v1/buildings/{id}/rooms", tag = "registry",
    params(("id" = i64, Path, description = "building id")), request_body = RoomBody,
    responses((status = 201, body = Room),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn api_create_room(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<BuildingId>,
    body: web::Json<RoomBody>,
) -> Result<HttpResponse, AppError> {
    let (building, input) = (path.into_inner(), RoomInput::from(body.into_inner()));
    let (_, room) = state
        .write(caller, move |c, actor| {
            actor.require(Action::ManageRegistry)?;
            let id = service::create(c, actor, building, &input.validate()?)?;
            queries::get(c, actor, id)
        })
        .await?;
    Ok(HttpResponse::Created().json(room))
}

#[utoipa::path(get, path = "/api/v1/rooms/{id}", tag = "registry",
    params(("id" = i64, Path)),
    responses((status = 200, body = Room),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn api_show_room(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<RoomId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (_, room) = state
        .read(caller, move |c, actor| queries::get(c, actor, id))
        .await?;
    Ok(HttpResponse::Ok().json(room))
}

/// Replaces a room's name, capacity and accessibility (a room stays in its building).
#[utoipa::path(put, path = "/api/v1/rooms/{id}", tag = "registry",
    params(("id" = i64, Path)), request_body = RoomBody,
    responses((status = 200, body = Room),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn api_update_room(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<RoomId>,
    body: web::Json<RoomBody>,
) -> Result<HttpResponse, AppError> {
    let (id, input) = (path.into_inner(), RoomInput::from(body.into_inner()));
    let (_, room) = state
        .write(caller, move |c, actor| {
            actor.require(Action::ManageRegistry)?;
            service::change(c, actor, id, &input.validate()?)?;
            queries::get(c, actor, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(room))
}

#[utoipa::path(delete, path = "/api/v1/rooms/{id}", tag = "registry",
    params(("id" = i64, Path)),
    responses((status = 204),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json")))]
pub async fn api_delete_room(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<RoomId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    state
        .write(caller, move |c, actor| service::remove(c, actor, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
