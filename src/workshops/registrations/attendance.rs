//! Attendance of one session (present, absent, excused) plus walk-ins. Saving it marks the session
//! held and writes its pole-3 entry in the practice journal once; saving again updates that entry.

use diesel::prelude::*;
use serde::Serialize;

use super::queries;
use crate::access::Actor;
use crate::db::schema::{workshop_attendance, workshop_registrations, workshop_sessions};
use crate::db::{now, DbConnection};
use crate::domain::ids::{JournalEntryId, SessionId, TenantId};
use crate::domain::poles::SubActivity;
use crate::error::AppError;
use crate::journal::{self, Recording, Source};
use crate::workshops::queries::find_session;
use crate::workshops::{
    field_error, Mark, NewMark, RegistrationStatus, Session, SessionStatus, Workshop,
};

/// The tenants expected at a session (confirmed for it or for the series), with their mark.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AttendanceLine {
    pub tenant_id: TenantId,
    /// Empty for readers who may not see tenants' names.
    pub first_name: String,
    /// Empty for readers who may not see tenants' names.
    pub last_name: String,
    pub dwelling: String,
    /// present, absent, excused, or empty when not taken yet
    pub status: String,
}

/// The session's expected tenants with their marks, in two queries.
pub fn sheet(
    conn: &mut DbConnection,
    actor: &Actor,
    session: &Session,
) -> Result<Vec<AttendanceLine>, AppError> {
    let expected: Vec<_> = queries::list(conn, session.workshop_id, queries::shows_names(actor))?
        .into_iter()
        .filter(|r| {
            r.status == RegistrationStatus::Confirmed
                && r.session_id.is_none_or(|s| s == session.id)
        })
        .collect();
    let marks: Vec<(TenantId, Mark)> = workshop_attendance::table
        .filter(workshop_attendance::session_id.eq(session.id))
        .select((workshop_attendance::tenant_id, workshop_attendance::status))
        .load(conn)?;
    Ok(expected
        .into_iter()
        .map(|r| AttendanceLine {
            status: marks
                .iter()
                .find(|(t, _)| *t == r.tenant_id)
                .map(|(_, s)| s.as_str().to_owned())
                .unwrap_or_default(),
            tenant_id: r.tenant_id,
            first_name: r.first_name,
            last_name: r.last_name,
            dwelling: r.dwelling,
        })
        .collect())
}

/// A session's attendance as submitted, parsed: (tenant, mark) of registered tenants, and the
/// walk-ins (0 to 1000).
#[derive(Debug, Clone)]
pub struct AttendanceData {
    pub marks: Vec<(TenantId, Mark)>,
    pub walk_ins: i32,
}

/// Checks that the session can be marked: not cancelled, begun, and the marks of registered
/// tenants.
fn check(
    conn: &mut DbConnection,
    session: &Session,
    data: &AttendanceData,
) -> Result<(), AppError> {
    if session.status == SessionStatus::Cancelled {
        return Err(AppError::Conflict("err-workshop-session-not-scheduled"));
    }
    if session.starts_at > now() {
        return Err(AppError::Conflict("err-workshop-session-future"));
    }
    if !(0..=1000).contains(&data.walk_ins) {
        return Err(field_error("walk_ins", "err-invalid-number"));
    }
    let registered: Vec<TenantId> = workshop_registrations::table
        .filter(workshop_registrations::workshop_id.eq(session.workshop_id))
        .filter(workshop_registrations::status.eq(RegistrationStatus::Confirmed))
        .filter(
            workshop_registrations::session_id
                .is_null()
                .or(workshop_registrations::session_id.eq(session.id)),
        )
        .select(workshop_registrations::tenant_id)
        .load(conn)?;
    if data.marks.iter().any(|(t, _)| !registered.contains(t)) {
        return Err(field_error("tenant_id", "err-unknown-reference"));
    }
    Ok(())
}

/// Writes the session's journal entry once, or updates it; returns its id.
fn journal_entry(
    conn: &mut DbConnection,
    actor: &Actor,
    (session, workshop): (&Session, &Workshop),
    people: i32,
) -> Result<JournalEntryId, AppError> {
    let minutes = ((session.ends_at - session.starts_at).num_minutes()).clamp(1, 1440) as i32;
    Ok(match session.journal_entry_id {
        Some(id) => {
            journal::service::amend_recorded(conn, id, minutes, people)?;
            id
        }
        None => journal::record(
            conn,
            &Recording {
                office_id: actor.office_id,
                author_id: actor.user_id,
                sub_activity: SubActivity::parse(&workshop.sub_activity)
                    .unwrap_or(SubActivity::AteliersGroupe),
                occurred_on: crate::web::format::local_time(session.starts_at).date(),
                duration_minutes: minutes,
                building_id: Some(session.building_id),
                people_reached: people,
                note: workshop.title.clone(),
                source: Source::Workshop,
            },
        )?,
    })
}

/// Records attendance of a session the actor sees.
pub fn save(
    conn: &mut DbConnection,
    actor: &Actor,
    session_id: SessionId,
    data: &AttendanceData,
) -> Result<Session, AppError> {
    let (session, workshop) = find_session(conn, actor, session_id)?;
    check(conn, &session, data)?;
    diesel::delete(
        workshop_attendance::table.filter(workshop_attendance::session_id.eq(session.id)),
    )
    .execute(conn)?;
    let at = now();
    let rows: Vec<NewMark> = data
        .marks
        .iter()
        .map(|(tenant, status)| NewMark {
            session_id: session.id,
            tenant_id: *tenant,
            status: *status,
            recorded_at: at,
        })
        .collect();
    for row in &rows {
        diesel::insert_into(workshop_attendance::table)
            .values(row)
            .execute(conn)?;
    }
    let present = data
        .marks
        .iter()
        .filter(|(_, s)| *s == Mark::Present)
        .count() as i32;
    let journal_id = journal_entry(conn, actor, (&session, &workshop), present + data.walk_ins)?;
    diesel::update(workshop_sessions::table.find(session.id))
        .set((
            workshop_sessions::status.eq(SessionStatus::Held),
            workshop_sessions::walk_ins.eq(data.walk_ins),
            workshop_sessions::journal_entry_id.eq(Some(journal_id)),
            workshop_sessions::updated_at.eq(at),
        ))
        .execute(conn)?;
    Ok(find_session(conn, actor, session_id)?.0)
}
