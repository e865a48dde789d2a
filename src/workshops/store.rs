//! Workshop queries, always scoped to one office: another office's workshop is `NotFound`.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::{Actor, Session, Workshop};
use crate::db::schema::{
    buildings, community_rooms, workshop_facilitators, workshop_sessions, workshops,
};
use crate::db::DbConnection;
use crate::error::AppError;

/// One workshop of the office.
pub fn find(conn: &mut DbConnection, office_id: i64, id: i64) -> Result<Workshop, AppError> {
    Ok(workshops::table
        .filter(workshops::id.eq(id))
        .filter(workshops::office_id.eq(office_id))
        .first(conn)?)
}

/// One session of the office with its workshop, in one query.
pub fn find_session(
    conn: &mut DbConnection,
    office_id: i64,
    id: i64,
) -> Result<(Session, Workshop), AppError> {
    Ok(workshop_sessions::table
        .inner_join(workshops::table)
        .filter(workshop_sessions::id.eq(id))
        .filter(workshop_sessions::office_id.eq(office_id))
        .select((workshop_sessions::all_columns, workshops::all_columns))
        .first(conn)?)
}

/// The accounts facilitating a workshop.
pub fn facilitator_user_ids(
    conn: &mut DbConnection,
    workshop_id: i64,
) -> Result<Vec<i64>, AppError> {
    Ok(workshop_facilitators::table
        .filter(workshop_facilitators::workshop_id.eq(workshop_id))
        .filter(workshop_facilitators::user_id.is_not_null())
        .select(workshop_facilitators::user_id.assume_not_null())
        .load(conn)?)
}

/// A facilitator as shown: an account's name, or an outside person with their organisation.
#[derive(Debug, Clone, Queryable, Serialize, utoipa::ToSchema)]
pub struct Facilitator {
    pub id: i64,
    pub workshop_id: i64,
    pub user_id: Option<i64>,
    pub name: String,
    pub organisation: String,
}

pub fn facilitators(
    conn: &mut DbConnection,
    workshop_id: i64,
) -> Result<Vec<Facilitator>, AppError> {
    Ok(workshop_facilitators::table
        .filter(workshop_facilitators::workshop_id.eq(workshop_id))
        .order(workshop_facilitators::id.asc())
        .load(conn)?)
}

/// Every session of a workshop, in order.
pub fn sessions(conn: &mut DbConnection, workshop_id: i64) -> Result<Vec<Session>, AppError> {
    Ok(workshop_sessions::table
        .filter(workshop_sessions::workshop_id.eq(workshop_id))
        .order((
            workshop_sessions::starts_at.asc(),
            workshop_sessions::id.asc(),
        ))
        .load(conn)?)
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
#[derive(Debug, Clone, Copy)]
pub enum CalendarOf {
    Building(i64),
    Room(i64),
    Facilitator(i64),
    Workshop(i64),
}

/// The office's sessions of one building, room, facilitator or workshop between two instants
/// (UTC), in one query.
pub fn calendar(
    conn: &mut DbConnection,
    office_id: i64,
    of: CalendarOf,
    from: NaiveDateTime,
    to: NaiveDateTime,
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

/// A workshop line of a list.
#[derive(Debug, Clone, Queryable, Serialize, utoipa::ToSchema)]
pub struct WorkshopLine {
    pub id: i64,
    pub title: String,
    pub building_id: i64,
    pub building: String,
    pub capacity: i32,
}

/// One page of the workshops the actor may see, newest first, and how many there are.
pub fn list(
    conn: &mut DbConnection,
    actor: &Actor,
    offset: i64,
    limit: i64,
) -> Result<(Vec<WorkshopLine>, i64), AppError> {
    macro_rules! scoped {
        () => {{
            let mut q = workshops::table
                .inner_join(buildings::table)
                .filter(workshops::office_id.eq(actor.office_id))
                .into_boxed();
            if let Some(list) = &actor.buildings {
                q = q.filter(workshops::building_id.eq_any(list.clone()));
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
        .offset(offset)
        .limit(limit)
        .load(conn)?;
    Ok((lines, total))
}
