//! Scheduling: creating a workshop with all its sessions, and moving or cancelling one session,
//! refused before anything is written when a room or a facilitator is already booked.
//!
//! The conflict check loads, with one indexed query per resource (room; facilitators), the active
//! sessions of that room or those facilitators over the whole span of the new series, then compares
//! in memory: a weekly series of a year is 52 binary searches, whatever the size of the office.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::mail::{self, Change};
use super::queries::{self, find_session};
use super::{field_error, Clash, NewWorkshop, ScheduleError, Session, SessionStatus, Workshop};
use super::{NewFacilitator, NewSession, NewWorkshopRow, TZ};
use crate::access::Actor;
use crate::db::schema::{
    buildings, community_rooms, users, workshop_buildings, workshop_facilitators,
    workshop_sessions, workshops,
};
use crate::db::{now, DbConnection};
use crate::domain::ids::{BuildingId, RoomId, SessionId, UserId, WorkshopId};
use crate::domain::recurrence::Occurrence;
use crate::domain::roles::Resource as Seen;
use crate::domain::text::fold;
use crate::email::Composer;
use crate::error::AppError;

/// Longest session the conflict check allows for (the form caps a session at 12 hours).
const LONGEST: i64 = 12 * 60;

/// A booked interval that may clash: (start, end, session, workshop, title).
type Booked = (NaiveDateTime, NaiveDateTime, SessionId, WorkshopId, String);

/// Whose bookings to load: one room, or the sessions of some facilitators' workshops.
enum Resource<'a> {
    Room(RoomId),
    Facilitators(&'a [UserId]),
}

/// The active sessions of `resource` that may overlap `from..to`, in one indexed query.
fn booked(
    conn: &mut DbConnection,
    resource: Resource<'_>,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> Result<Vec<Booked>, AppError> {
    let mut q = workshop_sessions::table
        .inner_join(workshops::table)
        .filter(workshop_sessions::starts_at.ge(from - Duration::minutes(LONGEST)))
        .filter(workshop_sessions::starts_at.lt(to))
        .filter(workshop_sessions::status.ne(SessionStatus::Cancelled))
        .into_boxed();
    q = match resource {
        Resource::Room(room) => q.filter(workshop_sessions::room_id.eq(room)),
        Resource::Facilitators(ids) => q.filter(
            workshop_sessions::workshop_id.eq_any(
                workshop_facilitators::table
                    .filter(workshop_facilitators::user_id.eq_any(ids.to_vec()))
                    .select(workshop_facilitators::workshop_id),
            ),
        ),
    };
    Ok(q.select((
        workshop_sessions::starts_at,
        workshop_sessions::ends_at,
        workshop_sessions::id,
        workshop_sessions::workshop_id,
        workshops::title,
    ))
    .load(conn)?)
}

/// The first booked interval overlapping one of `occ` (sorted by start), ignoring `except`.
fn first_overlap<'a>(
    booked: &'a mut [Booked],
    occ: &[Occurrence],
    except: Option<SessionId>,
) -> Option<&'a Booked> {
    booked.sort_by_key(|b| b.0);
    let booked: &'a [Booked] = booked;
    for o in occ {
        let lo = booked.partition_point(|b| b.0 < o.starts_at - Duration::minutes(LONGEST));
        let hit = booked[lo..]
            .iter()
            .take_while(|b| b.0 < o.ends_at)
            .find(|b| b.1 > o.starts_at && Some(b.2) != except);
        if hit.is_some() {
            return hit;
        }
    }
    None
}

/// The first session in the way of `occ` for this room or these facilitators.
pub fn find_clash(
    conn: &mut DbConnection,
    room_id: Option<RoomId>,
    facilitators: &[UserId],
    occ: &[Occurrence],
    except: Option<SessionId>,
) -> Result<Option<Clash>, AppError> {
    let (Some(from), Some(to)) = (
        occ.iter().map(|o| o.starts_at).min(),
        occ.iter().map(|o| o.ends_at).max(),
    ) else {
        return Ok(None);
    };
    let clash = |resource, b: &Booked| Clash {
        resource,
        session_id: b.2,
        workshop_id: b.3,
        title: b.4.clone(),
        starts_at: b.0,
    };
    if let Some(room) = room_id {
        let mut booked = booked(conn, Resource::Room(room), from, to)?;
        if let Some(b) = first_overlap(&mut booked, occ, except) {
            return Ok(Some(clash("room", b)));
        }
    }
    if facilitators.is_empty() {
        return Ok(None);
    }
    let mut booked = booked(conn, Resource::Facilitators(facilitators), from, to)?;
    Ok(first_overlap(&mut booked, occ, except).map(|b| clash("facilitator", b)))
}

