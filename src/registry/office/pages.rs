//! `/office`: the administration hub, with the office's details and their edit form.

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use serde::Serialize;

use super::{Office, OfficeInput};
use crate::domain::roles::Action;
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{redirect, render_status, CsrfForm, CurrentUser, Page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(show_office).service(update_office);
}

#[derive(Serialize)]
struct HubPage {
    office: Office,
    form: OfficeInput,
    errors: BTreeMap<String, String>,
}

fn render_hub(
    state: &AppState,
    session: &Session,
    user: &CurrentUser,
    status: StatusCode,
    office: Office,
    form: OfficeInput,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let page = HubPage {
        office,
        form,
        errors: errors.translated(user.lang),
    };
    let ctx = Page::new(session, user, "office-title", "admin", page);
    render_status(state, status, "office/show", &ctx)
}

#[get("/office")]
async fn show_office(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageOffice)?;
    let office_id = user.office_id;
    let office = state.db(move |c| super::find(c, office_id)).await?;
    let form = OfficeInput::from_office(&office);
    let errors = FieldErrors::new();
    render_hub(
        &state,
        &session,
        &user,
        StatusCode::OK,
        office,
        form,
        &errors,
    )
}

#[post("/office")]
async fn update_office(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    CsrfForm(input): CsrfForm<OfficeInput>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageOffice)?;
    let office_id = user.office_id;
    let data = match input.validate() {
        Ok(d) => d,
        Err(errors) => {
            let office = state.db(move |c| super::find(c, office_id)).await?;
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return render_hub(&state, &session, &user, status, office, input, &errors);
        }
    };
    state
        .db_tx(move |c| super::update(c, office_id, &data))
        .await?;
    Ok(redirect(&session, "/office", Some("flash-saved")))
}
