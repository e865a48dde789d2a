//! Workshop reads, always within the actor's office and `actor.scope(Resource::Workshops)`: another
//! office's workshop, or (for a committee member) one of a building they are not assigned to, is
//! `NotFound`.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::{Session, SessionStatus, Workshop};
use crate::access::Actor;
use crate::db::schema::{
    buildings, community_rooms, users, workshop_facilitators, workshop_sessions, workshops,
};
use crate::db::DbConnection;
use crate::domain::ids::{
    BuildingId, FacilitatorId, OfficeId, RoomId, SessionId, UserId, WorkshopId,
};
use crate::domain::roles::Resource;
use crate::error::AppError;
use crate::web::pagination::{Paged, Pagination};

/// The buildings the actor's workshops are narrowed to; `None`: every building of the office.
pub fn building_limit(actor: &Actor) -> Option<Vec<BuildingId>> {
    actor.building_limit(Resource::Workshops).map(<[_]>::to_vec)
}

/// Whether the actor sees the workshops of this building.
pub fn sees(actor: &Actor, building_id: BuildingId) -> bool {
    actor.sees_building(Resource::Workshops, building_id)
}

/// `NotFound` unless the actor sees the workshops of this building: their existence is not told.
pub fn within_scope(actor: &Actor, building_id: BuildingId) -> Result<(), AppError> {
    if sees(actor, building_id) {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// One workshop of the office, regardless of the actor (for jobs and services that already
/// checked the scope).
pub fn find_in_office(
    conn: &mut DbConnection,
    office_id: OfficeId,
    id: WorkshopId,
) -> Result<Workshop, AppError> {
    Ok(workshops::table
        .filter(workshops::id.eq(id))
        .filter(workshops::office_id.eq(office_id))
        .first(conn)?)
}

/// One workshop the actor sees.
pub fn find(conn: &mut DbConnection, actor: &Actor, id: WorkshopId) -> Result<Workshop, AppError> {
    let w = find_in_office(conn, actor.office_id, id)?;
    within_scope(actor, w.building_id)?;
    Ok(w)
}

/// One session the actor sees, with its workshop, in one query.
pub fn find_session(
    conn: &mut DbConnection,
    actor: &Actor,
    id: SessionId,
) -> Result<(Session, Workshop), AppError> {
    let found: (Session, Workshop) = workshop_sessions::table
        .inner_join(workshops::table)
        .filter(workshop_sessions::id.eq(id))
        .filter(workshop_sessions::office_id.eq(actor.office_id))
        .select((workshop_sessions::all_columns, workshops::all_columns))
        .first(conn)?;
    within_scope(actor, found.1.building_id)?;
    Ok(found)
}

/// The accounts facilitating a workshop.
pub fn facilitator_user_ids(
    conn: &mut DbConnection,
    workshop_id: WorkshopId,
) -> Result<Vec<UserId>, AppError> {
    Ok(workshop_facilitators::table
        .filter(workshop_facilitators::workshop_id.eq(workshop_id))
        .filter(workshop_facilitators::user_id.is_not_null())
        .select(workshop_facilitators::user_id.assume_not_null())
        .load(conn)?)
}

/// A facilitator as shown: an account's name, or an outside person with their organisation.
#[derive(Debug, Clone, Queryable, Serialize, utoipa::ToSchema)]
pub struct Facilitator {
    pub id: FacilitatorId,
    pub workshop_id: WorkshopId,
    pub user_id: Option<UserId>,
    pub name: String,
    pub organisation: String,
}

pub fn facilitators(
    conn: &mut DbConnection,
    workshop_id: WorkshopId,
) -> Result<Vec<Facilitator>, AppError> {
    Ok(workshop_facilitators::table
        .filter(workshop_facilitators::workshop_id.eq(workshop_id))
        .order(workshop_facilitators::id.asc())
        .load(conn)?)
}

/// Every session of a workshop, in order.
pub fn sessions(
    conn: &mut DbConnection,
    workshop_id: WorkshopId,
) -> Result<Vec<Session>, AppError> {
    Ok(workshop_sessions::table
        .filter(workshop_sessions::workshop_id.eq(workshop_id))
        .order((
            workshop_sessions::starts_at.asc(),
            workshop_sessions::id.asc(),
        ))
        .load(conn)?)
}

/// A workshop with its facilitators and sessions.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct WorkshopDetail {
    #[serde(flatten)]
    pub workshop: Workshop,
    pub facilitators: Vec<Facilitator>,
    pub sessions: Vec<Session>,
}

/// One workshop the actor sees, with its facilitators and sessions.
pub fn detail(
    conn: &mut DbConnection,
    actor: &Actor,
    id: WorkshopId,
) -> Result<WorkshopDetail, AppError> {
    let workshop = find(conn, actor, id)?;
    Ok(WorkshopDetail {
        facilitators: facilitators(conn, id)?,
        sessions: sessions(conn, id)?,
        workshop,
    })
}

/// A session as calendars show it: with its workshop's title and its place.
#[derive(Debug, Clone, Queryable, Serialize)]
pub struct CalendarLine {
    pub session: Session,
    pub title: String,
    pub description: String,
    pub building: String,
    pub room: Option<String>,
    pub place: String,
}

/// Which sessions a calendar shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarOf {
    Building(BuildingId),
    Room(RoomId),
    Facilitator(UserId),
    Workshop(WorkshopId),
}

