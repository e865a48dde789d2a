//! Reading the office's rooms.

use diesel::prelude::*;

use super::Room;
use crate::access::Actor;
use crate::db::schema::{buildings, community_rooms};
use crate::db::DbConnection;
use crate::domain::ids::RoomId;
use crate::domain::roles::Action;
use crate::error::AppError;

/// The rooms of one of the office's buildings, by name; `NotFound` for another office's building.
pub fn list_for_building(
    conn: &mut DbConnection,
    office_id: i64,
    building_id: i64,
) -> Result<Vec<Room>, AppError> {
    crate::registry::buildings::find(conn, office_id, building_id)?;
    Ok(community_rooms::table
        .filter(community_rooms::building_id.eq(building_id))
        .filter(community_rooms::office_id.eq(office_id))
        .order((community_rooms::name.asc(), community_rooms::id.asc()))
        .load(conn)?)
}

/// One room of the office; `NotFound` for another office's.
pub fn find(conn: &mut DbConnection, office_id: i64, id: i64) -> Result<Room, AppError> {
    Ok(community_rooms::table
        .filter(community_rooms::id.eq(id))
        .filter(community_rooms::office_id.eq(office_id))
        .first(conn)?)
}

/// One room of the office with its building's name, in one query (the edit page's breadcrumb).
pub fn find_with_building(
    conn: &mut DbConnection,
    office_id: i64,
    id: i64,
) -> Result<(Room, String), AppError> {
    Ok(community_rooms::table
        .inner_join(buildings::table)
        .filter(community_rooms::id.eq(id))
        .filter(community_rooms::office_id.eq(office_id))
        .select((community_rooms::all_columns, buildings::name))
        .first(conn)?)
}

/// One room of the actor's office.
pub fn get(conn: &mut DbConnection, actor: &Actor, id: RoomId) -> Result<Room, AppError> {
    actor.require(Action::ReadRegistry)?;
    find(conn, actor.office_id.get(), id.get())
}
