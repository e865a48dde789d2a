//! The journal's entry pages: the quick entry form (one select of sub-activities grouped by pole,
//! today's date, one hour), edit and delete; and the choice lists the list page shares.

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use serde::Serialize;

use super::store::{self, authorize_change};
use super::{Actor, JournalInput};
use crate::accounts::routes::Empty;
use crate::domain::poles::Pole;
use crate::domain::roles::Action;
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::i18n::{t, Lang};
use crate::state::AppState;
use crate::web::{redirect, render_status, CsrfForm, CurrentUser, Page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(new_entry)
        .service(create_entry)
        .service(edit_entry)
        .service(update_entry)
        .service(delete_entry);
}

pub(crate) fn actor(user: &CurrentUser) -> Actor {
    Actor {
        user_id: user.id,
        manages_journal: user.role.can(Action::ManageJournal),
    }
}

/// One option of a select, its label already translated.
#[derive(Serialize)]
pub(super) struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// The sub-activities of one pole, as an `<optgroup>`.
#[derive(Serialize)]
pub(super) struct Group {
    pub label: String,
    pub options: Vec<Choice>,
}

pub(super) fn choice(value: impl ToString, label: String, selected: &str) -> Choice {
    let value = value.to_string();
    Choice {
        selected: value == selected,
        value,
        label,
    }
}

pub(super) fn groups(lang: Lang, selected: &str) -> Vec<Group> {
    Pole::ALL
        .iter()
        .map(|p| Group {
            label: t(lang, &p.label_key()),
            options: p
                .sub_activities()
                .map(|sub| choice(sub.as_str(), t(lang, &sub.label_key()), selected))
                .collect(),
        })
        .collect()
}

pub(super) fn building_choices(
    lang: Lang,
    names: &[(i64, String)],
    none_key: &str,
    selected: &str,
) -> Vec<Choice> {
    std::iter::once(choice("", t(lang, none_key), selected))
        .chain(
            names
                .iter()
                .map(|(id, name)| choice(id, name.clone(), selected)),
        )
        .collect()
}

#[derive(Serialize)]
struct FormPage {
    action: String,
    form: JournalInput,
    errors: BTreeMap<String, String>,
    groups: Vec<Group>,
    buildings: Vec<Choice>,
    max_date: String,
    editing: bool,
}

/// Renders the entry form; `id` is the entry being edited, if any.
#[allow(clippy::too_many_arguments)]
fn form(
    state: &AppState,
    session: &Session,
    user: &CurrentUser,
    status: StatusCode,
    id: Option<i64>,
    input: JournalInput,
    errors: &FieldErrors,
    names: &[(i64, String)],
) -> Result<HttpResponse, AppError> {
    let lang = user.lang;
    let sub = input.sub_activity.clone().unwrap_or_default();
    let building = input.building_id.clone().unwrap_or_default();
    let page = FormPage {
        action: id.map_or("/journal".into(), |id| format!("/journal/{id}")),
        groups: groups(lang, &sub),
        buildings: building_choices(lang, names, "journal-no-building", &building),
        errors: errors.translated(lang),
        max_date: (super::today() + chrono::Days::new(1))
            .format("%Y-%m-%d")
            .to_string(),
        editing: id.is_some(),
        form: input,
    };
    let title = if id.is_some() {
        "journal-edit-title"
    } else {
        "journal-new"
    };
    render_status(
        state,
        status,
        "journal/form",
        &Page::new(session, user, title, "journal", page),
    )
}

#[get("/journal/new")]
async fn new_entry(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
) -> Result<HttpResponse, AppError> {
    user.require(Action::WriteJournal)?;
    let office = user.office_id;
    let names = state.db(move |c| store::building_names(c, office)).await?;
    let input = JournalInput::blank(super::today());
    form(
        &state,
        &session,
        &user,
        StatusCode::OK,
        None,
        input,
        &FieldErrors::new(),
        &names,
    )
}

/// Validates a submission, the building checked against the office's list already loaded.
fn validated(
    input: &JournalInput,
    names: &[(i64, String)],
) -> Result<super::NewJournalEntry, FieldErrors> {
    let result = input.validate(super::today());
    let building = input.building_id.as_deref().map(str::trim).unwrap_or("");
    let known = building.is_empty() || names.iter().any(|(id, _)| id.to_string() == building);
    match (result, known) {
        (Ok(data), true) => Ok(data),
        (result, _) => {
            let mut errors = result.err().unwrap_or_default();
            if !known {
                errors.add("building_id", "err-unknown-reference");
            }
            Err(errors)
        }
    }
}

#[post("/journal")]
async fn create_entry(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    CsrfForm(input): CsrfForm<JournalInput>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::WriteJournal)?;
    let (office, author) = (user.office_id, user.id);
    let names = state.db(move |c| store::building_names(c, office)).await?;
    let invalid = StatusCode::UNPROCESSABLE_ENTITY;
    let data = match validated(&input, &names) {
        Ok(d) => d,
        Err(errors) => {
            return form(
                &state, &session, &user, invalid, None, input, &errors, &names,
            )
        }
    };
    match state
        .db_tx(move |c| super::record(c, office, author, &data))
        .await
    {
        Ok(_) => Ok(redirect(
            &session,
            "/journal",
            Some("journal-flash-recorded"),
        )),
        Err(AppError::Validation(errors)) => form(
            &state, &session, &user, invalid, None, input, &errors, &names,
        ),
        Err(e) => Err(e),
    }
}

#[get("/journal/{id:\\d+}/edit")]
async fn edit_entry(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::WriteJournal)?;
    let (office, id, me) = (user.office_id, path.into_inner(), actor(&user));
    let (entry, names) = state
        .db(move |c| {
            let entry = store::find(c, office, id)?;
            authorize_change(&entry, me)?;
            Ok((entry, store::building_names(c, office)?))
        })
        .await?;
    let input = JournalInput::from_entry(&entry);
    form(
        &state,
        &session,
        &user,
        StatusCode::OK,
        Some(id),
        input,
        &FieldErrors::new(),
        &names,
    )
}

#[post("/journal/{id:\\d+}")]
async fn update_entry(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(input): CsrfForm<JournalInput>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::WriteJournal)?;
    let (office, id, me) = (user.office_id, path.into_inner(), actor(&user));
    // Not found, forbidden or written by a capability: said before any message about the fields.
    let names = state
        .db(move |c| {
            authorize_change(&store::find(c, office, id)?, me)?;
            store::building_names(c, office)
        })
        .await?;
    let invalid = StatusCode::UNPROCESSABLE_ENTITY;
    let data = match validated(&input, &names) {
        Ok(d) => d,
        Err(errors) => {
            return form(
                &state,
                &session,
                &user,
                invalid,
                Some(id),
                input,
                &errors,
                &names,
            )
        }
    };
    match state
        .db_tx(move |c| store::update(c, office, id, me, &data))
        .await
    {
        Ok(()) => Ok(redirect(&session, "/journal", Some("flash-saved"))),
        Err(AppError::Validation(errors)) => form(
            &state,
            &session,
            &user,
            invalid,
            Some(id),
            input,
            &errors,
            &names,
        ),
        Err(e) => Err(e),
    }
}

#[post("/journal/{id:\\d+}/delete")]
async fn delete_entry(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::WriteJournal)?;
    let (office, id, me) = (user.office_id, path.into_inner(), actor(&user));
    state
        .db_tx(move |c| store::delete(c, office, id, me))
        .await?;
    Ok(redirect(&session, "/journal", Some("flash-deleted")))
}
