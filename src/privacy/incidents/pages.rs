//! `/privacy/incidents`: the incident register (list, CSV, new, edit, delete), administrators.

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use super::{export, queries, service, Incident, IncidentForm, Risk};
use crate::access::{Actor, Caller};
use crate::domain::ids::IncidentId;
use crate::domain::roles::Action;
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::i18n::{t, Lang};
use crate::state::AppState;
use crate::web::choice::{translated_choices, with_none, Choice};
use crate::web::csrf::Empty;
use crate::web::format::{date, today};
use crate::web::pagination::{PageQuery, Pager, Pagination};
use crate::web::{redirect, render, render_status, CsrfForm, Page};

#[derive(Serialize)]
struct IncidentLine {
    id: IncidentId,
    discovered_on: String,
    summary: String,
    people_affected: i32,
    risk: String,
    serious: bool,
    commission_notified_on: Option<String>,
    people_notified_on: Option<String>,
}

#[derive(Serialize)]
struct ListPage {
    incidents: Vec<IncidentLine>,
    pager: Pager,
}

fn line(i: Incident, lang: Lang) -> IncidentLine {
    IncidentLine {
        id: i.id,
        discovered_on: date(lang, i.discovered_on),
        summary: i.summary,
        people_affected: i.people_affected,
        risk: t(lang, &format!("incident-risk-{}", i.risk)),
        serious: i.risk == Risk::Serious,
        commission_notified_on: i.commission_notified_on.map(|d| date(lang, d)),
        people_notified_on: i.people_notified_on.map(|d| date(lang, d)),
    }
}

pub async fn list_incidents(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let at = Pagination::new(query.page, None);
    let (actor, paged) = state
        .read(caller, move |c, actor| queries::list(c, actor, at))
        .await?;
    let lang = actor.lang;
    let page = ListPage {
        pager: paged.pager("/privacy/incidents", ""),
        incidents: paged.items.into_iter().map(|i| line(i, lang)).collect(),
    };
    let ctx = Page::of(&session, &actor, "incidents-title", "admin", page);
    render(&state, "privacy/incidents", &ctx)
}

pub async fn export_incidents(
    state: web::Data<AppState>,
    caller: Caller,
) -> Result<HttpResponse, AppError> {
    let (actor, list) = state.read(caller, queries::list_all).await?;
    export::to_csv(&list, actor.lang)?.into_response("incidents.csv")
}

#[derive(Serialize)]
struct FormPage {
    action: String,
    editing: bool,
    form: IncidentForm,
    errors: BTreeMap<String, String>,
    risks: Vec<Choice>,
    max_date: String,
}

fn render_form(
    state: &AppState,
    session: &Session,
    actor: &Actor,
    id: Option<IncidentId>,
    (form, errors, status): (IncidentForm, FieldErrors, StatusCode),
) -> Result<HttpResponse, AppError> {
    let lang = actor.lang;
    let risk = form.risk.clone().unwrap_or_default();
    let page = FormPage {
        action: id.map_or("/privacy/incidents".into(), |id| {
            format!("/privacy/incidents/{id}")
        }),
        editing: id.is_some(),
        risks: with_none(
            lang,
            "incident-risk-choose",
            translated_choices(lang, "incident-risk-", Risk::codes(), &[&risk]),
        ),
        errors: errors.translated(lang),
        form,
        max_date: today().to_string(),
    };
    let title = if id.is_some() {
        "incident-edit-title"
    } else {
        "incident-new-title"
    };
    let ctx = Page::of(session, actor, title, "admin", page);
    render_status(state, status, "privacy/incident_form", &ctx)
}

pub async fn new_incident(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let (actor, ()) = state
        .read(caller, |_, actor| actor.require(Action::ManagePrivacy))
        .await?;
    let blank = IncidentForm {
        discovered_on: Some(today().to_string()),
        ..Default::default()
    };
    render_form(
        &state,
        &session,
        &actor,
        None,
        (blank, FieldErrors::new(), StatusCode::OK),
    )
}

pub async fn edit_incident(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<IncidentId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (actor, found) = state
        .read(caller, move |c, actor| queries::find(c, actor, id))
        .await?;
    let shown = (IncidentForm::of(&found), FieldErrors::new(), StatusCode::OK);
    render_form(&state, &session, &actor, Some(id), shown)
}

/// Creates (no id) or changes an incident from the form; the form again on a field error.
async fn save(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    id: Option<IncidentId>,
    input: IncidentForm,
) -> Result<HttpResponse, AppError> {
    let form = input.clone();
    let written = state
        .write(caller.clone(), move |c, actor| {
            if let Some(id) = id {
                queries::find(c, actor, id)?;
            }
            let data = form.parse(today())?;
            match id {
                Some(id) => service::update(c, actor, id, &data),
                None => service::create(c, actor, &data),
            }
        })
        .await;
    match written {
        Ok(_) => Ok(redirect(
            &session,
            "/privacy/incidents",
            Some("flash-saved"),
        )),
        Err(AppError::Validation(errors)) => {
            let actor = state.actor(caller).await?;
            let shown = (input, errors, StatusCode::UNPROCESSABLE_ENTITY);
            render_form(&state, &session, &actor, id, shown)
        }
        Err(e) => Err(e),
    }
}

pub async fn create_incident(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    CsrfForm(input): CsrfForm<IncidentForm>,
) -> Result<HttpResponse, AppError> {
    save(state, caller, session, None, input).await
}

pub async fn update_incident(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<IncidentId>,
    CsrfForm(input): CsrfForm<IncidentForm>,
) -> Result<HttpResponse, AppError> {
    save(state, caller, session, Some(path.into_inner()), input).await
}

pub async fn delete_incident(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<IncidentId>,
    _: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    state
        .write(caller, move |c, actor| service::delete(c, actor, id))
        .await?;
    Ok(redirect(
        &session,
        "/privacy/incidents",
        Some("flash-deleted"),
    ))
}
