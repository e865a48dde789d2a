//! Scheduling: creating a workshop with all its sessions, and moving or cancelling one session,
//! refused before anything is written when a room or a facilitator is already booked.
//!
//! The conflict check loads, with one indexed query per resource (room; facilitators), the active
//! sessions of that room or those facilitators over the whole span of the new series, then compares
//! in memory: a weekly series of a year is 52 binary searches, whatever the size of the office.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::{field_error, store, Actor, Clash, NewWorkshop, ScheduleError, Session, Workshop};
use super::{CANCELLED, SCHEDULED, TZ};
use crate::db::schema::{
    buildings, community_rooms, users, workshop_buildings, workshop_facilitators,
    workshop_sessions, workshops,
};
use crate::db::{now, DbConnection};
use crate::domain::recurrence::Occurrence;
use crate::domain::text::fold;
use crate::error::AppError;

/// Longest session the conflict check allows for (the form caps a session at 12 hours).
const LONGEST: i64 = 12 * 60;

/// A booked interval that may clash: (start, end, session, workshop, title).
type Booked = (NaiveDateTime, NaiveDateTime, i64, i64, String);

/// Whose bookings to load: one room, or the sessions of some facilitators' workshops.
enum Resource<'a> {
    Room(i64),
    Facilitators(&'a [i64]),
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
        .filter(workshop_sessions::status.ne(CANCELLED))
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
    except: Option<i64>,
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
    room_id: Option<i64>,
    facilitators: &[i64],
    occ: &[Occurrence],
    except: Option<i64>,
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
    actor.check_building(data.building_id)?;
    let mut wanted = data.audience_buildings.clone();
    wanted.push(data.building_id);
    let found: i64 = buildings::table
        .filter(buildings::office_id.eq(actor.office_id))
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
            .filter(community_rooms::office_id.eq(actor.office_id))
            .count()
            .get_result(conn)?;
        if n == 0 {
            return Err(field_error("room_id", "err-workshop-room-not-in-building"));
        }
    }
    let staff: i64 = users::table
        .filter(users::office_id.eq(actor.office_id))
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
    let id: i64 = diesel::insert_into(workshops::table)
        .values((
            workshops::office_id.eq(actor.office_id),
            workshops::title.eq(&data.title),
            workshops::description.eq(&data.description),
            workshops::theme.eq(&data.theme),
            workshops::sub_activity.eq(&data.sub_activity),
            workshops::building_id.eq(data.building_id),
            workshops::room_id.eq(data.room_id),
            workshops::place.eq(&data.place),
            workshops::language.eq(&data.language),
            workshops::capacity.eq(data.capacity),
            workshops::audience.eq(&data.audience),
            workshops::registration_opens_on.eq(data.registration_opens_on),
            workshops::registration_closes_on.eq(data.registration_closes_on),
            workshops::reminder_hours.eq(data.reminder_hours),
            workshops::recurrence.eq(recurrence),
            workshops::duration_minutes.eq(data.recurrence.duration_minutes as i32),
            workshops::registration_version.eq(0),
            workshops::search_text.eq(fold(&format!("{} {}", data.title, data.theme))),
            workshops::created_by.eq(actor.user_id),
            workshops::created_at.eq(at),
            workshops::updated_at.eq(at),
        ))
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
    for o in &occ {
        diesel::insert_into(workshop_sessions::table)
            .values((
                workshop_sessions::office_id.eq(actor.office_id),
                workshop_sessions::workshop_id.eq(id),
                workshop_sessions::building_id.eq(data.building_id),
                workshop_sessions::room_id.eq(data.room_id),
                workshop_sessions::starts_at.eq(o.starts_at),
                workshop_sessions::ends_at.eq(o.ends_at),
                workshop_sessions::status.eq(SCHEDULED),
                workshop_sessions::walk_ins.eq(0),
                workshop_sessions::created_at.eq(at),
                workshop_sessions::updated_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(store::find(conn, actor.office_id, id)?)
}

fn insert_facilitators(
    conn: &mut DbConnection,
    id: i64,
    data: &NewWorkshop,
) -> Result<(), AppError> {
    let names: Vec<(i64, String)> = users::table
        .filter(users::id.eq_any(data.facilitator_ids.clone()))
        .select((users::id, users::display_name))
        .load(conn)?;
    for (user_id, name) in names {
        diesel::insert_into(workshop_facilitators::table)
            .values((
                workshop_facilitators::workshop_id.eq(id),
                workshop_facilitators::user_id.eq(Some(user_id)),
                workshop_facilitators::name.eq(name),
                workshop_facilitators::organisation.eq(""),
            ))
            .execute(conn)?;
    }
    for o in &data.outside {
        diesel::insert_into(workshop_facilitators::table)
            .values((
                workshop_facilitators::workshop_id.eq(id),
                workshop_facilitators::user_id.eq(None::<i64>),
                workshop_facilitators::name.eq(&o.name),
                workshop_facilitators::organisation.eq(&o.organisation),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Moves one upcoming session to new UTC times, checking its room and facilitators first.
pub fn move_session(
    conn: &mut DbConnection,
    actor: &Actor,
    session_id: i64,
    starts_at: NaiveDateTime,
    ends_at: NaiveDateTime,
) -> Result<Session, ScheduleError> {
    let (session, workshop) = store::find_session(conn, actor.office_id, session_id)?;
    actor.check_building(workshop.building_id)?;
    if session.status != SCHEDULED {
        return Err(AppError::Conflict("err-workshop-session-not-scheduled").into());
    }
    if ends_at <= starts_at || ends_at - starts_at > Duration::minutes(LONGEST) {
        return Err(field_error("ends_at", "err-workshop-session-length").into());
    }
    let facilitators = store::facilitator_user_ids(conn, workshop.id)?;
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
    Ok(store::find_session(conn, actor.office_id, session_id)?.0)
}

/// Cancels one upcoming session (the others stay).
pub fn cancel_session(
    conn: &mut DbConnection,
    actor: &Actor,
    session_id: i64,
) -> Result<Session, AppError> {
    let (session, workshop) = store::find_session(conn, actor.office_id, session_id)?;
    actor.check_building(workshop.building_id)?;
    let n = diesel::update(
        workshop_sessions::table
            .find(session.id)
            .filter(workshop_sessions::status.eq(SCHEDULED)),
    )
    .set((
        workshop_sessions::status.eq(CANCELLED),
        workshop_sessions::updated_at.eq(now()),
    ))
    .execute(conn)?;
    if n == 0 {
        return Err(AppError::Conflict("err-workshop-session-not-scheduled"));
    }
    Ok(store::find_session(conn, actor.office_id, session_id)?.0)
}

/// Cancels one session and tells those registered for it.
pub fn cancel_and_notify(
    conn: &mut DbConnection,
    actor: &Actor,
    session_id: i64,
    mailer: &super::registrations::Mailer<'_>,
) -> Result<Session, AppError> {
    let s = cancel_session(conn, actor, session_id)?;
    super::notify::session_changed(
        conn,
        mailer,
        actor.office_id,
        &s,
        "workshop_session_cancelled",
    )?;
    Ok(s)
}