/// The sessions of one building, room, facilitator or workshop of `office_id` between two
/// instants (UTC), optionally only those of some buildings, in one query.
pub fn calendar_of_office(
    conn: &mut DbConnection,
    office_id: OfficeId,
    limit: Option<Vec<BuildingId>>,
    of: CalendarOf,
    (from, to): (NaiveDateTime, NaiveDateTime),
) -> Result<Vec<CalendarLine>, AppError> {
    let mut q = workshop_sessions::table
        .inner_join(workshops::table)
        .inner_join(buildings::table.on(buildings::id.eq(workshop_sessions::building_id)))
        .left_join(
            community_rooms::table.on(community_rooms::id
                .nullable()
                .eq(workshop_sessions::room_id)),
        )
        .filter(workshop_sessions::office_id.eq(office_id))
        .filter(workshop_sessions::starts_at.ge(from))
        .filter(workshop_sessions::starts_at.lt(to))
        .into_boxed();
    if let Some(list) = limit {
        q = q.filter(workshop_sessions::building_id.eq_any(list));
    }
    q = match of {
        CalendarOf::Building(b) => q.filter(workshop_sessions::building_id.eq(b)),
        CalendarOf::Room(r) => q.filter(workshop_sessions::room_id.eq(r)),
        CalendarOf::Workshop(w) => q.filter(workshop_sessions::workshop_id.eq(w)),
        CalendarOf::Facilitator(u) => q.filter(
            workshop_sessions::workshop_id.eq_any(
                workshop_facilitators::table
                    .filter(workshop_facilitators::user_id.eq(u))
                    .select(workshop_facilitators::workshop_id),
            ),
        ),
    };
    Ok(q.order((
        workshop_sessions::starts_at.asc(),
        workshop_sessions::id.asc(),
    ))
    .select((
        workshop_sessions::all_columns,
        workshops::title,
        workshops::description,
        buildings::name,
        community_rooms::name.nullable(),
        workshops::place,
    ))
    .load(conn)?)
}

/// The building a calendar target belongs to, when it has one; `NotFound` for another office's
/// building, room or workshop, or one outside the actor's scope.
fn check_target(conn: &mut DbConnection, actor: &Actor, of: CalendarOf) -> Result<(), AppError> {
    let office = actor.office_id;
    let building: BuildingId = match of {
        CalendarOf::Facilitator(_) => return Ok(()),
        CalendarOf::Workshop(w) => find_in_office(conn, office, w)?.building_id,
        CalendarOf::Building(b) => buildings::table
            .filter(buildings::id.eq(b))
            .filter(buildings::office_id.eq(office))
            .select(buildings::id)
            .first(conn)?,
        CalendarOf::Room(r) => community_rooms::table
            .filter(community_rooms::id.eq(r))
            .filter(community_rooms::office_id.eq(office))
            .select(community_rooms::building_id)
            .first(conn)?,
    };
    within_scope(actor, building)
}

/// The sessions of a calendar the actor sees, between two instants (UTC).
pub fn calendar(
    conn: &mut DbConnection,
    actor: &Actor,
    of: CalendarOf,
    span: (NaiveDateTime, NaiveDateTime),
) -> Result<Vec<CalendarLine>, AppError> {
    check_target(conn, actor, of)?;
    calendar_of_office(conn, actor.office_id, building_limit(actor), of, span)
}

