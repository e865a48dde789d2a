//! The quick entry form (one select of sub-activities grouped by pole, today's date, one hour),
//! and the edit and delete of one's own manual entries.

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use super::{buildings, groups, Group};
use crate::access::{Actor, Caller};
use crate::domain::ids::{BuildingId, JournalEntryId};
use crate::domain::roles::Action;
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::journal::{service, EntryForm};
use crate::state::AppState;
use crate::web::choice::Choice;
use crate::web::csrf::Empty;
use crate::web::format::today;
use crate::web::{redirect, render_status, CsrfForm, Page};

#[derive(Serialize)]
struct FormPage {
    action: String,
    form: EntryForm,
    errors: BTreeMap<String, String>,
    groups: Vec<Group>,
    buildings: Vec<Choice>,
    max_date: String,
    editing: bool,
}

/// What the form shows: the entry being edited (if any), the submission, its errors.
struct Shown {
    id: Option<JournalEntryId>,
    input: EntryForm,
    errors: FieldErrors,
    status: StatusCode,
}

fn render_form(
    state: &AppState,
    session: &Session,
    actor: &Actor,
    names: Vec<(BuildingId, String)>,
    shown: Shown,
) -> Result<HttpResponse, AppError> {
    let lang = actor.lang;
    let sub = shown.input.sub_activity.clone().unwrap_or_default();
    let building = shown.input.building_id.clone().unwrap_or_default();
    let page = FormPage {
        action: shown
            .id
            .map_or("/journal".into(), |id| format!("/journal/{id}")),
        groups: groups(lang, &sub),
        buildings: buildings(lang, names, "journal-no-building", &building),
        errors: shown.errors.translated(lang),
        max_date: (today() + chrono::Days::new(1))
            .format("%Y-%m-%d")
            .to_string(),
        editing: shown.id.is_some(),
        form: shown.input,
    };
    let title = match shown.id {
        Some(_) => "journal-edit-title",
        None => "journal-new",
    };
    let ctx = Page::of(session, actor, title, "journal", page);
    render_status(state, shown.status, "journal/form", &ctx)
}

/// Shows the form again with the submission's errors (after the write was rolled back).
async fn redisplay(
    state: &AppState,
    caller: Caller,
    session: &Session,
    shown: Shown,
) -> Result<HttpResponse, AppError> {
    let (actor, names) = state
        .read(caller, |c, actor| {
            crate::registry::buildings::names(c, actor)
        })
        .await?;
    render_form(state, session, &actor, names, shown)
}

pub async fn new_entry(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let (actor, names) = state
        .read(caller, |c, actor| {
            actor.require(Action::WriteJournal)?;
            crate::registry::buildings::names(c, actor)
        })
        .await?;
    let shown = Shown {
        id: None,
        input: EntryForm::blank(today()),
        errors: FieldErrors::new(),
        status: StatusCode::OK,
    };
    render_form(&state, &session, &actor, names, shown)
}

pub async fn create_entry(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    CsrfForm(input): CsrfForm<EntryForm>,
) -> Result<HttpResponse, AppError> {
    let form = input.clone();
    let written = state
        .write(caller.clone(), move |c, actor| {
            actor.require(Action::WriteJournal)?;
            service::create(c, actor, &form.parse(today())?)
        })
        .await;
    match written {
        Ok(_) => Ok(redirect(
            &session,
            "/journal",
            Some("journal-flash-recorded"),
        )),
        Err(AppError::Validation(errors)) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            let shown = Shown {
                id: None,
                input,
                errors,
                status,
            };
            redisplay(&state, caller, &session, shown).await
        }
        Err(e) => Err(e),
    }
}

pub async fn edit_entry(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<JournalEntryId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (actor, (entry, names)) = state
        .read(caller, move |c, actor| {
            let entry = service::find_changeable(c, actor, id)?;
            Ok((entry, crate::registry::buildings::names(c, actor)?))
        })
        .await?;
    let shown = Shown {
        id: Some(id),
        input: EntryForm::of(&entry),
        errors: FieldErrors::new(),
        status: StatusCode::OK,
    };
    render_form(&state, &session, &actor, names, shown)
}

pub async fn update_entry(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<JournalEntryId>,
    CsrfForm(input): CsrfForm<EntryForm>,
) -> Result<HttpResponse, AppError> {
    let (id, form) = (path.into_inner(), input.clone());
    let written = state
        .write(caller.clone(), move |c, actor| {
            // Not found, forbidden or written by a capability: said before any message about the
            // fields.
            service::find_changeable(c, actor, id)?;
            service::update(c, actor, id, &form.parse(today())?)
        })
        .await;
    match written {
        Ok(_) => Ok(redirect(&session, "/journal", Some("flash-saved"))),
        Err(AppError::Validation(errors)) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            let shown = Shown {
                id: Some(id),
                input,
                errors,
                status,
            };
            redisplay(&state, caller, &session, shown).await
        }
        Err(e) => Err(e),
    }
}

pub async fn delete_entry(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<JournalEntryId>,
    _: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    state
        .write(caller, move |c, actor| service::delete(c, actor, id))
        .await?;
    Ok(redirect(&session, "/journal", Some("flash-deleted")))
}
