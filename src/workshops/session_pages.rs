//! One session's pages: attendance (large radio buttons, usable on a phone in a hallway) and
//! cancelling the session.

use std::collections::HashMap;

use actix_session::Session as WebSession;
use actix_web::{get, post, web, HttpResponse};
use serde::Serialize;

use super::attendance::{self, AttendanceLine};
use super::{schedule, store, Actor, Session, Workshop};
use crate::domain::roles::Action;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{format, redirect, render, render_status, CsrfForm, CurrentUser, Page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(show_attendance)
        .service(save_attendance)
        .service(cancel_session);
}

#[derive(Serialize)]
struct AttendancePage {
    workshop: Workshop,
    session: Session,
    when: String,
    lines: Vec<AttendanceLine>,
    started: bool,
    error: Option<String>,
}

fn load(
    c: &mut crate::db::DbConnection,
    user: &CurrentUser,
    id: i64,
) -> Result<AttendancePage, AppError> {
    let actor = Actor::load(c, user, Action::ManageWorkshops)?;
    let (session, workshop) = store::find_session(c, actor.office_id, id)?;
    actor.check_building(workshop.building_id)?;
    Ok(AttendancePage {
        lines: attendance::sheet(c, &session)?,
        when: format::datetime(user.lang, session.starts_at),
        started: session.starts_at <= crate::db::now(),
        session,
        workshop,
        error: None,
    })
}

#[get("/sessions/{id}/attendance")]
async fn show_attendance(
    state: web::Data<AppState>,
    session: WebSession,
    user: CurrentUser,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let (u, id) = (user.clone(), id.into_inner());
    let page = state.db(move |c| load(c, &u, id)).await?;
    render(
        &state,
        "workshops/attendance",
        &Page::new(&session, &user, "attendance-title", "workshops", page),
    )
}

#[post("/sessions/{id}/attendance")]
async fn save_attendance(
    state: web::Data<AppState>,
    session: WebSession,
    user: CurrentUser,
    id: web::Path<i64>,
    CsrfForm(form): CsrfForm<HashMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let marks: Vec<(i64, String)> = form
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix("m_")?.parse().ok()?, v.clone())))
        .collect();
    let walk_ins = form
        .get("walk_ins")
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .map_or(Some(0), |v| v.parse::<i32>().ok());
    let u = user.clone();
    let result = state
        .db_tx(move |c| {
            let actor = Actor::load(c, &u, Action::ManageWorkshops)?;
            Ok(attendance::save(
                c,
                &actor,
                id,
                &marks,
                walk_ins.unwrap_or(-1),
            ))
        })
        .await?;
    let err = match result {
        Ok(_) => {
            return Ok(redirect(
                &session,
                &format!("/sessions/{id}/attendance"),
                Some("attendance-saved"),
            ))
        }
        Err(AppError::Validation(e)) => e.translated(user.lang).into_values().next(),
        Err(AppError::Conflict(key)) => Some(crate::i18n::t(user.lang, key)),
        Err(e) => return Err(e),
    };
    let u = user.clone();
    let mut page = state.db(move |c| load(c, &u, id)).await?;
    page.error = err;
    render_status(
        &state,
        actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
        "workshops/attendance",
        &Page::new(&session, &user, "attendance-title", "workshops", page),
    )
}

#[post("/sessions/{id}/cancel")]
async fn cancel_session(
    state: web::Data<AppState>,
    session: WebSession,
    user: CurrentUser,
    id: web::Path<i64>,
    CsrfForm(_): CsrfForm<crate::accounts::routes::Empty>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let s = super::write_with_mail(&state, user, Action::ManageWorkshops, move |c, actor, m| {
        schedule::cancel_and_notify(c, actor, id, m)
    })
    .await?;
    Ok(redirect(
        &session,
        &format!("/workshops/{}", s.workshop_id),
        Some("session-cancelled"),
    ))
}
