//! The dwelling pages (administrators): add to a building, edit, delete; and the CSV export of the
//! office's dwellings. Every save goes back to the building's page.

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use serde::Serialize;

use super::DwellingInput;
use crate::accounts::routes::Empty;
use crate::domain::roles::Action;
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::registry::buildings;
use crate::state::AppState;
use crate::web::{csv_response, redirect, render_status, CsrfForm, CurrentUser, Page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(export_dwellings)
        .service(new_dwelling)
        .service(create_dwelling)
        .service(edit_dwelling)
        .service(update_dwelling)
        .service(delete_dwelling);
}

#[get("/dwellings.csv")]
async fn export_dwellings(
    state: web::Data<AppState>,
    user: CurrentUser,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ReadRegistry)?;
    let office = user.office_id;
    let rows = state.db(move |c| super::list_for_export(c, office)).await?;
    Ok(csv_response("logements.csv", super::to_csv(&rows)?))
}

/// Which form is shown: a new dwelling of a building, or an existing dwelling.
struct Target {
    building_id: i64,
    building_name: String,
    dwelling_id: Option<i64>,
}

#[derive(Serialize)]
struct FormPage {
    action: String,
    form: DwellingInput,
    errors: BTreeMap<String, String>,
    building_id: i64,
    building_name: String,
    /// Set when editing: the delete form's target.
    delete_action: Option<String>,
}

fn render_form(
    state: &AppState,
    session: &Session,
    user: &CurrentUser,
    target: Target,
    form: DwellingInput,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let (action, title) = match target.dwelling_id {
        Some(id) => (format!("/dwellings/{id}"), "dwelling-edit-title"),
        None => (
            format!("/buildings/{}/dwellings", target.building_id),
            "dwelling-new-title",
        ),
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = FormPage {
        action,
        form,
        errors: errors.translated(user.lang),
        building_id: target.building_id,
        building_name: target.building_name,
        delete_action: target
            .dwelling_id
            .map(|id| format!("/dwellings/{id}/delete")),
    };
    let ctx = Page::new(session, user, title, "buildings", page);
    render_status(state, status, "dwellings/form", &ctx)
}

/// The form target for a new dwelling of `building_id`; `NotFound` for another office's building.
async fn new_target(state: &AppState, office: i64, building_id: i64) -> Result<Target, AppError> {
    let b = state
        .db(move |c| buildings::find(c, office, building_id))
        .await?;
    Ok(Target {
        building_id,
        building_name: b.name,
        dwelling_id: None,
    })
}

/// The form target for dwelling `id` and its current values; `NotFound` for another office's.
async fn edit_target(
    state: &AppState,
    office: i64,
    id: i64,
) -> Result<(Target, DwellingInput), AppError> {
    let (d, building_name) = state
        .db(move |c| super::find_with_building(c, office, id))
        .await?;
    let target = Target {
        building_id: d.building_id,
        building_name,
        dwelling_id: Some(id),
    };
    Ok((target, DwellingInput::from_dwelling(&d)))
}

#[get("/buildings/{id:\\d+}/dwellings/new")]
async fn new_dwelling(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageRegistry)?;
    let target = new_target(&state, user.office_id, path.into_inner()).await?;
    // Most HLM dwellings have one bedroom or more: start from 1 rather than an empty required field.
    let form = DwellingInput {
        bedrooms: Some("1".into()),
        ..DwellingInput::default()
    };
    let errors = FieldErrors::new();
    render_form(&state, &session, &user, target, form, &errors)
}

#[post("/buildings/{id:\\d+}/dwellings")]
async fn create_dwelling(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(input): CsrfForm<DwellingInput>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageRegistry)?;
    let (office, building_id) = (user.office_id, path.into_inner());
    // The number rule is checked in the transaction, so its error comes back from there too.
    let saved = match input.validate() {
        Ok(data) => {
            state
                .db_tx(move |c| super::insert(c, office, building_id, &data))
                .await
        }
        Err(errors) => Err(errors.into()),
    };
    match saved {
        Ok(_) => {
            let to = format!("/buildings/{building_id}");
            Ok(redirect(&session, &to, Some("flash-saved")))
        }
        Err(AppError::Validation(errors)) => {
            let target = new_target(&state, office, building_id).await?;
            render_form(&state, &session, &user, target, input, &errors)
        }
        Err(e) => Err(e),
    }
}

#[get("/dwellings/{id:\\d+}/edit")]
async fn edit_dwelling(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageRegistry)?;
    let (target, form) = edit_target(&state, user.office_id, path.into_inner()).await?;
    render_form(&state, &session, &user, target, form, &FieldErrors::new())
}

#[post("/dwellings/{id:\\d+}")]
async fn update_dwelling(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(input): CsrfForm<DwellingInput>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageRegistry)?;
    let (office, id) = (user.office_id, path.into_inner());
    let saved = match input.validate() {
        Ok(data) => {
            state
                .db_tx(move |c| super::update(c, office, id, &data))
                .await
        }
        Err(errors) => Err(errors.into()),
    };
    match saved {
        Ok(building_id) => {
            let to = format!("/buildings/{building_id}");
            Ok(redirect(&session, &to, Some("flash-saved")))
        }
        Err(AppError::Validation(errors)) => {
            let (target, _) = edit_target(&state, office, id).await?;
            render_form(&state, &session, &user, target, input, &errors)
        }
        Err(e) => Err(e),
    }
}

#[post("/dwellings/{id:\\d+}/delete")]
async fn delete_dwelling(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageRegistry)?;
    let (office, id) = (user.office_id, path.into_inner());
    let building_id = state.db_tx(move |c| super::delete(c, office, id)).await?;
    let to = format!("/buildings/{building_id}");
    Ok(redirect(&session, &to, Some("flash-deleted")))
}
