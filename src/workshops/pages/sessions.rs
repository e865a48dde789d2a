//! One session's pages: moving it to another day or time (the others stay where they are), and
//! cancelling it. Times are entered in Montréal time; a room or facilitator already booked
//! re-renders the form naming the session in the way, and the registered are told of the change.

use actix_session::Session as WebSession;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use crate::access::{Actor, Caller};
use crate::db::DbConnection;
use crate::domain::ids::{SessionId, WorkshopId};
use crate::domain::roles::Action;
use crate::error::AppError;
use crate::i18n::t;
use crate::state::AppState;
use crate::web::csrf::Empty;
use crate::web::{format, redirect, render_status, CsrfForm, Page};
use crate::workshops::input::MoveForm;
use crate::workshops::queries;
use crate::workshops::service;

#[derive(Serialize)]
struct MovePage {
    session_id: SessionId,
    workshop_id: WorkshopId,
    title: String,
    when: String,
    form: MoveForm,
    error: Option<String>,
}

fn page(
    c: &mut DbConnection,
    actor: &Actor,
    id: SessionId,
    form: Option<MoveForm>,
) -> Result<MovePage, AppError> {
    actor.require(Action::ManageWorkshops)?;
    let (session, workshop) = queries::find_session(c, actor, id)?;
    let (start, end) = (
        format::local_time(session.starts_at),
        format::local_time(session.ends_at),
    );
    Ok(MovePage {
        session_id: session.id,
        workshop_id: workshop.id,
        title: workshop.title,
        when: format::datetime(actor.lang, session.starts_at),
        form: form.unwrap_or(MoveForm {
            date: Some(start.date().to_string()),
            start: Some(start.format("%H:%M").to_string()),
            end: Some(end.format("%H:%M").to_string()),
        }),
        error: None,
    })
}

pub async fn show_move(
    state: web::Data<AppState>,
    session: WebSession,
    caller: Caller,
    id: web::Path<SessionId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let (actor, p) = state
        .read(caller, move |c, actor| page(c, actor, id, None))
        .await?;
    let ctx = Page::of(&session, &actor, "session-move-title", "workshops", p);
    render_status(&state, StatusCode::OK, "workshops/move", &ctx)
}

pub async fn move_session(
    state: web::Data<AppState>,
    session: WebSession,
    caller: Caller,
    id: web::Path<SessionId>,
    CsrfForm(form): CsrfForm<MoveForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let (error, status) = match form.parse() {
        Err(key) => (Err(key), StatusCode::UNPROCESSABLE_ENTITY),
        Ok(times) => {
            let mail = state.mail.clone();
            let (actor, moved) = state
                .write(caller.clone(), move |c, actor| {
                    actor.require(Action::ManageWorkshops)?;
                    service::move_and_notify(c, actor, &mail, id, times)
                })
                .await?;
            match moved {
                Ok(s) => {
                    let to = format!("/workshops/{}", s.workshop_id);
                    return Ok(redirect(&session, &to, Some("session-moved")));
                }
                Err(clash) => (Ok(clash.message(actor.lang)), StatusCode::CONFLICT),
            }
        }
    };
    let (actor, mut p) = state
        .read(caller, move |c, actor| page(c, actor, id, Some(form)))
        .await?;
    p.error = Some(error.unwrap_or_else(|key| t(actor.lang, key)));
    let ctx = Page::of(&session, &actor, "session-move-title", "workshops", p);
    render_status(&state, status, "workshops/move", &ctx)
}

pub async fn cancel_session(
    state: web::Data<AppState>,
    session: WebSession,
    caller: Caller,
    id: web::Path<SessionId>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let mail = state.mail.clone();
    let (_, s) = state
        .write(caller, move |c, actor| {
            actor.require(Action::ManageWorkshops)?;
            service::cancel_and_notify(c, actor, &mail, id)
        })
        .await?;
    Ok(redirect(
        &session,
        &format!("/workshops/{}", s.workshop_id),
        Some("session-cancelled"),
    ))
}
