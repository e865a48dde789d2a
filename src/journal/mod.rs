//! The practice journal (journal de pratique): every activity of an ISC as one entry with a pole,
//! a sub-activity, a date, a duration, a building and the people reached. ISCs write `manual`
//! entries through the pages and the API; later capabilities (requests, workshops, cases…) write
//! their own entries with [`record`] inside their own transaction, and only they change them.
//! The journal is the spine of accountability reporting.

pub mod api;
mod export;
pub mod filter;
pub mod list;
pub mod pages;
pub mod store;

use actix_web::web;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::OpenApi;

use crate::db::schema::{buildings, journal_entries};
use crate::db::{now, DbConnection};
use crate::domain::poles::{self, Pole};
use crate::domain::{validate, FieldErrors};
use crate::error::AppError;

pub use filter::{JournalFilter, JournalQuery};
pub use store::{delete, find, list, list_all, totals, update, Actor, JournalLine, Totals};

pub fn configure(cfg: &mut web::ServiceConfig) {
    list::configure(cfg);
    pages::configure(cfg);
}

pub fn configure_api(cfg: &mut web::ServiceConfig) {
    api::configure(cfg);
}

pub fn api_docs() -> Vec<utoipa::openapi::OpenApi> {
    vec![api::Doc::openapi()]
}

/// The source of entries typed by a person; the only ones the journal pages and API may change.
pub const SOURCE_MANUAL: &str = "manual";

/// Longest note, in characters.
pub const NOTE_MAX: usize = 500;

/// A journal entry as stored.
#[derive(Debug, Clone, Queryable, Serialize, utoipa::ToSchema)]
pub struct JournalEntry {
    pub id: i64,
    pub office_id: i64,
    pub author_id: i64,
    /// 1 to 4
    pub pole: i32,
    /// A sub-activity code of the pole (see `domain::poles`).
    pub sub_activity: String,
    pub occurred_on: NaiveDate,
    pub duration_minutes: i32,
    pub building_id: Option<i64>,
    pub people_reached: i32,
    pub note: String,
    /// manual, or the capability that wrote it (request, workshop…)
    pub source: String,
    pub created_at: NaiveDateTime,
}

/// A validated entry, ready to be written by [`record`] or [`update`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewJournalEntry {
    pub pole: i32,
    pub sub_activity: String,
    pub occurred_on: NaiveDate,
    pub duration_minutes: i32,
    pub building_id: Option<i64>,
    pub people_reached: i32,
    pub note: String,
    /// `manual` for the journal's own pages; a capability names itself.
    pub source: String,
}

/// An entry as submitted, every field a string (forms) or converted from JSON (API). The pole is
/// optional: it follows from the sub-activity, and when given it must be the sub-activity's.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct JournalInput {
    pub pole: Option<String>,
    pub sub_activity: Option<String>,
    pub occurred_on: Option<String>,
    pub duration_minutes: Option<String>,
    pub building_id: Option<String>,
    pub people_reached: Option<String>,
    pub note: Option<String>,
}

impl JournalInput {
    /// A blank form: today, one hour.
    pub fn blank(today: NaiveDate) -> Self {
        JournalInput {
            occurred_on: Some(today.format("%Y-%m-%d").to_string()),
            duration_minutes: Some("60".into()),
            people_reached: Some("0".into()),
            ..Default::default()
        }
    }

