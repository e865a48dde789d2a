//! Writing the office's rooms, in the caller's transaction.

use diesel::prelude::*;

use super::queries::find;
use super::RoomData;
use crate::access::Actor;
use crate::db::schema::community_rooms;
use crate::db::{now, DbConnection};
use crate::domain::ids::{BuildingId, RoomId};
use crate::domain::roles::Action;
use crate::error::{AppError, Referrers};

/// Adds a room to one of the office's buildings; `NotFound` for another office's building.
pub fn insert(
    conn: &mut DbConnection,
    office_id: i64,
    building_id: i64,
    data: &RoomData,
) -> Result<i64, AppError> {
    crate::registry::buildings::find(conn, office_id, building_id)?;
    Ok(diesel::insert_into(community_rooms::table)
        .values((
            community_rooms::office_id.eq(office_id),
            community_rooms::building_id.eq(building_id),
            community_rooms::name.eq(&data.name),
            community_rooms::capacity.eq(data.capacity),
            community_rooms::accessible.eq(data.accessible),
            community_rooms::created_at.eq(now()),
        ))
        .returning(community_rooms::id)
        .get_result(conn)?)
}

/// Changes a room; returns its building's id (where the pages go back to).
pub fn update(
    conn: &mut DbConnection,
    office_id: i64,
    id: i64,
    data: &RoomData,
) -> Result<i64, AppError> {
    let room = find(conn, office_id, id)?;
    diesel::update(community_rooms::table.filter(community_rooms::id.eq(id)))
        .set(data)
        .execute(conn)?;
    Ok(room.building_id.get())
}

/// Deletes a room; returns its building's id.
pub fn delete(conn: &mut DbConnection, office_id: i64, id: i64) -> Result<i64, AppError> {
    let room = find(conn, office_id, id)?;
    referrers(conn, id)?.check()?;
    diesel::delete(community_rooms::table.filter(community_rooms::id.eq(id))).execute(conn)?;
    Ok(room.building_id.get())
}

/// What still uses a room: the workshops held in it, and sessions moved to it.
pub fn referrers(conn: &mut DbConnection, id: i64) -> Result<Referrers, AppError> {
    use crate::db::schema::{workshop_sessions, workshops};
    let workshops: i64 = workshops::table
        .filter(workshops::room_id.eq(id))
        .count()
        .get_result(conn)?;
    let sessions: i64 = workshop_sessions::table
        .filter(workshop_sessions::room_id.eq(id))
        .count()
        .get_result(conn)?;
    Ok(Referrers::new("err-room-referenced")
        .with("ref-workshops", workshops)
        .with("ref-workshop-sessions", sessions))
}

/// Adds a room to one of the actor's office's buildings (administrators).
pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    building: BuildingId,
    data: &RoomData,
) -> Result<RoomId, AppError> {
    actor.require(Action::ManageRegistry)?;
    insert(conn, actor.office_id.get(), building.get(), data).map(RoomId)
}

/// Changes one of the office's rooms; returns its building.
pub fn change(
    conn: &mut DbConnection,
    actor: &Actor,
    id: RoomId,
    data: &RoomData,
) -> Result<BuildingId, AppError> {
    actor.require(Action::ManageRegistry)?;
    update(conn, actor.office_id.get(), id.get(), data).map(BuildingId)
}

/// Deletes one of the office's rooms (409 while workshops use it); returns its building.
pub fn remove(conn: &mut DbConnection, actor: &Actor, id: RoomId) -> Result<BuildingId, AppError> {
    actor.require(Action::ManageRegistry)?;
    delete(conn, actor.office_id.get(), id.get()).map(BuildingId)
}
