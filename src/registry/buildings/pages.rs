//! The buildings pages: searchable list, a building's page with its rooms, dwellings and tenants,
//! create, edit, delete, CSV export. Thin handlers: one `state.read` or `state.write` each.

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use super::queries::{self, DwellingLine, RoomLine};
use super::{export, service, Building, BuildingInput, BuildingQuery, CLIENTELES};
use crate::access::{Actor, Caller};
use crate::domain::ids::BuildingId;
use crate::domain::roles::Action;
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::choice::{translated_choices, Choice};
use crate::web::csrf::Empty;
use crate::web::pagination::Pager;
use crate::web::{redirect, render_status, CsrfForm, Page};

#[derive(Serialize)]
struct ListPage {
    q: String,
    buildings: Vec<Building>,
    pager: Pager,
    can_manage: bool,
}

pub async fn list_buildings(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    query: web::Query<BuildingQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let (q, at) = (query.terms(), query.pagination());
    let term = q.clone();
    let (actor, paged) = state
        .read(caller, move |c, actor| queries::list(c, actor, &term, at))
        .await?;
    let pager = paged.pager("/buildings", &query.to_query_string());
    let page = ListPage {
        q,
        buildings: paged.items,
        pager,
        can_manage: actor.can(Action::ManageRegistry),
    };
    let ctx = Page::of(&session, &actor, "buildings-title", "buildings", page);
    render_status(&state, StatusCode::OK, "buildings/list", &ctx)
}

pub async fn export_buildings(
    state: web::Data<AppState>,
    caller: Caller,
) -> Result<HttpResponse, AppError> {
    let (_, rows) = state
        .read(caller, |c, actor| {
            actor.require(Action::ReadRegistry)?;
            queries::list_all(c, actor.office_id.get())
        })
        .await?;
    export::to_csv(&rows)?.into_response("immeubles.csv")
}

#[derive(Serialize)]
struct FormPage {
    action: String,
    form: BuildingInput,
    errors: BTreeMap<String, String>,
    clienteles: Vec<Choice>,
    editing: bool,
}

/// The form: a new building (`id` none) or one being edited, with the submission's errors.
fn render_form(
    state: &AppState,
    session: &Session,
    actor: &Actor,
    id: Option<BuildingId>,
    form: BuildingInput,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let selected = form.clientele.clone().unwrap_or_else(|| "mixte".into());
    let page = FormPage {
        action: id.map_or("/buildings".into(), |id| format!("/buildings/{id}")),
        clienteles: translated_choices(actor.lang, "clientele-", CLIENTELES, &[&selected]),
        errors: errors.translated(actor.lang),
        editing: id.is_some(),
        form,
    };
    let (title, status) = match (id.is_some(), errors.is_empty()) {
        (false, true) => ("building-new-title", StatusCode::OK),
        (false, false) => ("building-new-title", StatusCode::UNPROCESSABLE_ENTITY),
        (true, true) => ("building-edit-title", StatusCode::OK),
        (true, false) => ("building-edit-title", StatusCode::UNPROCESSABLE_ENTITY),
    };
    let ctx = Page::of(session, actor, title, "buildings", page);
    render_status(state, status, "buildings/form", &ctx)
}

pub async fn new_building(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let (actor, ()) = state
        .read(caller, |_, actor| actor.require(Action::ManageRegistry))
        .await?;
    let form = BuildingInput::default();
    render_form(&state, &session, &actor, None, form, &FieldErrors::new())
}

pub async fn create_building(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    CsrfForm(input): CsrfForm<BuildingInput>,
) -> Result<HttpResponse, AppError> {
    let form = input.clone();
    let written = state
        .write(caller.clone(), move |c, actor| {
            actor.require(Action::ManageRegistry)?;
            service::create(c, actor, &form.validate()?)
        })
        .await;
    match written {
        Ok((_, id)) => Ok(redirect(
            &session,
            &format!("/buildings/{id}"),
            Some("flash-saved"),
        )),
        Err(AppError::Validation(errors)) => {
            let actor = state.actor(caller).await?;
            render_form(&state, &session, &actor, None, input, &errors)
        }
        Err(e) => Err(e),
    }
}

#[derive(Serialize)]
struct ShowPage {
    building: Building,
    rooms: Vec<RoomLine>,
    dwellings: Vec<DwellingLine>,
    show_tenants: bool,
    can_manage: bool,
    /// The building's request overview (open, late, recurring problems) is for those who handle them.
    can_see_requests: bool,
    occupied: usize,
}

pub async fn show_building(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<BuildingId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (actor, shown) = state
        .read(caller, move |c, actor| queries::page(c, actor, id))
        .await?;
    let occupied = shown
        .dwellings
        .iter()
        .filter(|d| !d.tenants.is_empty())
        .count();
    let page = ShowPage {
        building: shown.building,
        rooms: shown.rooms,
        dwellings: shown.dwellings,
        show_tenants: shown.with_tenants,
        can_manage: actor.can(Action::ManageRegistry),
        can_see_requests: actor.can(Action::HandleRequests),
        occupied,
    };
    let ctx = Page::of(&session, &actor, "building-title", "buildings", page);
    render_status(&state, StatusCode::OK, "buildings/show", &ctx)
}

pub async fn edit_building(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<BuildingId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (actor, b) = state
        .read(caller, move |c, actor| {
            actor.require(Action::ManageRegistry)?;
            queries::get(c, actor, id)
        })
        .await?;
    let form = BuildingInput::from_building(&b);
    render_form(
        &state,
        &session,
        &actor,
        Some(id),
        form,
        &FieldErrors::new(),
    )
}

pub async fn update_building(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<BuildingId>,
    CsrfForm(input): CsrfForm<BuildingInput>,
) -> Result<HttpResponse, AppError> {
    let (id, form) = (path.into_inner(), input.clone());
    let written = state
        .write(caller.clone(), move |c, actor| {
            actor.require(Action::ManageRegistry)?;
            // Another office's building is not found, whatever was submitted.
            queries::get(c, actor, id)?;
            service::update(c, actor, id, &form.validate()?)
        })
        .await;
    match written {
        Ok(_) => Ok(redirect(
            &session,
            &format!("/buildings/{id}"),
            Some("flash-saved"),
        )),
        Err(AppError::Validation(errors)) => {
            let actor = state.actor(caller).await?;
            render_form(&state, &session, &actor, Some(id), input, &errors)
        }
        Err(e) => Err(e),
    }
}

/// Deletes the building; while others still refer to it, the error page (409) names them.
pub async fn delete_building(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<BuildingId>,
    _: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    state
        .write(caller, move |c, actor| service::delete(c, actor, id))
        .await?;
    Ok(redirect(&session, "/buildings", Some("flash-deleted")))
}
