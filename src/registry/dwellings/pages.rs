//! The dwelling pages (administrators): add to a building, edit, delete; and the CSV export of the
//! office's dwellings. Every save goes back to the building's page.

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use super::{export, queries, service, DwellingInput};
use crate::access::{Actor, Caller};
use crate::db::DbConnection;
use crate::domain::ids::{BuildingId, DwellingId};
use crate::domain::roles::Action;
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::registry::buildings;
use crate::state::AppState;
use crate::web::csrf::Empty;
use crate::web::{redirect, render_status, CsrfForm, Page};

pub async fn export_dwellings(
    state: web::Data<AppState>,
    caller: Caller,
) -> Result<HttpResponse, AppError> {
    let (_, csv) = state
        .read(caller, |c, actor| {
            actor.require(Action::ReadRegistry)?;
            export::to_csv(&queries::list_for_export(c, actor.office_id.get())?)
        })
        .await?;
    csv.into_response("logements.csv")
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
    actor: &Actor,
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
        errors: errors.translated(actor.lang),
        building_id: target.building_id,
        building_name: target.building_name,
        delete_action: target
            .dwelling_id
            .map(|id| format!("/dwellings/{id}/delete")),
    };
    let ctx = Page::of(session, actor, title, "buildings", page);
    render_status(state, status, "dwellings/form", &ctx)
}

/// The form target for a new dwelling of `building_id`; `NotFound` for another office's building.
fn new_target(c: &mut DbConnection, actor: &Actor, building_id: i64) -> Result<Target, AppError> {
    actor.require(Action::ManageRegistry)?;
    let b = buildings::find(c, actor.office_id.get(), building_id)?;
    Ok(Target {
        building_id,
        building_name: b.name,
        dwelling_id: None,
    })
}

/// The form target for dwelling `id` and its current values; `NotFound` for another office's.
fn edit_target(
    c: &mut DbConnection,
    actor: &Actor,
    id: i64,
) -> Result<(Target, DwellingInput), AppError> {
    actor.require(Action::ManageRegistry)?;
    let (d, building_name) = queries::find_with_building(c, actor.office_id.get(), id)?;
    let target = Target {
        building_id: d.building_id.get(),
        building_name,
        dwelling_id: Some(id),
    };
    Ok((target, DwellingInput::from_dwelling(&d)))
}

pub async fn new_dwelling(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<BuildingId>,
) -> Result<HttpResponse, AppError> {
    let building = path.into_inner().get();
    let (actor, target) = state
        .read(caller, move |c, actor| new_target(c, actor, building))
        .await?;
    // Most HLM dwellings have one bedroom or more: start from 1 rather than an empty required field.
    let form = DwellingInput {
        bedrooms: Some("1".into()),
        ..DwellingInput::default()
    };
    let errors = FieldErrors::new();
    render_form(&state, &session, &actor, target, form, &errors)
}

pub async fn create_dwelling(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<BuildingId>,
    CsrfForm(input): CsrfForm<DwellingInput>,
) -> Result<HttpResponse, AppError> {
    let building = path.into_inner();
    let form = input.clone();
    // The number rule is checked in the transaction, so its error comes back from there too.
    let saved = state
        .write(caller.clone(), move |c, actor| {
            actor.require(Action::ManageRegistry)?;
            service::create(c, actor, building, &form.validate()?)
        })
        .await;
    match saved {
        Ok(_) => {
            let to = format!("/buildings/{building}");
            Ok(redirect(&session, &to, Some("flash-saved")))
        }
        Err(AppError::Validation(errors)) => {
            let (actor, target) = state
                .read(caller, move |c, actor| new_target(c, actor, building.get()))
                .await?;
            render_form(&state, &session, &actor, target, input, &errors)
        }
        Err(e) => Err(e),
    }
}

pub async fn edit_dwelling(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<DwellingId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner().get();
    let (actor, (target, form)) = state
        .read(caller, move |c, actor| edit_target(c, actor, id))
        .await?;
    render_form(&state, &session, &actor, target, form, &FieldErrors::new())
}

pub async fn update_dwelling(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<DwellingId>,
    CsrfForm(input): CsrfForm<DwellingInput>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let form = input.clone();
    let saved = state
        .write(caller.clone(), move |c, actor| {
            actor.require(Action::ManageRegistry)?;
            service::change(c, actor, id, &form.validate()?)
        })
        .await;
    match saved {
        Ok((_, building_id)) => {
            let to = format!("/buildings/{building_id}");
            Ok(redirect(&session, &to, Some("flash-saved")))
        }
        Err(AppError::Validation(errors)) => {
            let (actor, (target, _)) = state
                .read(caller, move |c, actor| edit_target(c, actor, id.get()))
                .await?;
            render_form(&state, &session, &actor, target, input, &errors)
        }
        Err(e) => Err(e),
    }
}

/// Deletes the dwelling; while tenants or requests still refer to it, the error page (409) names
/// them.
pub async fn delete_dwelling(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<DwellingId>,
    _: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (_, building_id) = state
        .write(caller, move |c, actor| service::remove(c, actor, id))
        .await?;
    let to = format!("/buildings/{building_id}");
    Ok(redirect(&session, &to, Some("flash-deleted")))
}
