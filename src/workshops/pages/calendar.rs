//! Calendar pages: week and month views of a building, room, facilitator or workshop, and the
//! printable lobby poster of a building's month with a QR code to its public page.

use actix_session::Session as WebSession;
use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use serde::Serialize;

use crate::access::Caller;
use crate::domain::ids::BuildingId;
use crate::domain::roles::Action;
use crate::error::AppError;
use crate::i18n::{t, Lang};
use crate::state::AppState;
use crate::web::{format, render, Page};
use crate::workshops::calendar::{days, heading, neighbours, span, utc_span, Day};
use crate::workshops::input::{CalendarQuery, PosterQuery};
use crate::workshops::queries::{self, CalendarOf};
use crate::workshops::SessionStatus;

const POSTER_CSS: &str = include_str!("../../../static/poster.css");

#[derive(Serialize)]
struct CalendarPage {
    heading: String,
    days: Vec<Day>,
    prev: String,
    next: String,
    month_url: String,
    week_url: String,
    week: bool,
    feed_kind: Option<&'static str>,
    feed_target: i64,
}

pub async fn show_calendar(
    state: web::Data<AppState>,
    session: WebSession,
    caller: Caller,
    query: web::Query<CalendarQuery>,
) -> Result<HttpResponse, AppError> {
    let (week, day) = (query.week(), query.day(format::today()));
    let (from, to) = span(week, day);
    let utc = utc_span(from, to);
    let query = query.into_inner();
    let filter = query.filter();
    let (actor, (lines, of)) = state
        .read(caller, move |c, actor| {
            actor.require(Action::ReadWorkshops)?;
            let of = query.of(actor.user_id);
            Ok((queries::calendar(c, actor, of, utc)?, of))
        })
        .await?;
    let lang = actor.lang;
    let view = if week { "week" } else { "month" };
    let url = |v: &str, d: NaiveDate| format!("/workshops/calendar?{filter}&view={v}&date={d}");
    let (prev, next) = neighbours(week, from, to);
    let (feed_kind, feed_target) = match of {
        CalendarOf::Building(b) => (Some("building"), b.get()),
        CalendarOf::Facilitator(f) => (Some("facilitator"), f.get()),
        CalendarOf::Workshop(w) => (Some("workshop"), w.get()),
        CalendarOf::Room(r) => (None, r.get()),
    };
    let page = CalendarPage {
        heading: heading(lang, week, from),
        days: days(lang, &lines),
        prev: url(view, prev),
        next: url(view, next),
        month_url: url("month", day),
        week_url: url("week", day),
        week,
        feed_kind: feed_kind.filter(|_| actor.can(Action::ManageWorkshops)),
        feed_target,
    };
    render(
        &state,
        "workshops/calendar",
        &Page::of(&session, &actor, "calendar-title", "workshops", page),
    )
}

pub async fn poster_css() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header(("Cache-Control", "public, max-age=3600"))
        .body(POSTER_CSS)
}

#[derive(Serialize)]
struct PosterPage {
    lang: &'static str,
    title: String,
    building: String,
    month: String,
    days: Vec<Day>,
    qr: String,
    url: String,
}

/// The QR code of `url` as an SVG element (inline, so the poster is one self-contained page).
pub fn qr_svg(url: &str) -> Result<String, AppError> {
    let code = qrcode::QrCode::new(url.as_bytes()).map_err(AppError::internal)?;
    Ok(code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(240, 240)
        .build())
}

pub async fn poster(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<BuildingId>,
    query: web::Query<PosterQuery>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let (from, to) = span(false, query.first_day(format::today()));
    let utc = utc_span(from, to);
    let (actor, (building, mut lines)) = state
        .read(caller, move |c, actor| {
            actor.require(Action::ReadWorkshops)?;
            let name = queries::building_name(c, actor, id)?;
            Ok((
                name,
                queries::calendar(c, actor, CalendarOf::Building(id), utc)?,
            ))
        })
        .await?;
    let lang = query.lang.as_deref().map_or(actor.lang, Lang::parse);
    lines.retain(|l| l.session.status != SessionStatus::Cancelled);
    let url = format!(
        "{}/activites/{id}",
        state.settings.server.base_url.trim_end_matches('/')
    );
    let page = PosterPage {
        lang: lang.as_str(),
        title: t(lang, "poster-title"),
        month: heading(lang, false, from),
        days: days(lang, &lines),
        qr: qr_svg(&url)?,
        url,
        building,
    };
    let body = state
        .templates
        .render("workshops/poster", &page)
        .map_err(|e| AppError::internal(anyhow::anyhow!("template workshops/poster: {e}")))?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(body))
}
