//! `/office`: the administration hub, with the office's details and the settings form (the
//! office's details and its privacy officer).

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use super::{queries, service, Office, OfficeInput, SettingsForm};
use crate::access::Caller;
use crate::db::DbConnection;
use crate::domain::roles::Action;
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::privacy::officer::{self, OfficerForm};
use crate::state::AppState;
use crate::web::{redirect, render_status, CsrfForm, Page};

/// What `templates/privacy/partials/officer_fields.hbs` reads (as `officer`).
#[derive(Serialize)]
struct OfficerFields {
    form: OfficerForm,
    errors: BTreeMap<String, String>,
}

#[derive(Serialize)]
struct HubPage {
    office: Office,
    form: OfficeInput,
    errors: BTreeMap<String, String>,
    /// The privacy officer's fields (administrators, who name the officer).
    officer: Option<OfficerFields>,
}

/// What the hub reads: the office, and the officer as stored (for those who may change it).
fn read_hub(
    c: &mut DbConnection,
    actor: &crate::access::Actor,
) -> Result<(Office, Option<OfficerForm>), AppError> {
    actor.require(Action::ManageOffice)?;
    let office = queries::find(c, actor.office_id.get())?;
    let officer = match actor.can(Action::ManagePrivacy) {
        true => Some(OfficerForm::of(&officer::find(c, actor)?)),
        false => None,
    };
    Ok((office, officer))
}

/// Reads and renders the hub; `submitted` is a refused form shown again with its messages (422).
async fn show_hub(
    state: &AppState,
    caller: Caller,
    session: &Session,
    submitted: Option<(SettingsForm, FieldErrors)>,
) -> Result<HttpResponse, AppError> {
    let (actor, (office, stored_officer)) = state.read(caller, read_hub).await?;
    let lang = actor.lang;
    let (form, officer_form, errors, status) = match submitted {
        Some((f, e)) => (
            f.office,
            Some(f.officer),
            e,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        None => (
            OfficeInput::from_office(&office),
            None,
            FieldErrors::new(),
            StatusCode::OK,
        ),
    };
    let translated = errors.translated(lang);
    let officer = stored_officer.map(|stored| OfficerFields {
        form: officer_form.unwrap_or(stored),
        errors: translated
            .iter()
            .filter(|(k, _)| k.starts_with("privacy_officer"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    });
    let page = HubPage {
        office,
        form,
        errors: translated,
        officer,
    };
    let ctx = Page::of(session, &actor, "office-title", "admin", page);
    render_status(state, status, "office/show", &ctx)
}

pub async fn show_office(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
) -> Result<HttpResponse, AppError> {
    show_hub(&state, caller, &session, None).await
}

pub async fn update_office(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    CsrfForm(input): CsrfForm<SettingsForm>,
) -> Result<HttpResponse, AppError> {
    let form = input.clone();
    let written = state
        .write(caller.clone(), move |c, actor| {
            service::save(c, actor, &form)
        })
        .await;
    match written {
        Ok(_) => Ok(redirect(&session, "/office", Some("flash-saved"))),
        Err(AppError::Validation(errors)) => {
            show_hub(&state, caller, &session, Some((input, errors))).await
        }
        Err(e) => Err(e),
    }
}
