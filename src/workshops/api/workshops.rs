//! Workshops in JSON: the list, scheduling, one workshop, its capacity.

use actix_web::{web, HttpResponse};

use super::clash_response;
use crate::access::Caller;
use crate::domain::ids::WorkshopId;
use crate::domain::roles::Action;
use crate::error::{AppError, Problem};
use crate::state::AppState;
use crate::web::format::today;
use crate::web::pagination::{PageQuery, Paged};
use crate::workshops::input::{CapacityBody, WorkshopBody, WorkshopInput};
use crate::workshops::queries::{self, WorkshopDetail, WorkshopLine};
use crate::workshops::{registrations, service, ScheduleError, Workshop};

/// The workshops the caller sees, newest first.
#[utoipa::path(get, path = "/api/v1/workshops", tag = "workshops", params(PageQuery),
    responses((status = 200, body = Paged<WorkshopLine>),
        (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn api_list_workshops(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let at = query.pagination();
    let (_, paged) = state
        .read(caller, move |c, actor| {
            actor.require(Action::ReadWorkshops)?;
            queries::list(c, actor, at)
        })
        .await?;
    Ok(HttpResponse::Ok().json(paged))
}

/// Schedules a workshop with all its sessions; 409 names the session in the way.
#[utoipa::path(post, path = "/api/v1/workshops", tag = "workshops", request_body = WorkshopBody,
    responses((status = 201, body = Workshop),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn api_create_workshop(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<WorkshopBody>,
) -> Result<HttpResponse, AppError> {
    let checked = WorkshopInput::from(body.into_inner()).validate(today());
    let (actor, r) = state
        .write(caller, move |c, actor| {
            actor.require(Action::ManageWorkshops)?;
            let data = checked?;
            // A clash is an answer, not a failure: the transaction has written nothing.
            match service::create(c, actor, &data) {
                Ok(w) => Ok(Ok(w)),
                Err(ScheduleError::Clash(clash)) => Ok(Err(clash)),
                Err(ScheduleError::App(e)) => Err(e),
            }
        })
        .await?;
    Ok(match r {
        Ok(w) => HttpResponse::Created().json(w),
        Err(clash) => clash_response(&clash, actor.lang),
    })
}

#[utoipa::path(get, path = "/api/v1/workshops/{id}", tag = "workshops", params(("id" = i64, Path)),
    responses((status = 200, body = WorkshopDetail),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn api_show_workshop(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<WorkshopId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let (_, detail) = state
        .read(caller, move |c, actor| {
            actor.require(Action::ReadWorkshops)?;
            queries::detail(c, actor, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(detail))
}

/// Changes the capacity; refused (422) below the places already given.
#[utoipa::path(put, path = "/api/v1/workshops/{id}/capacity", tag = "workshops",
    params(("id" = i64, Path)), request_body = CapacityBody,
    responses((status = 200, body = Workshop),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn api_set_capacity(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<WorkshopId>,
    body: web::Json<CapacityBody>,
) -> Result<HttpResponse, AppError> {
    let (id, capacity) = (id.into_inner(), body.parse());
    let mail = state.mail.clone();
    let (_, w) = state
        .write(caller, move |c, actor| {
            actor.require(Action::ManageWorkshops)?;
            registrations::set_capacity(c, actor, &mail, id, capacity?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(w))
}
