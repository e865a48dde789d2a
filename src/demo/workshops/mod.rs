//! Three seasons of workshops (September to early April, weekly) in most buildings with a community room:
//! sessions expanded by the real recurrence rules (so DST holds), registrations, attendance and a
//! journal entry for every session already held, a few cancelled sessions, and the current season
//! still ahead. An ISC leads at most 15 series at once (five weekdays × three times), so the
//! generated schedule has no clash; further buildings are led by a partner organisation.
//!
//! The rows are the workshops capability's own insert structs (`crate::workshops::New…`), with
//! explicit ids where later rows point at them; `series.rs` makes them, [`insert`] loads them in
//! bulk through `db::bulk`.

mod series;

use diesel::prelude::*;

use crate::db::bulk::advance_sequences;
use crate::db::schema::{
    workshop_attendance, workshop_facilitators, workshop_registrations, workshop_sessions,
    workshops,
};
use crate::db::DbConnection;
use crate::workshops::{NewFacilitator, NewMark, NewRegistrationRow, NewSession, NewWorkshopRow};

/// A workshop row with its explicit id.
pub type WorkshopRow = (diesel::dsl::Eq<workshops::id, i64>, NewWorkshopRow);
/// A session row with its explicit id.
pub type SessionRow = (diesel::dsl::Eq<workshop_sessions::id, i64>, NewSession);

/// The workshop rows, kept apart from the registry's `Dataset`.
#[derive(Default)]
pub struct WorkshopData {
    pub workshops: Vec<WorkshopRow>,
    pub facilitators: Vec<NewFacilitator>,
    pub sessions: Vec<SessionRow>,
    pub registrations: Vec<NewRegistrationRow>,
    pub attendance: Vec<NewMark>,
    next_workshop: i64,
    next_session: i64,
}

impl WorkshopData {
    pub fn new(conn: &mut DbConnection) -> QueryResult<WorkshopData> {
        use diesel::dsl::max;
        Ok(WorkshopData {
            next_workshop: workshops::table
                .select(max(workshops::id))
                .first::<Option<i64>>(conn)?
                .unwrap_or(0)
                + 1,
            next_session: workshop_sessions::table
                .select(max(workshop_sessions::id))
                .first::<Option<i64>>(conn)?
                .unwrap_or(0)
                + 1,
            ..Default::default()
        })
    }

    pub fn counts(&self) -> [(&'static str, usize); 4] {
        [
            ("workshops", self.workshops.len()),
            ("workshop_sessions", self.sessions.len()),
            ("registrations", self.registrations.len()),
            ("attendance", self.attendance.len()),
        ]
    }
}

/// Inserts the workshop rows (after the dataset, whose journal entries they point at).
pub fn insert(conn: &mut DbConnection, data: &WorkshopData) -> QueryResult<()> {
    crate::bulk_insert!(conn, workshops::table, data.workshops);
    crate::bulk_insert!(conn, workshop_facilitators::table, data.facilitators);
    crate::bulk_insert!(conn, workshop_sessions::table, data.sessions);
    crate::bulk_insert!(conn, workshop_registrations::table, data.registrations);
    // Four narrow columns: 8,000 rows a statement stay under SQLite's 32,766 bound parameters and
    // spare PostgreSQL seven round trips in eight on the largest table.
    crate::bulk_insert!(conn, workshop_attendance::table, data.attendance, 8_000);
    advance_sequences(
        conn,
        &[
            "workshops",
            "workshop_facilitators",
            "workshop_sessions",
            "workshop_registrations",
        ],
    )
}
