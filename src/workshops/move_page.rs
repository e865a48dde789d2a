//! Moving one session to another day or time from the workshop page (the others stay where they
//! are). Times are entered in Montréal time; a room or facilitator already booked re-renders the form
//! naming the session in the way, and the registered are told of the new time.

use actix_session::Session as WebSession;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use super::{notify, schedule, store, Actor, ScheduleError};
use crate::domain::recurrence::local_to_utc;
use crate::domain::roles::Action;
use crate::error::AppError;
use crate::i18n::t;
use crate::state::AppState;
use crate::web::{format, redirect, render_status, CsrfForm, CurrentUser, Page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(show_move).service(move_session);
}

/// The form as typed: a date and two times, local.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct MoveForm {
    pub date: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
}

#[derive(Serialize)]
struct MovePage {
    session_id: i64,
    workshop_id: i64,
    title: String,
    when: String,
    form: MoveForm,
    error: Option<String>,
}

impl MoveForm {
    /// The new start and end in UTC, or the catalogue key of what is wrong.
    fn parse(&self) -> Result<(NaiveDateTime, NaiveDateTime), &'static str> {
        let get = |v: &Option<String>| v.as_deref().unwrap_or("").trim().to_owned();
        let date = NaiveDate::parse_from_str(&get(&self.date), "%Y-%m-%d")
            .map_err(|_| "session-move-bad-date")?;
        let time = |s: String| NaiveTime::parse_from_str(&s, "%H:%M").ok();
        let (Some(start), Some(end)) = (time(get(&self.start)), time(get(&self.end))) else {
            return Err("session-move-bad-time");
        };
        if end <= start {
            return Err("session-move-end-before-start");
        }
        let tz = chrono_tz::America::Montreal;
        Ok((
            local_to_utc(tz, date.and_time(start)),
            local_to_utc(tz, date.and_time(end)),
        ))
    }
}

fn page(
    c: &mut crate::db::DbConnection,
    user: &CurrentUser,
    id: i64,
    form: Option<MoveForm>,
    error: Option<String>,
) -> Result<MovePage, AppError> {
    let actor = Actor::load(c, user, Action::ManageWorkshops)?;
    let (session, workshop) = store::find_session(c, actor.office_id, id)?;
    actor.check_building(workshop.building_id)?;
    let (start, end) = (
        format::local_time(session.starts_at),
        format::local_time(session.ends_at),
    );
    Ok(MovePage {
        session_id: session.id,
        workshop_id: workshop.id,
        title: workshop.title,
        when: format::datetime(user.lang, session.starts_at),
        form: form.unwrap_or(MoveForm {
            date: Some(start.date().to_string()),
            start: Some(start.format("%H:%M").to_string()),
            end: Some(end.format("%H:%M").to_string()),
        }),
        error,
    })
}

#[get("/sessions/{id}/move")]
async fn show_move(
    state: web::Data<AppState>,
    session: WebSession,
    user: CurrentUser,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let (u, id) = (user.clone(), id.into_inner());
    let p = state.db(move |c| page(c, &u, id, None, None)).await?;
    let ctx = Page::new(&session, &user, "session-move-title", "workshops", p);
    render_status(&state, StatusCode::OK, "workshops/move", &ctx)
}

#[post("/sessions/{id}/move")]
async fn move_session(
    state: web::Data<AppState>,
    session: WebSession,
    user: CurrentUser,
    id: web::Path<i64>,
    CsrfForm(form): CsrfForm<MoveForm>,
) -> Result<HttpResponse, AppError> {
    let (id, lang) = (id.into_inner(), user.lang);
    let (error, status) = match form.parse() {
        Err(key) => (t(lang, key), StatusCode::UNPROCESSABLE_ENTITY),
        Ok((starts, ends)) => {
            let moved = super::write_with_mail(
                &state,
                user.clone(),
                Action::ManageWorkshops,
                move |c, actor, m| {
                    let moved = schedule::move_session(c, actor, id, starts, ends);
                    if let Ok(s) = &moved {
                        notify::session_changed(
                            c,
                            m,
                            actor.office_id,
                            s,
                            "workshop_session_moved",
                        )?;
                    }
                    Ok(moved)
                },
            )
            .await?;
            match moved {
                Ok(s) => {
                    return Ok(redirect(
                        &session,
                        &format!("/workshops/{}", s.workshop_id),
                        Some("session-moved"),
                    ))
                }
                Err(ScheduleError::Clash(c)) => (c.message(lang), StatusCode::CONFLICT),
                Err(ScheduleError::App(e)) => return Err(e),
            }
        }
    };
    let u = user.clone();
    let p = state
        .db(move |c| page(c, &u, id, Some(form), Some(error)))
        .await?;
    let ctx = Page::new(&session, &user, "session-move-title", "workshops", p);
    render_status(&state, status, "workshops/move", &ctx)
}
