//! `/api/v1/office`: the caller's own office.

use actix_web::{get, put, web, HttpResponse};
use serde::Deserialize;

use super::{Office, OfficeInput};
use crate::domain::roles::Action;
use crate::error::{AppError, Problem};
use crate::state::AppState;
use crate::web::CurrentUser;

/// The OpenAPI paths of this module.
#[derive(utoipa::OpenApi)]
#[openapi(paths(api_show_office, api_update_office))]
pub struct Doc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(api_show_office).service(api_update_office);
}

/// The office's details to replace.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct OfficeBody {
    pub name: Option<String>,
    pub region: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
}

impl From<OfficeBody> for OfficeInput {
    fn from(b: OfficeBody) -> Self {
        OfficeInput {
            name: b.name,
            region: b.region,
            contact_email: b.contact_email,
            contact_phone: b.contact_phone,
        }
    }
}

/// The caller's office. Every role may read it: its name and contact are what any account of the
/// office already sees in the page header, so no `Action` guards it.
#[utoipa::path(get, path = "/api/v1/office", tag = "registry",
    responses((status = 200, body = Office)))]
#[get("/office")]
pub async fn api_show_office(
    state: web::Data<AppState>,
    user: CurrentUser,
) -> Result<HttpResponse, AppError> {
    let office_id = user.office_id;
    Ok(HttpResponse::Ok().json(state.db(move |c| super::find(c, office_id)).await?))
}

#[utoipa::path(put, path = "/api/v1/office", tag = "registry",
    request_body = OfficeBody,
    responses((status = 200, body = Office),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[put("/office")]
pub async fn api_update_office(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Json<OfficeBody>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageOffice)?;
    let data = OfficeInput::from(body.into_inner()).validate()?;
    let office_id = user.office_id;
    let office = state
        .db_tx(move |c| {
            super::update(c, office_id, &data)?;
            super::find(c, office_id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(office))
}
