//! The community room pages (administrators): add to a building, edit, delete. Every save goes back
//! to the building's page, where the rooms are listed.

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use serde::Serialize;

use super::RoomInput;
use crate::accounts::routes::Empty;
use crate::domain::roles::Action;
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::registry::buildings;
use crate::state::AppState;
use crate::web::{redirect, render_status, CsrfForm, CurrentUser, Page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(new_room)
        .service(create_room)
        .service(edit_room)
        .service(update_room)
        .service(delete_room);
}

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
    user: &CurrentUser,
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
        errors: errors.translated(user.lang),
        building_id: target.building_id,
        building_name: target.building_name,
        delete_action: target.room_id.map(|id| format!("/rooms/{id}/delete")),
    };
    let ctx = Page::new(session, user, title, "buildings", page);
    render_status(state, status, "rooms/form", &ctx)
}

/// The form target for a new room of `building_id`; `NotFound` for another office's building.
async fn new_target(state: &AppState, office: i64, building_id: i64) -> Result<Target, AppError> {
    let b = state
        .db(move |c| buildings::find(c, office, building_id))
        .await?;
    Ok(Target {
        building_id,
        building_name: b.name,
        room_id: None,
    })
}

#[get("/buildings/{id:\\d+}/rooms/new")]
async fn new_room(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageRegistry)?;
    let target = new_target(&state, user.office_id, path.into_inner()).await?;
    let (form, errors) = (RoomInput::default(), FieldErrors::new());
    render_form(&state, &session, &user, target, form, &errors)
}

#[post("/buildings/{id:\\d+}/rooms")]
async fn create_room(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(input): CsrfForm<RoomInput>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageRegistry)?;
    let (office, building_id) = (user.office_id, path.into_inner());
    let data = match input.validate() {
        Ok(d) => d,
        Err(errors) => {
            let target = new_target(&state, office, building_id).await?;
            return render_form(&state, &session, &user, target, input, &errors);
        }
    };
    state
        .db_tx(move |c| super::insert(c, office, building_id, &data))
        .await?;
    let to = format!("/buildings/{building_id}");
    Ok(redirect(&session, &to, Some("flash-saved")))
}

/// The form target for room `id`; `NotFound` for another office's room.
async fn edit_target(
    state: &AppState,
    office: i64,
    id: i64,
) -> Result<(Target, RoomInput), AppError> {
    let (room, building_name) = state
        .db(move |c| super::find_with_building(c, office, id))
        .await?;
    let target = Target {
        building_id: room.building_id,
        building_name,
        room_id: Some(id),
    };
    Ok((target, RoomInput::from_room(&room)))
}

#[get("/rooms/{id:\\d+}/edit")]
async fn edit_room(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageRegistry)?;
    let (target, form) = edit_target(&state, user.office_id, path.into_inner()).await?;
    render_form(&state, &session, &user, target, form, &FieldErrors::new())
}

#[post("/rooms/{id:\\d+}")]
async fn update_room(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(input): CsrfForm<RoomInput>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageRegistry)?;
    let (office, id) = (user.office_id, path.into_inner());
    let data = match input.validate() {
        Ok(d) => d,
        Err(errors) => {
            let (target, _) = edit_target(&state, office, id).await?;
            return render_form(&state, &session, &user, target, input, &errors);
        }
    };
    let building_id = state
        .db_tx(move |c| super::update(c, office, id, &data))
        .await?;
    let to = format!("/buildings/{building_id}");
    Ok(redirect(&session, &to, Some("flash-saved")))
}

#[post("/rooms/{id:\\d+}/delete")]
async fn delete_room(
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
