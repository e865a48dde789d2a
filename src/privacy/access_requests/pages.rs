//! `/privacy/access-requests`: the register of people's requests about their own information
//! (list with overdue ones marked, CSV, new, edit), administrators.

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use super::{export, queries, service, AccessRequest, AccessRequestForm, Ask, Status};
use crate::access::{Actor, Caller};
use crate::domain::ids::{AccessRequestId, TenantId};
use crate::domain::roles::Action;
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::i18n::{t, Lang};
use crate::state::AppState;
use crate::web::choice::{translated_choices, with_none, Choice};
use crate::web::format::{date, today};
use crate::web::pagination::{PageQuery, Pager, Pagination};
use crate::web::{redirect, render, render_status, CsrfForm, Page};

#[derive(Serialize)]
struct RequestLine {
    id: AccessRequestId,
    received_on: String,
    requester: String,
    tenant_id: Option<TenantId>,
    kind: String,
    due_on: String,
    status: String,
    answered_on: Option<String>,
    overdue: bool,
}

#[derive(Serialize)]
struct ListPage {
    requests: Vec<RequestLine>,
    overdue: usize,
    pager: Pager,
}

fn line(r: AccessRequest, lang: Lang) -> RequestLine {
    RequestLine {
        overdue: r.is_overdue(today()),
        id: r.id,
        received_on: date(lang, r.received_on),
        requester: r.requester,
        tenant_id: r.tenant_id,
        kind: t(lang, &format!("access-request-ask-{}", r.kind)),
        due_on: date(lang, r.due_on),
        status: t(lang, &format!("access-request-status-{}", r.status)),
        answered_on: r.answered_on.map(|d| date(lang, d)),
    }
}

pub async fn list_access_requests(
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
    let requests: Vec<RequestLine> = paged
        .items
        .clone()
        .into_iter()
        .map(|r| line(r, lang))
        .collect();
    let page = ListPage {
        overdue: requests.iter().filter(|r| r.overdue).count(),
        pager: paged.pager("/privacy/access-requests", ""),
        requests,
    };
    let ctx = Page::of(&session, &actor, "access-requests-title", "admin", page);
    render(&state, "privacy/access_requests", &ctx)
}

pub async fn export_access_requests(
    state: web::Data<AppState>,
    caller: Caller,
) -> Result<HttpResponse, AppError> {
    let (actor, list) = state.read(caller, queries::list_all).await?;
    export::to_csv(&list, actor.lang, today())?.into_response("demandes-d-acces.csv")
}

#[derive(Serialize)]
struct FormPage {
    action: String,
    editing: bool,
    form: AccessRequestForm,
    errors: BTreeMap<String, String>,
    kinds: Vec<Choice>,
    statuses: Vec<Choice>,
    max_date: String,
    deadline_days: u64,
}

fn render_form(
    state: &AppState,
    session: &Session,
    actor: &Actor,
    id: Option<AccessRequestId>,
    (form, errors, status): (AccessRequestForm, FieldErrors, StatusCode),
) -> Result<HttpResponse, AppError> {
    let lang = actor.lang;
    let value = |v: &Option<String>| v.clone().unwrap_or_default();
    let (kind, st) = (value(&form.kind), value(&form.status));
    let page = FormPage {
        action: id.map_or("/privacy/access-requests".into(), |id| {
            format!("/privacy/access-requests/{id}")
        }),
        editing: id.is_some(),
        kinds: with_none(
            lang,
            "access-request-ask-choose",
            translated_choices(lang, "access-request-ask-", Ask::codes(), &[&kind]),
        ),
        statuses: translated_choices(lang, "access-request-status-", Status::codes(), &[&st]),
        errors: errors.translated(lang),
        form,
        max_date: today().to_string(),
        deadline_days: super::DEADLINE_DAYS,
    };
    let title = match id {
        Some(_) => "access-request-edit-title",
        None => "access-request-new-title",
    };
    let ctx = Page::of(session, actor, title, "admin", page);
    render_status(state, status, "privacy/access_request_form", &ctx)
}

pub async fn new_access_request(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let (actor, ()) = state
        .read(caller, |_, actor| actor.require(Action::ManagePrivacy))
        .await?;
    let blank = AccessRequestForm {
        received_on: Some(today().to_string()),
        status: Some(Status::Received.as_str().into()),
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

pub async fn edit_access_request(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<AccessRequestId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (actor, found) = state
        .read(caller, move |c, actor| queries::find(c, actor, id))
        .await?;
    let shown = (
        AccessRequestForm::of(&found),
        FieldErrors::new(),
        StatusCode::OK,
    );
    render_form(&state, &session, &actor, Some(id), shown)
}

/// Creates (no id) or changes a request from the form; the form again on a field error.
async fn save(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    id: Option<AccessRequestId>,
    input: AccessRequestForm,
) -> Result<HttpResponse, AppError> {
    let form = input.clone();
    let written = state
        .write(caller.clone(), move |c, actor| {
            if let Some(id) = id {
                queries::find(c, actor, id)?;
            }
            actor.require(Action::ManagePrivacy)?;
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
            "/privacy/access-requests",
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

pub async fn create_access_request(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    CsrfForm(input): CsrfForm<AccessRequestForm>,
) -> Result<HttpResponse, AppError> {
    save(state, caller, session, None, input).await
}

pub async fn update_access_request(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<AccessRequestId>,
    CsrfForm(input): CsrfForm<AccessRequestForm>,
) -> Result<HttpResponse, AppError> {
    save(state, caller, session, Some(path.into_inner()), input).await
}