/// Checks every reference of `data` against the office (and the actor's buildings).
fn check_references(
    conn: &mut DbConnection,
    actor: &Actor,
    data: &NewWorkshop,
) -> Result<(), AppError> {
    // Scheduling in a building outside one's own is refused outright (403), as before any read.
    actor.check_building(Seen::Workshops, data.building_id)?;
    let office = actor.office_id;
    let mut wanted: Vec<BuildingId> = data.audience_buildings.clone();
    wanted.push(data.building_id);
    let found: i64 = buildings::table
        .filter(buildings::office_id.eq(office))
        .filter(buildings::id.eq_any(wanted.clone()))
        .count()
        .get_result(conn)?;
    wanted.sort_unstable();
    wanted.dedup();
    if found != wanted.len() as i64 {
        return Err(field_error("building_id", "err-unknown-reference"));
    }
    if let Some(room) = data.room_id {
        let n: i64 = community_rooms::table
            .filter(community_rooms::id.eq(room))
            .filter(community_rooms::building_id.eq(data.building_id))
            .filter(community_rooms::office_id.eq(office))
            .count()
            .get_result(conn)?;
        if n == 0 {
            return Err(field_error("room_id", "err-workshop-room-not-in-building"));
        }
    }
    let staff: i64 = users::table
        .filter(users::office_id.eq(office))
        .filter(users::id.eq_any(data.facilitator_ids.clone()))
        .filter(users::active.eq(true))
        .count()
        .get_result(conn)?;
    if staff != data.facilitator_ids.len() as i64 {
        return Err(field_error("facilitator_ids", "err-unknown-reference"));
    }
    if data.room_id.is_none() && data.place.is_empty() {
        return Err(field_error("room_id", "err-workshop-no-place"));
    }
    Ok(())
}

/// Creates a workshop and all its sessions, or nothing when a room or facilitator is booked.
pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    data: &NewWorkshop,
) -> Result<Workshop, ScheduleError> {
    check_references(conn, actor, data)?;
    let occ = data
        .recurrence
        .occurrences(TZ)
        .map_err(|e| field_error("start_date", e.key()))?;
    if let Some(clash) = find_clash(conn, data.room_id, &data.facilitator_ids, &occ, None)? {
        return Err(ScheduleError::Clash(clash));
    }
    let at = now();
    let recurrence = serde_json::to_string(&data.recurrence).map_err(AppError::internal)?;
    let office = actor.office_id;
    let row = NewWorkshopRow {
        office_id: office,
        title: data.title.clone(),
        description: data.description.clone(),
        theme: data.theme.clone(),
        sub_activity: data.sub_activity.clone(),
        building_id: data.building_id,
        room_id: data.room_id,
        place: data.place.clone(),
        language: data.language.clone(),
        capacity: data.capacity,
        audience: data.audience.clone(),
        registration_opens_on: data.registration_opens_on,
        registration_closes_on: data.registration_closes_on,
        reminder_hours: data.reminder_hours,
        recurrence,
        duration_minutes: data.recurrence.duration_minutes as i32,
        registration_version: 0,
        search_text: fold(&format!("{} {}", data.title, data.theme)),
        created_by: actor.user_id,
        created_at: at,
        updated_at: at,
    };
    let id: WorkshopId = diesel::insert_into(workshops::table)
        .values(&row)
        .returning(workshops::id)
        .get_result(conn)?;
    for b in &data.audience_buildings {
        diesel::insert_into(workshop_buildings::table)
            .values((
                workshop_buildings::workshop_id.eq(id),
                workshop_buildings::building_id.eq(b),
            ))
            .execute(conn)?;
    }
    insert_facilitators(conn, id, data)?;
    let sessions: Vec<NewSession> = occ
        .iter()
        .map(|o| NewSession {
            office_id: office,
            workshop_id: id,
            building_id: data.building_id,
            room_id: data.room_id,
            starts_at: o.starts_at,
            ends_at: o.ends_at,
            status: SessionStatus::Scheduled,
            walk_ins: 0,
            journal_entry_id: None,
            created_at: at,
            updated_at: at,
        })
        .collect();
    for s in &sessions {
        diesel::insert_into(workshop_sessions::table)
            .values(s)
            .execute(conn)?;
    }
    Ok(queries::find_in_office(conn, office, id)?)
}

