//! `/api/v1/privacy/officer`: read (anyone of the office) and change (administrators) the
//! office's privacy officer.

use actix_web::{web, HttpResponse};

use super::OfficerForm;
use crate::access::Caller;
use crate::email::Officer;
use crate::error::{AppError, Problem};
use crate::state::AppState;

#[utoipa::path(get, path = "/api/v1/privacy/officer", tag = "privacy",
    responses((status = 200, body = Officer),
        (status = 401, body = Problem, content_type = "application/problem+json")))]
pub async fn api_show_officer(
    state: web::Data<AppState>,
    caller: Caller,
) -> Result<HttpResponse, AppError> {
    let (_, officer) = state.read(caller, super::find).await?;
    Ok(HttpResponse::Ok().json(officer))
}

#[utoipa::path(put, path = "/api/v1/privacy/officer", tag = "privacy",
    request_body = OfficerForm,
    responses((status = 200, body = Officer),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn api_update_officer(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<OfficerForm>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let (_, officer) = state
        .write(caller, move |c, actor| {
            actor.require(crate::domain::roles::Action::ManagePrivacy)?;
            super::update(c, actor, &body.parse()?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(officer))
}
