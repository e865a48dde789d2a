//! `/privacy/officer`: the privacy officer's name and contact (administrators). The same fields
//! are a partial for the office settings form.

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use super::OfficerForm;
use crate::access::{Actor, Caller};
use crate::domain::roles::Action;
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{redirect, render_status, CsrfForm, Page};

/// What `templates/privacy/partials/officer_fields.hbs` reads (as `officer`).
#[derive(Debug, Serialize)]
pub struct OfficerFields {
    pub form: OfficerForm,
    pub errors: BTreeMap<String, String>,
}

#[derive(Serialize)]
struct OfficerPage {
    officer: OfficerFields,
}

fn render_page(
    state: &AppState,
    session: &Session,
    actor: &Actor,
    (form, errors, status): (OfficerForm, FieldErrors, StatusCode),
) -> Result<HttpResponse, AppError> {
    let page = OfficerPage {
        officer: OfficerFields {
            form,
            errors: errors.translated(actor.lang),
        },
    };
    let ctx = Page::of(session, actor, "officer-title", "admin", page);
    render_status(state, status, "privacy/officer", &ctx)
}

pub async fn show_officer(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let (actor, officer) = state
        .read(caller, |c, actor| {
            actor.require(Action::ManagePrivacy)?;
            super::find(c, actor)
        })
        .await?;
    let shown = (
        OfficerForm::of(&officer),
        FieldErrors::new(),
        StatusCode::OK,
    );
    render_page(&state, &session, &actor, shown)
}

pub async fn update_officer(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    CsrfForm(input): CsrfForm<OfficerForm>,
) -> Result<HttpResponse, AppError> {
    let form = input.clone();
    let written = state
        .write(caller.clone(), move |c, actor| {
            actor.require(Action::ManagePrivacy)?;
            super::update(c, actor, &form.parse()?)
        })
        .await;
    match written {
        Ok(_) => Ok(redirect(&session, "/privacy/officer", Some("flash-saved"))),
        Err(AppError::Validation(errors)) => {
            let actor = state.actor(caller).await?;
            let shown = (input, errors, StatusCode::UNPROCESSABLE_ENTITY);
            render_page(&state, &session, &actor, shown)
        }
        Err(e) => Err(e),
    }
}
