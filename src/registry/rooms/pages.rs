//! The community room pages (administrators): add to a building, edit, delete. Every save goes back
//! to the building's page, where the rooms are listed.

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use super::{queries, service, RoomInput};
use crate::access::{Actor, Caller};
use crate::db::DbConnection;
use crate::domain::ids::{BuildingId, RoomId};
use crate::domain::roles::Action;
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::registry::buildings;
use crate::state::AppState;
use crate::web::csrf::Empty;
use crate::web::{redirect, render_status, CsrfForm, Page};

/// Which form is shown: a new room of a building, or an existing room.
struct Target {
    building_id: i64,
    building_name: String,
    room_id: Option<i64>,
}

#[derive(Serialize)]
struct FormPage {
    action: String,
    form: RoomInput,
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
    form: RoomInput,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let (action, title) = match target.room_id {
        Some(id) => (format!("/rooms/{id}"), "room-edit-title"),
        None => (
            format!("/buildings/{}/rooms", target.building_id),
            "room-new-title",
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
        delete_action: target.room_id.map(|id| format!("/rooms/{id}/delete")),
    };
    let ctx = Page::of(session, actor, title, "buildings", page);
    render_status(state, status, "rooms/form", &ctx)
}

/// The form target for a new room of `building_id`; `NotFound` for another office's building.
fn new_target(c: &mut DbConnection, actor: &Actor, building_id: i64) -> Result<Target, AppError> {
    actor.require(Action::ManageRegistry)?;
    let b = buildings::find(c, actor.office_id.get(), building_id)?;
    Ok(Target {
        building_id,
        building_name: b.name,
        room_id: None,
    })
}

/// The form target for room `id`; `NotFound` for another office's room.
fn edit_target(
    c: &mut DbConnection,
    actor: &Actor,
    id: i64,
) -> Result<(Target, RoomInput), AppError> {
    actor.require(Action::ManageRegistry)?;
    let (room, building_name) = queries::find_with_building(c, actor.office_id.get(), id)?;
    let target = Target {
        building_id: room.building_id.get(),
        building_name,
        room_id: Some(id),
    };
    Ok((target, RoomInput::from_room(&room)))
}

pub async fn new_room(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<BuildingId>,
) -> Result<HttpResponse, AppError> {
    let building = path.into_inner().get();
    let (actor, target) = state
        .read(caller, move |c, actor| new_target(c, actor, building))
        .await?;
    let (form, errors) = (RoomInput::default(), FieldErrors::new());
    render_form(&state, &session, &actor, target, form, &errors)
}

pub async fn create_room(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<BuildingId>,
    CsrfForm(input): CsrfForm<RoomInput>,
) -> Result<HttpResponse, AppError> {
    let building = path.into_inner();
    let form = input.clone();
    let written = state
        .write(caller.clone(), move |c, actor| {
            actor.require(Action::ManageRegistry)?;
            service::create(c, actor, building, &form.validate()?)
        })
        .await;
    match written {
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

pub async fn edit_room(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<RoomId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner().get();
    let (actor, (target, form)) = state
        .read(caller, move |c, actor| edit_target(c, actor, id))
        .await?;
    render_form(&state, &session, &actor, target, form, &FieldErrors::new())
}

pub async fn update_room(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<RoomId>,
    CsrfForm(input): CsrfForm<RoomInput>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let form = input.clone();
    let written = state
        .write(caller.clone(), move |c, actor| {
            actor.require(Action::ManageRegistry)?;
            // Another office's room is not found, whatever was submitted.
            queries::get(c, actor, id)?;
            service::change(c, actor, id, &form.validate()?)
        })
        .await;
    match written {
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

/// Deletes the room; while workshops still use it, the error page (409) names them.
pub async fn delete_room(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<RoomId>,
    _: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (_, building_id) = state
        .write(caller, move |c, actor| service::remove(c, actor, id))
        .await?;
    let to = format!("/buildings/{building_id}");
    Ok(redirect(&session, &to, Some("flash-deleted")))
}
