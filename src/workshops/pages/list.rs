//! The list of workshops and one workshop's page with its sessions and, for those who manage it,
//! its registrations and the registration form (a tenant by dwelling and last name).

use std::collections::BTreeMap;

use actix_session::Session as WebSession;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use crate::access::Caller;
use crate::domain::ids::{SessionId, WorkshopId};
use crate::domain::poles::sub_activity_key;
use crate::domain::roles::Action;
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::i18n::t;
use crate::state::AppState;
use crate::web::format;
use crate::web::pagination::Pager;
use crate::web::{render, render_status, Page};
use crate::workshops::input::{RegisterForm, WorkshopsQuery};
use crate::workshops::queries::{self, Facilitator, WorkshopLine};
use crate::workshops::registrations::queries as registrations;
use crate::workshops::registrations::RegistrationLine;
use crate::workshops::{RegistrationStatus, SessionStatus, Workshop};

#[derive(Serialize)]
struct ListPage {
    workshops: Vec<WorkshopLine>,
    pager: Pager,
    can_manage: bool,
}

pub async fn list_workshops(
    state: web::Data<AppState>,
    session: WebSession,
    caller: Caller,
    query: web::Query<WorkshopsQuery>,
) -> Result<HttpResponse, AppError> {
    let at = query.pagination();
    let (actor, paged) = state
        .read(caller, move |c, actor| {
            actor.require(Action::ReadWorkshops)?;
            queries::list(c, actor, at)
        })
        .await?;
    let page = ListPage {
        pager: paged.pager("/workshops", ""),
        workshops: paged.items,
        can_manage: actor.can(Action::ManageWorkshops),
    };
    render(
        &state,
        "workshops/list",
        &Page::of(&session, &actor, "workshops-title", "workshops", page),
    )
}

/// A session as the workshop page lists it.
#[derive(Serialize)]
struct SessionLine {
    id: SessionId,
    when: String,
    status: String,
    cancelled: bool,
    past: bool,
}

#[derive(Serialize)]
struct ShowPage {
    workshop: Workshop,
    sub_activity: String,
    facilitators: Vec<Facilitator>,
    sessions: Vec<SessionLine>,
    registrations: Vec<RegistrationLine>,
    confirmed: usize,
    can_manage: bool,
    /// The registration form as submitted, and its messages, when it is shown again.
    form: RegisterForm,
    errors: BTreeMap<String, String>,
}

/// The registration form shown again with its messages (or empty, on a plain visit).
#[derive(Default)]
pub struct Shown {
    pub form: RegisterForm,
    pub errors: FieldErrors,
}

pub async fn show_workshop(
    state: web::Data<AppState>,
    session: WebSession,
    caller: Caller,
    id: web::Path<WorkshopId>,
) -> Result<HttpResponse, AppError> {
    let page = show(&state, &session, caller, id.into_inner(), Shown::default()).await?;
    Ok(page)
}

/// Reads workshop `id` and renders its page: 200, or 422 with the registration form's messages.
pub async fn show(
    state: &AppState,
    session: &WebSession,
    caller: Caller,
    id: WorkshopId,
    shown: Shown,
) -> Result<HttpResponse, AppError> {
    let status = match shown.errors.is_empty() {
        true => StatusCode::OK,
        false => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let (actor, page) = state
        .read(caller, move |c, actor| {
            actor.require(Action::ReadWorkshops)?;
            let lang = actor.lang;
            let detail = queries::detail(c, actor, id)?;
            let can_manage = actor.can(Action::ManageWorkshops);
            let registrations = if can_manage {
                registrations::list(c, id, registrations::shows_names(actor))?
            } else {
                Vec::new()
            };
            let now = crate::db::now();
            Ok(ShowPage {
                sub_activity: t(lang, &sub_activity_key(&detail.workshop.sub_activity)),
                facilitators: detail.facilitators,
                sessions: detail
                    .sessions
                    .into_iter()
                    .map(|s| SessionLine {
                        id: s.id,
                        when: format::datetime(lang, s.starts_at),
                        status: t(lang, &format!("session-status-{}", s.status)),
                        cancelled: s.status == SessionStatus::Cancelled,
                        past: s.starts_at <= now,
                    })
                    .collect(),
                confirmed: registrations
                    .iter()
                    .filter(|r| r.status == RegistrationStatus::Confirmed)
                    .count(),
                registrations,
                can_manage,
                workshop: detail.workshop,
                errors: shown.errors.translated(lang),
                form: shown.form,
            })
        })
        .await?;
    render_status(
        state,
        status,
        "workshops/show",
        &Page::of(session, &actor, "workshop-title", "workshops", page),
    )
}
