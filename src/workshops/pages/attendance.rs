//! Attendance of one session: large radio buttons, usable on a phone in a hallway.

use std::collections::HashMap;

use actix_session::Session as WebSession;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use crate::access::{Actor, Caller};
use crate::db::DbConnection;
use crate::domain::ids::SessionId;
use crate::domain::roles::Action;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{format, redirect, render_status, CsrfForm, Page};
use crate::workshops::input::attendance_form;
use crate::workshops::queries;
use crate::workshops::registrations::attendance::{self, AttendanceLine};
use crate::workshops::{Session, Workshop};

#[derive(Serialize)]
struct AttendancePage {
    workshop: Workshop,
    session: Session,
    when: String,
    lines: Vec<AttendanceLine>,
    started: bool,
    error: Option<String>,
}

fn load(c: &mut DbConnection, actor: &Actor, id: SessionId) -> Result<AttendancePage, AppError> {
    actor.require(Action::ManageWorkshops)?;
    let (session, workshop) = queries::find_session(c, actor, id)?;
    Ok(AttendancePage {
        lines: attendance::sheet(c, actor, &session)?,
        when: format::datetime(actor.lang, session.starts_at),
        started: session.starts_at <= crate::db::now(),
        session,
        workshop,
        error: None,
    })
}

fn render_sheet(
    state: &AppState,
    session: &WebSession,
    actor: &Actor,
    status: StatusCode,
    page: AttendancePage,
) -> Result<HttpResponse, AppError> {
    render_status(
        state,
        status,
        "workshops/attendance",
        &Page::of(session, actor, "attendance-title", "workshops", page),
    )
}

pub async fn show_attendance(
    state: web::Data<AppState>,
    session: WebSession,
    caller: Caller,
    id: web::Path<SessionId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let (actor, page) = state
        .read(caller, move |c, actor| load(c, actor, id))
        .await?;
    render_sheet(&state, &session, &actor, StatusCode::OK, page)
}

pub async fn save_attendance(
    state: web::Data<AppState>,
    session: WebSession,
    caller: Caller,
    id: web::Path<SessionId>,
    CsrfForm(form): CsrfForm<HashMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let parsed = attendance_form(&form);
    let result = state
        .write(caller.clone(), move |c, actor| {
            actor.require(Action::ManageWorkshops)?;
            let data = parsed.map_err(AppError::Validation)?;
            attendance::save(c, actor, id, &data)
        })
        .await;
    let (actor, page) = match result {
        Ok(_) => {
            let to = format!("/sessions/{id}/attendance");
            return Ok(redirect(&session, &to, Some("attendance-saved")));
        }
        Err(e @ (AppError::Validation(_) | AppError::Conflict(_))) => {
            let (actor, page) = state
                .read(caller, move |c, actor| load(c, actor, id))
                .await?;
            let lang = actor.lang;
            let mut page = page;
            page.error = match e {
                AppError::Validation(f) => f.translated(lang).into_values().next(),
                AppError::Conflict(key) => Some(crate::i18n::t(lang, key)),
                _ => None,
            };
            (actor, page)
        }
        Err(e) => return Err(e),
    };
    render_sheet(
        &state,
        &session,
        &actor,
        StatusCode::UNPROCESSABLE_ENTITY,
        page,
    )
}
