//! The access log (Law 25): every read of personal information is written down — who, when, which
//! record (or, for a list or an export, how many), through which channel. It is append-only: no
//! code updates its rows, and only the retention job deletes them once they expire.
//!
//! A request collects its reads in a [`Reads`] while its `state.read` closure runs, and writes them
//! at the end with one multi-row insert, so logging costs a page one statement whatever it shows:
//!
//! ```text
//! let (actor, view) = state.read(caller, move |c, actor| {
//!     let mut reads = Reads::new(actor, Channel::Page);
//!     let tenant = queries::find(c, actor, id)?;
//!     reads.one(RecordKind::Tenant, id);
//!     reads.write(c)?;
//!     Ok(tenant)
//! }).await?;
//! ```
//!
//! [`read_one`] and [`read_many`] do the same for a request that reads one thing.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::Actor;
use crate::db::schema::access_log;
use crate::db::{now, DbConnection};
use crate::domain::ids::{OfficeId, UserId};
use crate::error::AppError;

crate::text_enum! {
    /// The kind of record read.
    pub enum RecordKind {
        /// A tenant's registry file.
        Tenant = "tenant",
        /// A request with personal content.
        Request = "request",
        /// An individual case file (pole 2).
        Case = "case",
    }
}

crate::text_enum! {
    /// Through which way the record was read.
    pub enum Channel {
        /// An HTML page.
        Page = "page",
        /// The JSON API.
        Api = "api",
        /// A CSV export.
        Csv = "csv",
        /// A person's whole-data archive.
        Archive = "archive",
    }
}

/// One row of the log, as written (and as the demo generator would load it).
#[derive(Debug, Clone, PartialEq, Eq, Insertable)]
#[diesel(table_name = access_log, treat_none_as_default_value = false)]
pub struct NewAccessEntry {
    pub office_id: OfficeId,
    pub user_id: UserId,
    pub at: NaiveDateTime,
    pub record_kind: RecordKind,
    /// The record read; `None` for a list or an export.
    pub record_id: Option<i64>,
    pub channel: Channel,
    /// 1 for one record; the number of rows of a list or an export.
    pub row_count: i32,
}

/// The reads of one request, written together by [`Reads::write`].
#[derive(Debug, Clone)]
pub struct Reads {
    office_id: OfficeId,
    user_id: UserId,
    channel: Channel,
    at: NaiveDateTime,
    entries: Vec<NewAccessEntry>,
}

impl Reads {
    /// The reads `actor` is about to make through `channel`, stamped now.
    pub fn new(actor: &Actor, channel: Channel) -> Reads {
        Reads {
            office_id: actor.office_id,
            user_id: actor.user_id,
            channel,
            at: now(),
            entries: Vec::new(),
        }
    }

    /// One record read (a page showing the same record twice logs it once).
    pub fn one(&mut self, kind: RecordKind, id: impl Into<i64>) {
        let id = Some(id.into());
        if self
            .entries
            .iter()
            .any(|e| e.record_kind == kind && e.record_id == id)
        {
            return;
        }
        self.push(kind, id, 1);
    }

    /// A list or an export of `count` records of `kind` (nothing is logged for an empty one).
    pub fn many(&mut self, kind: RecordKind, count: usize) {
        if count > 0 {
            self.push(kind, None, i32::try_from(count).unwrap_or(i32::MAX));
        }
    }

    fn push(&mut self, kind: RecordKind, record_id: Option<i64>, row_count: i32) {
        self.entries.push(NewAccessEntry {
            office_id: self.office_id,
            user_id: self.user_id,
            at: self.at,
            record_kind: kind,
            record_id,
            channel: self.channel,
            row_count,
        });
    }

    /// What will be written.
    pub fn entries(&self) -> &[NewAccessEntry] {
        &self.entries
    }

    /// Writes every read collected, in one statement (none when nothing was read).
    pub fn write(self, conn: &mut DbConnection) -> Result<(), AppError> {
        if self.entries.is_empty() {
            return Ok(());
        }
        crate::bulk_insert!(conn, access_log::table, self.entries);
        Ok(())
    }
}

/// Logs that `actor` read one record.
pub fn read_one(
    conn: &mut DbConnection,
    actor: &Actor,
    channel: Channel,
    kind: RecordKind,
    id: impl Into<i64>,
) -> Result<(), AppError> {
    let mut reads = Reads::new(actor, channel);
    reads.one(kind, id);
    reads.write(conn)
}

/// Logs that `actor` read a list or an export of `count` records.
pub fn read_many(
    conn: &mut DbConnection,
    actor: &Actor,
    channel: Channel,
    kind: RecordKind,
    count: usize,
) -> Result<(), AppError> {
    let mut reads = Reads::new(actor, channel);
    reads.many(kind, count);
    reads.write(conn)
}
