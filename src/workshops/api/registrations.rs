//! Registrations in JSON. A tenant is named by dwelling and last name (or, by those who may read
//! tenant files, by id); committee members get registrations without names.

use actix_web::{web, HttpResponse};

use crate::access::Caller;
use crate::domain::ids::{RegistrationId, WorkshopId};
use crate::domain::roles::Action;
use crate::error::{AppError, Problem};
use crate::state::AppState;
use crate::workshops::input::RegistrationBody;
use crate::workshops::registrations::{self, queries as regs, RegistrationLine};
use crate::workshops::{queries, Registration};

#[utoipa::path(get, path = "/api/v1/workshops/{id}/registrations", tag = "workshops",
    params(("id" = i64, Path)),
    responses((status = 200, body = Vec<RegistrationLine>),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn api_list_registrations(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<WorkshopId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let (_, list) = state
        .read(caller, move |c, actor| {
            actor.require(Action::ManageWorkshops)?;
            queries::find(c, actor, id)?;
            regs::list(c, id, regs::shows_names(actor))
        })
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Registers a tenant: `confirmed` while places remain, else `waiting`.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/registrations", tag = "workshops",
    params(("id" = i64, Path)), request_body = RegistrationBody,
    responses((status = 201, body = Registration),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn api_register(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<WorkshopId>,
    body: web::Json<RegistrationBody>,
) -> Result<HttpResponse, AppError> {
    let r = body.parse(id.into_inner());
    let (_, reg) = state
        .write(caller, move |c, actor| {
            actor.require(Action::ManageWorkshops)?;
            registrations::register_for(c, actor, &r?)
        })
        .await?;
    Ok(HttpResponse::Created().json(reg))
}

/// Cancels a registration; the first on the waiting list who fits gets the place (and an email).
#[utoipa::path(delete, path = "/api/v1/registrations/{id}", tag = "workshops",
    params(("id" = i64, Path)),
    responses((status = 204),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn api_cancel_registration(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<RegistrationId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let mail = state.mail.clone();
    state
        .write(caller, move |c, actor| {
            actor.require(Action::ManageWorkshops)?;
            registrations::cancel_for(c, actor, &mail, id)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
