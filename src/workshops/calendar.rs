//! Calendars: week and month views per building, room, facilitator or workshop (one query each),
//! and the same sessions as iCalendar (RFC 5545) for calendar apps.

use actix_session::Session as WebSession;
use actix_web::{get, web, HttpResponse};
use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, Utc};
use icalendar::{Component, EventLike, EventStatus};
use serde::{Deserialize, Serialize};

use super::store::{self, CalendarLine, CalendarOf};
use super::{Actor, CANCELLED, TZ};
use crate::domain::recurrence::local_to_utc;
use crate::domain::roles::Action;
use crate::error::AppError;
use crate::i18n::{t, Lang};
use crate::state::AppState;
use crate::web::{format, render, CurrentUser, Page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(show_calendar);
}

/// `?building=|room=|facilitator=|workshop=&view=month|week&date=YYYY-MM-DD`
#[derive(Debug, Default, Deserialize)]
pub struct CalendarQuery {
    pub building: Option<i64>,
    pub room: Option<i64>,
    pub facilitator: Option<i64>,
    pub workshop: Option<i64>,
    pub view: Option<String>,
    pub date: Option<String>,
}

impl CalendarQuery {
    /// Whose calendar: the one named, else the caller's own (as facilitator).
    pub fn of(&self, user_id: i64) -> CalendarOf {
        match (self.building, self.room, self.workshop, self.facilitator) {
            (Some(b), ..) => CalendarOf::Building(b),
            (_, Some(r), ..) => CalendarOf::Room(r),
            (_, _, Some(w), _) => CalendarOf::Workshop(w),
            (.., Some(f)) => CalendarOf::Facilitator(f),
            _ => CalendarOf::Facilitator(user_id),
        }
    }

    fn filter(&self) -> String {
        match (self.building, self.room, self.workshop, self.facilitator) {
            (Some(b), ..) => format!("building={b}"),
            (_, Some(r), ..) => format!("room={r}"),
            (_, _, Some(w), _) => format!("workshop={w}"),
            (.., Some(f)) => format!("facilitator={f}"),
            _ => String::new(),
        }
    }
}

/// The first local day shown and the first one after, for a month or a week around `day`.
pub fn span(week: bool, day: NaiveDate) -> (NaiveDate, NaiveDate) {
    if week {
        let monday = day - Days::new(u64::from(day.weekday().num_days_from_monday()));
        (monday, monday + Days::new(7))
    } else {
        let first = day.with_day(1).unwrap_or(day);
        (first, first + Months::new(1))
    }
}

/// The UTC instants of local midnight at both ends.
pub fn utc_span(from: NaiveDate, to: NaiveDate) -> (NaiveDateTime, NaiveDateTime) {
    (
        local_to_utc(TZ, from.and_time(chrono::NaiveTime::MIN)),
        local_to_utc(TZ, to.and_time(chrono::NaiveTime::MIN)),
    )
}

/// A session in a calendar view.
#[derive(Serialize)]
pub struct Entry {
    pub workshop_id: i64,
    pub session_id: i64,
    pub time: String,
    pub title: String,
    pub place: String,
    pub cancelled: bool,
}

/// One local day with its sessions.
#[derive(Serialize)]
pub struct Day {
    pub label: String,
    pub entries: Vec<Entry>,
}

pub fn place_of(l: &CalendarLine) -> String {
    match &l.room {
        Some(r) => format!("{}, {r}", l.building),
        None if l.place.is_empty() => l.building.clone(),
        None => l.place.clone(),
    }
}

/// Groups sessions (in order) by local day.
pub fn days(lang: Lang, lines: &[CalendarLine]) -> Vec<Day> {
    let mut out: Vec<(NaiveDate, Day)> = Vec::new();
    for l in lines {
        let local = format::local_time(l.session.starts_at);
        let entry = Entry {
            workshop_id: l.session.workshop_id,
            session_id: l.session.id,
            time: local.format("%H:%M").to_string(),
            title: l.title.clone(),
            place: place_of(l),
            cancelled: l.session.status == CANCELLED,
        };
        match out.last_mut() {
            Some((d, day)) if *d == local.date() => day.entries.push(entry),
            _ => out.push((
                local.date(),
                Day {
                    label: format!(
                        "{} {}",
                        t(
                            lang,
                            &format!("weekday-{}", local.weekday().num_days_from_monday())
                        ),
                        format::date(lang, local.date())
                    ),
                    entries: vec![entry],
                },
            )),
        }
    }
    out.into_iter().map(|(_, d)| d).collect()
}

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