/// A building of the office the actor sees: its name (the poster's heading).
pub fn building_name(
    conn: &mut DbConnection,
    actor: &Actor,
    building_id: BuildingId,
) -> Result<String, AppError> {
    within_scope(actor, building_id)?;
    Ok(buildings::table
        .filter(buildings::id.eq(building_id))
        .filter(buildings::office_id.eq(actor.office_id))
        .select(buildings::name)
        .first(conn)?)
}

/// The sessions of a workshop that are still scheduled and have not begun.
pub fn upcoming_sessions(
    conn: &mut DbConnection,
    workshop_id: WorkshopId,
    now: NaiveDateTime,
) -> Result<Vec<SessionId>, AppError> {
    Ok(workshop_sessions::table
        .filter(workshop_sessions::workshop_id.eq(workshop_id))
        .filter(workshop_sessions::status.eq(SessionStatus::Scheduled))
        .filter(workshop_sessions::starts_at.gt(now))
        .select(workshop_sessions::id)
        .load(conn)?)
}

/// A workshop line of a list.
#[derive(Debug, Clone, Queryable, Serialize, utoipa::ToSchema)]
pub struct WorkshopLine {
    pub id: WorkshopId,
    pub title: String,
    pub building_id: BuildingId,
    pub building: String,
    pub capacity: i32,
}

/// One page of the workshops the actor sees, newest first.
pub fn list(
    conn: &mut DbConnection,
    actor: &Actor,
    at: Pagination,
) -> Result<Paged<WorkshopLine>, AppError> {
    macro_rules! scoped {
        () => {{
            let mut q = workshops::table
                .inner_join(buildings::table)
                .filter(workshops::office_id.eq(actor.office_id))
                .into_boxed();
            if let Some(list) = building_limit(actor) {
                q = q.filter(workshops::building_id.eq_any(list));
            }
            q
        }};
    }
    let total = scoped!().count().get_result(conn)?;
    let lines = scoped!()
        .order(workshops::id.desc())
        .select((
            workshops::id,
            workshops::title,
            workshops::building_id,
            buildings::name,
            workshops::capacity,
        ))
        .offset(at.offset())
        .limit(at.limit())
        .load(conn)?;
    Ok(Paged::new(lines, total, at))
}

/// The choice lists of the scheduling form, in three queries: (id, label) pairs.
pub struct FormOptions {
    pub buildings: Vec<(BuildingId, String)>,
    pub rooms: Vec<(RoomId, String)>,
    pub staff: Vec<(UserId, String)>,
}

/// The buildings and rooms the actor schedules in, and the office's possible facilitators.
pub fn form_options(conn: &mut DbConnection, actor: &Actor) -> Result<FormOptions, AppError> {
    let office = actor.office_id;
    let mut b = buildings::table
        .filter(buildings::office_id.eq(office))
        .into_boxed();
    let mut r = community_rooms::table
        .inner_join(buildings::table)
        .filter(community_rooms::office_id.eq(office))
        .into_boxed();
    if let Some(list) = building_limit(actor) {
        b = b.filter(buildings::id.eq_any(list.clone()));
        r = r.filter(community_rooms::building_id.eq_any(list));
    }
    let buildings = b
        .order(buildings::name.asc())
        .select((buildings::id, buildings::name))
        .load(conn)?;
    let rooms: Vec<(RoomId, String, String)> = r
        .order((buildings::name.asc(), community_rooms::name.asc()))
        .select((community_rooms::id, buildings::name, community_rooms::name))
        .load(conn)?;
    let staff = users::table
        .filter(users::office_id.eq(office))
        .filter(users::active.eq(true))
        .filter(users::role.eq_any(["isc", "admin", "committee"]))
        .order(users::display_name.asc())
        .select((users::id, users::display_name))
        .load(conn)?;
    Ok(FormOptions {
        buildings,
        rooms: rooms
            .into_iter()
            .map(|(id, b, n)| (id, format!("{b} — {n}")))
            .collect(),
        staff,
    })
}

/// A building's office and name, for its public page (no sign-in: any building's page is public).
pub fn public_building(
    conn: &mut DbConnection,
    id: BuildingId,
) -> Result<(OfficeId, String), AppError> {
    Ok(buildings::table
        .find(id)
        .select((buildings::office_id, buildings::name))
        .first(conn)?)
}
