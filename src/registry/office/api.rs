//! `/api/v1/office`: the caller's own office.

use actix_web::{web, HttpResponse};

use super::{queries, service, Office, OfficeBody, OfficeInput};
use crate::access::Caller;
use crate::domain::roles::Action;
use crate::error::{AppError, Problem};
use crate::state::AppState;

/// The caller's office. Every role may read it: its name and contact are what any account of the
/// office already sees in the page header, so no `Action` guards it.
#[utoipa::path(get, path = "/api/v1/office", tag = "registry",
    responses((status = 200, body = Office)))]
pub async fn api_show_office(
    state: web::Data<AppState>,
    caller: Caller,
) -> Result<HttpResponse, AppError> {
    let (_, office) = state
        .read(caller, |c, actor| queries::find(c, actor.office_id.get()))
        .await?;
    Ok(HttpResponse::Ok().json(office))
}

#[utoipa::path(put, path = "/api/v1/office", tag = "registry",
    request_body = OfficeBody,
    responses((status = 200, body = Office),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn api_update_office(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<OfficeBody>,
) -> Result<HttpResponse, AppError> {
    let input = OfficeInput::from(body.into_inner());
    let (_, office) = state
        .write(caller, move |c, actor| {
            actor.require(Action::ManageOffice)?;
            let data = input.validate()?;
            service::update(c, actor.office_id.get(), &data)?;
            queries::find(c, actor.office_id.get())
        })
        .await?;
    Ok(HttpResponse::Ok().json(office))
}