fn insert_facilitators(
    conn: &mut DbConnection,
    id: WorkshopId,
    data: &NewWorkshop,
) -> Result<(), AppError> {
    let names: Vec<(UserId, String)> = users::table
        .filter(users::id.eq_any(data.facilitator_ids.clone()))
        .select((users::id, users::display_name))
        .load(conn)?;
    let accounts = names.into_iter().map(|(user_id, name)| NewFacilitator {
        workshop_id: id,
        user_id: Some(user_id),
        name,
        organisation: String::new(),
    });
    let outside = data.outside.iter().map(|o| NewFacilitator {
        workshop_id: id,
        user_id: None,
        name: o.name.clone(),
        organisation: o.organisation.clone(),
    });
    for row in accounts.chain(outside).collect::<Vec<_>>() {
        diesel::insert_into(workshop_facilitators::table)
            .values(&row)
            .execute(conn)?;
    }
    Ok(())
}

/// Moves one upcoming session to new UTC times, checking its room and facilitators first.
pub fn move_session(
    conn: &mut DbConnection,
    actor: &Actor,
    session_id: SessionId,
    starts_at: NaiveDateTime,
    ends_at: NaiveDateTime,
) -> Result<Session, ScheduleError> {
    let (session, workshop) = find_session(conn, actor, session_id)?;
    if session.status != SessionStatus::Scheduled {
        return Err(AppError::Conflict("err-workshop-session-not-scheduled").into());
    }
    if ends_at <= starts_at || ends_at - starts_at > Duration::minutes(LONGEST) {
        return Err(field_error("ends_at", "err-workshop-session-length").into());
    }
    let facilitators = queries::facilitator_user_ids(conn, workshop.id)?;
    let occ = [Occurrence { starts_at, ends_at }];
    if let Some(clash) = find_clash(conn, session.room_id, &facilitators, &occ, Some(session.id))? {
        return Err(ScheduleError::Clash(clash));
    }
    diesel::update(workshop_sessions::table.find(session.id))
        .set((
            workshop_sessions::starts_at.eq(starts_at),
            workshop_sessions::ends_at.eq(ends_at),
            workshop_sessions::updated_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(find_session(conn, actor, session_id)?.0)
}

/// Cancels one upcoming session (the others stay).
pub fn cancel_session(
    conn: &mut DbConnection,
    actor: &Actor,
    session_id: SessionId,
) -> Result<Session, AppError> {
    let (session, _) = find_session(conn, actor, session_id)?;
    let n = diesel::update(
        workshop_sessions::table
            .find(session.id)
            .filter(workshop_sessions::status.eq(SessionStatus::Scheduled)),
    )
    .set((
        workshop_sessions::status.eq(SessionStatus::Cancelled),
        workshop_sessions::updated_at.eq(now()),
    ))
    .execute(conn)?;
    if n == 0 {
        return Err(AppError::Conflict("err-workshop-session-not-scheduled"));
    }
    Ok(find_session(conn, actor, session_id)?.0)
}

/// Cancels one session and tells those registered for it.
pub fn cancel_and_notify(
    conn: &mut DbConnection,
    actor: &Actor,
    mailer: &Composer,
    session_id: SessionId,
) -> Result<Session, AppError> {
    let s = cancel_session(conn, actor, session_id)?;
    mail::session_changed(conn, mailer, &s, Change::Cancelled)?;
    Ok(s)
}

/// New times for one session, in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewTimes {
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
}

/// Moves one session and tells those registered for it; a clash is an answer, and then nothing
/// is written.
pub fn move_and_notify(
    conn: &mut DbConnection,
    actor: &Actor,
    mailer: &Composer,
    session_id: SessionId,
    times: NewTimes,
) -> Result<Result<Session, Clash>, AppError> {
    match move_session(conn, actor, session_id, times.starts_at, times.ends_at) {
        Ok(s) => {
            mail::session_changed(conn, mailer, &s, Change::Moved)?;
            Ok(Ok(s))
        }
        Err(ScheduleError::Clash(c)) => Ok(Err(c)),
        Err(ScheduleError::App(e)) => Err(e),
    }
}
