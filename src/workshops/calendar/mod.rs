//! Calendars: week and month views per building, room, facilitator or workshop (one query each),
//! and the same sessions as iCalendar (RFC 5545) for calendar apps (`feeds.rs`: the secret links).
//! What is here shapes sessions already read; it reads nothing itself.

pub mod feeds;

use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime};
use icalendar::{Component, EventLike, EventStatus};
use serde::Serialize;

use super::queries::CalendarLine;
use super::{SessionStatus, TZ};
use crate::domain::ids::{SessionId, WorkshopId};
use crate::domain::recurrence::local_to_utc;
use crate::i18n::{t, Lang};
use crate::web::format;

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
    pub workshop_id: WorkshopId,
    pub session_id: SessionId,
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
            cancelled: l.session.status == SessionStatus::Cancelled,
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
            .status(if s.status == SessionStatus::Cancelled {
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

/// The span a feed covers at `now`: a year back, two years ahead.
pub fn feed_span(now: NaiveDateTime) -> (NaiveDateTime, NaiveDateTime) {
    (
        now - chrono::Duration::days(365),
        now + chrono::Duration::days(730),
    )
}

/// The heading of a month or week view starting `from`.
pub fn heading(lang: Lang, week: bool, from: NaiveDate) -> String {
    if week {
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
    }
}

/// The first day of the view before and after the one starting `from` (ending before `to`).
pub fn neighbours(week: bool, from: NaiveDate, to: NaiveDate) -> (NaiveDate, NaiveDate) {
    if week {
        (from - Days::new(7), to)
    } else {
        (from - Months::new(1), to)
    }
}
