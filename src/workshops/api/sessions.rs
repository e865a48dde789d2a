//! Sessions in JSON: moving or cancelling one, and its attendance.

use actix_web::{web, HttpResponse};

use super::clash_response;
use crate::access::Caller;
use crate::domain::ids::SessionId;
use crate::domain::roles::Action;
use crate::error::{AppError, Problem};
use crate::state::AppState;
use crate::workshops::input::{AttendanceBody, MoveBody};
use crate::workshops::registrations::attendance::{self, AttendanceLine};
use crate::workshops::{queries, service, Session};

/// Moves one session; the registered are told. 409 names the session in the way.
#[utoipa::path(put, path = "/api/v1/sessions/{id}", tag = "workshops",
    params(("id" = i64, Path)), request_body = MoveBody,
    responses((status = 200, body = Session),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn api_move_session(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<SessionId>,
    body: web::Json<MoveBody>,
) -> Result<HttpResponse, AppError> {
    let (id, times) = (id.into_inner(), body.parse());
    let mail = state.mail.clone();
    let (actor, moved) = state
        .write(caller, move |c, actor| {
            actor.require(Action::ManageWorkshops)?;
            service::move_and_notify(c, actor, &mail, id, times?)
        })
        .await?;
    Ok(match moved {
        Ok(s) => HttpResponse::Ok().json(s),
        Err(clash) => clash_response(&clash, actor.lang),
    })
}

/// Cancels one session (the others stay); the registered are told.
#[utoipa::path(post, path = "/api/v1/sessions/{id}/cancel", tag = "workshops",
    params(("id" = i64, Path)),
    responses((status = 200, body = Session),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json")))]
pub async fn api_cancel_session(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<SessionId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let mail = state.mail.clone();
    let (_, s) = state
        .write(caller, move |c, actor| {
            actor.require(Action::ManageWorkshops)?;
            service::cancel_and_notify(c, actor, &mail, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(s))
}

/// The tenants expected at a session, with their marks.
#[utoipa::path(get, path = "/api/v1/sessions/{id}/attendance", tag = "workshops",
    params(("id" = i64, Path)),
    responses((status = 200, body = Vec<AttendanceLine>),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn api_show_attendance(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<SessionId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let (_, sheet) = state
        .read(caller, move |c, actor| {
            actor.require(Action::ManageWorkshops)?;
            let (session, _) = queries::find_session(c, actor, id)?;
            attendance::sheet(c, actor, &session)
        })
        .await?;
    Ok(HttpResponse::Ok().json(sheet))
}

/// Records attendance and walk-ins; the session's journal entry is written once, then updated.
#[utoipa::path(put, path = "/api/v1/sessions/{id}/attendance", tag = "workshops",
    params(("id" = i64, Path)), request_body = AttendanceBody,
    responses((status = 200, body = Session),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn api_save_attendance(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<SessionId>,
    body: web::Json<AttendanceBody>,
) -> Result<HttpResponse, AppError> {
    let (id, data) = (id.into_inner(), body.parse());
    let (_, s) = state
        .write(caller, move |c, actor| {
            actor.require(Action::ManageWorkshops)?;
            attendance::save(c, actor, id, &data?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(s))
}
