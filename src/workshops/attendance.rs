//! Attendance of one session (present, absent, excused) plus walk-ins. Saving it marks the session
//! held and writes its pole-3 entry in the practice journal once; saving again updates that entry.

use diesel::prelude::*;
use serde::Serialize;

use super::registrations::CONFIRMED;
use super::{field_error, store, Actor, Session, CANCELLED, HELD};
use crate::db::schema::{workshop_attendance, workshop_registrations, workshop_sessions};
use crate::db::{now, DbConnection};
use crate::domain::ids::{BuildingId, JournalEntryId, OfficeId, UserId};
use crate::domain::poles::SubActivity;
use crate::error::AppError;
use crate::journal::{self, Recording, Source};

pub const STATUSES: [&str; 3] = ["present", "absent", "excused"];

/// The tenants expected at a session (confirmed for it or for the series), with their mark.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AttendanceLine {
    pub tenant_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub dwelling: String,
    /// present, absent, excused, or empty when not taken yet
    pub status: String,
}

/// The session's expected tenants with their marks, in two queries.
pub fn sheet(conn: &mut DbConnection, session: &Session) -> Result<Vec<AttendanceLine>, AppError> {
    let expected: Vec<_> = super::registrations::list(conn, session.workshop_id)?
        .into_iter()
        .filter(|r| r.status == CONFIRMED && r.session_id.is_none_or(|s| s == session.id))
        .collect();
    let marks: Vec<(i64, String)> = workshop_attendance::table
        .filter(workshop_attendance::session_id.eq(session.id))
        .select((workshop_attendance::tenant_id, workshop_attendance::status))
        .load(conn)?;
    Ok(expected
        .into_iter()
        .map(|r| AttendanceLine {
            status: marks
                .iter()
                .find(|(t, _)| *t == r.tenant_id)
                .map(|(_, s)| s.clone())
                .unwrap_or_default(),
            tenant_id: r.tenant_id,
            first_name: r.first_name,
            last_name: r.last_name,
            dwelling: r.dwelling,
        })
        .collect())
}

/// Records attendance; `marks` are (tenant, status) of registered tenants.
pub fn save(
    conn: &mut DbConnection,
    actor: &Actor,
    session_id: i64,
    marks: &[(i64, String)],
    walk_ins: i32,
) -> Result<Session, AppError> {
    let (session, workshop) = store::find_session(conn, actor.office_id, session_id)?;
    actor.check_building(workshop.building_id)?;
    if session.status == CANCELLED {
        return Err(AppError::Conflict("err-workshop-session-not-scheduled"));
    }
    if session.starts_at > now() {
        return Err(AppError::Conflict("err-workshop-session-future"));
    }
    if !(0..=1000).contains(&walk_ins) {
        return Err(field_error("walk_ins", "err-invalid-number"));
    }
    let registered: Vec<i64> = workshop_registrations::table
        .filter(workshop_registrations::workshop_id.eq(workshop.id))
        .filter(workshop_registrations::status.eq(CONFIRMED))
        .filter(
            workshop_registrations::session_id
                .is_null()
                .or(workshop_registrations::session_id.eq(session.id)),
        )
        .select(workshop_registrations::tenant_id)
        .load(conn)?;
    for (tenant, status) in marks {
        if !registered.contains(tenant) {
            return Err(field_error("tenant_id", "err-unknown-reference"));
        }
        if !STATUSES.contains(&status.as_str()) {
            return Err(field_error("status", "err-invalid-choice"));
        }
    }
    diesel::delete(
        workshop_attendance::table.filter(workshop_attendance::session_id.eq(session.id)),
    )
    .execute(conn)?;
    let at = now();
    for (tenant, status) in marks {
        diesel::insert_into(workshop_attendance::table)
            .values((
                workshop_attendance::session_id.eq(session.id),
                workshop_attendance::tenant_id.eq(tenant),
                workshop_attendance::status.eq(status),
                workshop_attendance::recorded_at.eq(at),
            ))
            .execute(conn)?;
    }
    let present = marks.iter().filter(|(_, s)| s == "present").count() as i32;
    let people = present + walk_ins;
    let minutes = ((session.ends_at - session.starts_at).num_minutes()).clamp(1, 1440) as i32;
    let journal_id = match session.journal_entry_id {
        Some(id) => {
            journal::service::amend_recorded(conn, JournalEntryId(id), minutes, people)?;
            id
        }
        None => journal::record(
            conn,
            &Recording {
                office_id: OfficeId(actor.office_id),
                author_id: UserId(actor.user_id),
                sub_activity: SubActivity::parse(&workshop.sub_activity)
                    .unwrap_or(SubActivity::AteliersGroupe),
                occurred_on: crate::web::format::local_time(session.starts_at).date(),
                duration_minutes: minutes,
                building_id: Some(BuildingId(session.building_id)),
                people_reached: people,
                note: workshop.title.clone(),
                source: Source::Workshop,
            },
        )?
        .get(),
    };
    diesel::update(workshop_sessions::table.find(session.id))
        .set((
            workshop_sessions::status.eq(HELD),
            workshop_sessions::walk_ins.eq(walk_ins),
            workshop_sessions::journal_entry_id.eq(Some(journal_id)),
            workshop_sessions::updated_at.eq(at),
        ))
        .execute(conn)?;
    Ok(store::find_session(conn, actor.office_id, session_id)?.0)
}
