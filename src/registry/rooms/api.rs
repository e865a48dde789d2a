//! `/api/v1/buildings/{id}/rooms` and `/api/v1/rooms/{id}`: the same rules as the pages, in JSON.

use actix_web::http::StatusCode;
use actix_web::{delete, get, post, put, web, HttpResponse};
use serde::Deserialize;

use super::{Room, RoomInput};
use crate::api::write_then_show;
use crate::domain::roles::Action;
use crate::error::{AppError, Problem};
use crate::state::AppState;
use crate::web::CurrentUser;

/// The OpenAPI paths of this module.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    api_list_rooms,
    api_create_room,
    api_show_room,
    api_update_room,
    api_delete_room
))]
pub struct Doc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(api_list_rooms)
        .service(api_create_room)
        .service(api_show_room)
        .service(api_update_room)
        .service(api_delete_room);
}

/// A room to create or replace.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct RoomBody {
    pub name: Option<String>,
    /// Seats, 1 to 1000.
    pub capacity: Option<i32>,
    /// Accessible to people with reduced mobility (default false).
    pub accessible: Option<bool>,
}

impl From<RoomBody> for RoomInput {
    fn from(b: RoomBody) -> Self {
        RoomInput {
            name: b.name,
            capacity: b.capacity.map(|n| n.to_string()),
            accessible: b.accessible.map(|a| a.to_string()),
        }
    }
}

/// The rooms of one of the office's buildings, by name.
#[utoipa::path(get, path = "/api/v1/buildings/{id}/rooms", tag = "registry",
    params(("id" = i64, Path, description = "building id")),
    responses((status = 200, body = Vec<Room>),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
#[get("/buildings/{id:\\d+}/rooms")]
pub async fn api_list_rooms(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ReadRegistry)?;
    let (office, building_id) = (user.office_id, path.into_inner());
    let rooms = state
        .db(move |c| super::list_for_building(c, office, building_id))
        .await?;
    Ok(HttpResponse::Ok().json(rooms))
}

#[utoipa::path(post, path = "/api/v1/buildings/{id}/rooms", tag = "registry",
    params(("id" = i64, Path, description = "building id")), request_body = RoomBody,
    responses((status = 201, body = Room),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[post("/buildings/{id:\\d+}/rooms")]
pub async fn api_create_room(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Json<RoomBody>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageRegistry)?;
    let (office, building_id) = (user.office_id, path.into_inner());
    let data = RoomInput::from(body.into_inner()).validate()?;
    write_then_show(
        &state,
        StatusCode::CREATED,
        office,
        move |c| super::insert(c, office, building_id, &data),
        super::find,
    )
    .await
}

#[utoipa::path(get, path = "/api/v1/rooms/{id}", tag = "registry",
    params(("id" = i64, Path)),
    responses((status = 200, body = Room),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
#[get("/rooms/{id:\\d+}")]
pub async fn api_show_room(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ReadRegistry)?;
    let (office, id) = (user.office_id, path.into_inner());
    Ok(HttpResponse::Ok().json(state.db(move |c| super::find(c, office, id)).await?))
}

/// Replaces a room's name, capacity and accessibility (a room stays in its building).
#[utoipa::path(put, path = "/api/v1/rooms/{id}", tag = "registry",
    params(("id" = i64, Path)), request_body = RoomBody,
    responses((status = 200, body = Room),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[put("/rooms/{id:\\d+}")]
pub async fn api_update_room(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Json<RoomBody>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageRegistry)?;
    let (office, id) = (user.office_id, path.into_inner());
    let data = RoomInput::from(body.into_inner()).validate()?;
    write_then_show(
        &state,
        StatusCode::OK,
        office,
        move |c| super::update(c, office, id, &data).map(|_| id),
        super::find,
    )
    .await
}

#[utoipa::path(delete, path = "/api/v1/rooms/{id}", tag = "registry",
    params(("id" = i64, Path)),
    responses((status = 204),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
#[delete("/rooms/{id:\\d+}")]
pub async fn api_delete_room(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageRegistry)?;
    let (office, id) = (user.office_id, path.into_inner());
    state.db_tx(move |c| super::delete(c, office, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}