    /// Checks a manual entry; `today` bounds the date (at most one day ahead, for time zones and
    /// entries typed the evening before an early activity).
    pub fn validate(&self, today: NaiveDate) -> Result<NewJournalEntry, FieldErrors> {
        let mut e = FieldErrors::new();
        let pole = sub_activity_pole(&mut e, self.pole.as_deref(), self.sub_activity.as_deref());
        let occurred_on =
            validate::required_date(&mut e, "occurred_on", self.occurred_on.as_deref());
        if occurred_on > today + chrono::Days::new(1) {
            e.add("occurred_on", "err-journal-future-date");
        }
        let duration = validate::integer(
            &mut e,
            "duration_minutes",
            self.duration_minutes.as_deref(),
            1,
            1440,
            None,
        );
        let building_id = match self.building_id.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(v) => v.parse::<i64>().ok().or_else(|| {
                e.add("building_id", "err-unknown-reference");
                None
            }),
        };
        let people = validate::integer(
            &mut e,
            "people_reached",
            self.people_reached.as_deref(),
            0,
            10_000,
            Some(0),
        );
        let note = validate::optional(&mut e, "note", self.note.as_deref(), NOTE_MAX);
        e.into_result(NewJournalEntry {
            pole: pole.number(),
            sub_activity: self.sub_activity.as_deref().unwrap_or("").trim().to_owned(),
            occurred_on,
            duration_minutes: duration as i32,
            building_id,
            people_reached: people as i32,
            note,
            source: SOURCE_MANUAL.to_owned(),
        })
    }

    pub fn from_entry(entry: &JournalEntry) -> Self {
        JournalInput {
            pole: Some(entry.pole.to_string()),
            sub_activity: Some(entry.sub_activity.clone()),
            occurred_on: Some(entry.occurred_on.format("%Y-%m-%d").to_string()),
            duration_minutes: Some(entry.duration_minutes.to_string()),
            building_id: entry.building_id.map(|b| b.to_string()),
            people_reached: Some(entry.people_reached.to_string()),
            note: Some(entry.note.clone()),
        }
    }
}

/// The pole of the submitted sub-activity; a pole given alongside must be that one.
fn sub_activity_pole(e: &mut FieldErrors, pole: Option<&str>, sub: Option<&str>) -> Pole {
    let sub = sub.unwrap_or("").trim();
    let deduced = poles::pole_of(sub);
    if sub.is_empty() {
        e.add("sub_activity", "err-required");
    } else if deduced.is_none() {
        e.add("sub_activity", "err-invalid-choice");
    }
    let given = match pole.map(str::trim) {
        None | Some("") => None,
        Some(p) => match p.parse::<i64>().ok().and_then(Pole::new) {
            Some(p) => Some(p),
            None => {
                e.add("pole", "err-invalid-choice");
                None
            }
        },
    };
    match (given, deduced) {
        (Some(g), Some(d)) if g != d => {
            e.add("sub_activity", "err-journal-subactivity-pole");
            g
        }
        (_, Some(d)) => d,
        (Some(g), None) => g,
        (None, None) => Pole::ALL[0],
    }
}

/// A building of another office (or none at all) is a field error, not a foreign-key failure.
fn check_building(
    conn: &mut DbConnection,
    office_id: i64,
    building_id: Option<i64>,
) -> Result<(), AppError> {
    let Some(id) = building_id else {
        return Ok(());
    };
    let found: i64 = buildings::table
        .filter(buildings::id.eq(id))
        .filter(buildings::office_id.eq(office_id))
        .count()
        .get_result(conn)?;
    if found == 0 {
        let mut e = FieldErrors::new();
        e.add("building_id", "err-unknown-reference");
        return Err(e.into());
    }
    Ok(())
}

/// Writes one entry for `author_id` of `office_id`, in the caller's transaction. Capabilities call
/// this with their own `source`; the pole must be the sub-activity's and the building the office's
/// (else a field error). Returns the new entry's id.
pub fn record(
    conn: &mut DbConnection,
    office_id: i64,
    author_id: i64,
    entry: &NewJournalEntry,
) -> Result<i64, AppError> {
    let sub = poles::SubActivity::parse(&entry.sub_activity);
    if !Pole::new(entry.pole.into()).is_some_and(|p| sub.is_some_and(|s| p.has(s))) {
        let mut e = FieldErrors::new();
        e.add("sub_activity", "err-journal-subactivity-pole");
        return Err(e.into());
    }
    check_building(conn, office_id, entry.building_id)?;
    Ok(diesel::insert_into(journal_entries::table)
        .values((
            journal_entries::office_id.eq(office_id),
            journal_entries::author_id.eq(author_id),
            journal_entries::pole.eq(entry.pole),
            journal_entries::sub_activity.eq(&entry.sub_activity),
            journal_entries::occurred_on.eq(entry.occurred_on),
            journal_entries::duration_minutes.eq(entry.duration_minutes),
            journal_entries::building_id.eq(entry.building_id),
            journal_entries::people_reached.eq(entry.people_reached),
            journal_entries::note.eq(&entry.note),
            journal_entries::source.eq(&entry.source),
            journal_entries::created_at.eq(now()),
        ))
        .returning(journal_entries::id)
        .get_result(conn)?)
}

/// Today in Québec: the reference for "not in the future".
pub use crate::web::format::today;