#[get("/workshops/calendar")]
async fn show_calendar(
    state: web::Data<AppState>,
    session: WebSession,
    user: CurrentUser,
    query: web::Query<CalendarQuery>,
) -> Result<HttpResponse, AppError> {
    let week = query.view.as_deref() == Some("week");
    let day = query
        .date
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .unwrap_or_else(format::today);
    let (from, to) = span(week, day);
    let (utc_from, utc_to) = utc_span(from, to);
    let (u, of) = (user.clone(), query.of(user.id));
    let lines = state
        .db(move |c| {
            let actor = Actor::load(c, &u, Action::ReadWorkshops)?;
            let mut lines = store::calendar(c, actor.office_id, of, utc_from, utc_to)?;
            if let Some(list) = &actor.buildings {
                lines.retain(|l| list.contains(&l.session.building_id));
            }
            Ok(lines)
        })
        .await?;
    let lang = user.lang;
    let filter = query.filter();
    let view = if week { "week" } else { "month" };
    let url = |v: &str, d: NaiveDate| format!("/workshops/calendar?{filter}&view={v}&date={d}");
    let (prev, next) = if week {
        (from - Days::new(7), to)
    } else {
        (from - Months::new(1), to)
    };
    let heading = if week {
        crate::i18n::t_args(
            lang,
            "calendar-week-of",
            &[("date", format::date(lang, from).into())],
        )
    } else {
        format!(
            "{} {}",
            t(lang, &format!("month-{}", from.month())),
            from.year()
        )
    };
    let (feed_kind, feed_target) = match of {
        CalendarOf::Building(b) => (Some("building"), b),
        CalendarOf::Facilitator(f) => (Some("facilitator"), f),
        CalendarOf::Workshop(w) => (Some("workshop"), w),
        CalendarOf::Room(r) => (None, r),
    };
    let page = CalendarPage {
        heading,
        days: days(lang, &lines),
        prev: url(view, prev),
        next: url(view, next),
        month_url: url("month", day),
        week_url: url("week", day),
        week,
        feed_kind: feed_kind.filter(|_| user.role.can(Action::ManageWorkshops)),
        feed_target,
    };
    render(
        &state,
        "workshops/calendar",
        &Page::new(&session, &user, "calendar-title", "workshops", page),
    )
}

/// The sessions as an iCalendar document: one VEVENT per session, UID stable across exports
/// (`session-<id>@<host>`), times in UTC (unambiguous whatever the client's zone), cancelled
/// sessions kept with STATUS:CANCELLED so calendar apps remove them.
pub fn ical(name: &str, host: &str, lines: &[CalendarLine]) -> String {
    let mut cal = icalendar::Calendar::new();
    cal.name(name).timezone("America/Montreal");
    for l in lines {
        let s = &l.session;
        let mut ev = icalendar::Event::new();
        ev.uid(&format!("session-{}@{host}", s.id))
            .timestamp(s.updated_at.and_utc())
            .last_modified(s.updated_at.and_utc())
            .summary(&l.title)
            .location(&place_of(l))
            .starts(s.starts_at.and_utc())
            .ends(s.ends_at.and_utc())
            .status(if s.status == CANCELLED {
                EventStatus::Cancelled
            } else {
                EventStatus::Confirmed
            });
        if !l.description.is_empty() {
            ev.description(&l.description);
        }
        cal.push(ev.done());
    }
    cal.done().to_string()
}

/// The host part of the service's address, for UIDs.
pub fn host(base_url: &str) -> String {
    base_url
        .split("://")
        .nth(1)
        .unwrap_or(base_url)
        .split('/')
        .next()
        .unwrap_or("passerelle")
        .to_owned()
}

/// The span a feed covers: a year back, two years ahead.
pub fn feed_span() -> (NaiveDateTime, NaiveDateTime) {
    let now = Utc::now().naive_utc();
    (
        now - chrono::Duration::days(365),
        now + chrono::Duration::days(730),
    )
}
