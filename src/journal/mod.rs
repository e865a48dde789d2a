//! The practice journal (journal de pratique): every activity of an ISC as one entry with a
//! sub-activity (and so a pole), a date, a duration, a building and the people reached. ISCs write
//! `manual` entries through the pages and the API; other capabilities (requests, workshops, cases…)
//! write their own entries with [`service::record`] inside their own transaction, and only they
//! change them. The journal is the spine of accountability reporting.
//!
//! The worked example of ARCHITECTURE.md: rows and enums here, [`input`] parses submissions once,
//! [`queries`] reads within the actor's scope, [`service`] holds the rules and writes, [`pages`] and
//! [`api`] are thin handlers, and `routes/journal.rs` lists their paths.

pub mod api;
mod export;
pub mod input;
pub mod pages;
pub mod queries;
pub mod service;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::journal_entries;
use crate::domain::ids::{BuildingId, JournalEntryId, OfficeId, UserId};
use crate::domain::poles::{Pole, SubActivity};

pub use input::{EntryBody, EntryData, EntryForm, JournalFilter, JournalQuery};
pub use queries::{JournalLine, Totals};
pub use service::{record, Recording};

/// Longest note, in characters.
pub const NOTE_MAX: usize = 500;

crate::text_enum! {
    /// Who wrote an entry: a person through the journal, or a capability as a side effect of its work.
    pub enum Source {
        Manual = "manual",
        Request = "request",
        Workshop = "workshop",
    }
}

/// A journal entry as stored.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = journal_entries)]
pub struct JournalEntry {
    pub id: JournalEntryId,
    pub office_id: OfficeId,
    pub author_id: UserId,
    pub pole: Pole,
    pub sub_activity: SubActivity,
    pub occurred_on: NaiveDate,
    pub duration_minutes: i32,
    pub building_id: Option<BuildingId>,
    pub people_reached: i32,
    pub note: String,
    /// manual, or the capability that wrote it.
    pub source: Source,
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub created_at: NaiveDateTime,
}

/// A row to insert: what [`service::record`] writes, and what the demo generator loads in bulk.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = journal_entries)]
pub struct NewJournalEntry {
    pub office_id: OfficeId,
    pub author_id: UserId,
    pub pole: Pole,
    pub sub_activity: SubActivity,
    pub occurred_on: NaiveDate,
    pub duration_minutes: i32,
    pub building_id: Option<BuildingId>,
    pub people_reached: i32,
    pub note: String,
    pub source: Source,
    pub created_at: NaiveDateTime,
}
