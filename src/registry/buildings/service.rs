//! Writing buildings: create, change, and delete — refused, naming them, while dwellings,
//! requests, journal entries or workshops still refer to the building. Runs inside the caller's
//! transaction.

use diesel::dsl::count_star;
use diesel::prelude::*;

use super::{queries, BuildingData, NewBuilding};
use crate::access::Actor;
use crate::db::schema::{
    buildings, community_rooms, dwellings, journal_entries, requests, workshop_sessions, workshops,
};
use crate::db::{now, DbConnection};
use crate::domain::ids::{BuildingId, OfficeId};
use crate::domain::roles::Action;
use crate::error::{AppError, Referrers};

/// Inserts a validated building into `office_id`'s registry (the import and the tests use it
/// directly); returns its id.
pub fn insert(
    conn: &mut DbConnection,
    office_id: i64,
    data: &BuildingData,
) -> Result<i64, AppError> {
    let row = NewBuilding::of(OfficeId(office_id), data.clone(), now());
    Ok(diesel::insert_into(buildings::table)
        .values(&row)
        .returning(buildings::id)
        .get_result(conn)?)
}

/// Creates a building in the actor's office.
pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    data: &BuildingData,
) -> Result<BuildingId, AppError> {
    actor.require(Action::ManageRegistry)?;
    insert(conn, actor.office_id.get(), data).map(BuildingId)
}

/// Replaces the details of one of the office's buildings.
pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    id: BuildingId,
    data: &BuildingData,
) -> Result<(), AppError> {
    actor.require(Action::ManageRegistry)?;
    let n = diesel::update(
        buildings::table
            .filter(buildings::id.eq(id))
            .filter(buildings::office_id.eq(actor.office_id)),
    )
    .set((data, buildings::updated_at.eq(now())))
    .execute(conn)?;
    if n == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// What still refers to a building: its dwellings, requests, journal entries, and workshops held
/// in it or in its rooms (its rooms themselves go with it).
pub fn referrers(conn: &mut DbConnection, id: BuildingId) -> Result<Referrers, AppError> {
    let rooms = || {
        community_rooms::table
            .filter(community_rooms::building_id.eq(id))
            .select(community_rooms::id.nullable())
    };
    let dwellings: i64 = dwellings::table
        .filter(dwellings::building_id.eq(id))
        .select(count_star())
        .first(conn)?;
    let requests: i64 = requests::table
        .filter(requests::building_id.eq(id))
        .select(count_star())
        .first(conn)?;
    let entries: i64 = journal_entries::table
        .filter(journal_entries::building_id.eq(id))
        .select(count_star())
        .first(conn)?;
    let workshops: i64 = workshops::table
        .filter(
            workshops::building_id
                .eq(id)
                .or(workshops::room_id.eq_any(rooms())),
        )
        .select(count_star())
        .first(conn)?;
    let sessions: i64 = workshop_sessions::table
        .filter(
            workshop_sessions::building_id
                .eq(id)
                .or(workshop_sessions::room_id.eq_any(rooms())),
        )
        .select(count_star())
        .first(conn)?;
    Ok(Referrers::new("err-building-referenced")
        .with("ref-dwellings", dwellings)
        .with("ref-requests", requests)
        .with("ref-journal-entries", entries)
        .with("ref-workshops", workshops)
        .with("ref-workshop-sessions", sessions))
}

/// Deletes one of the office's buildings with its rooms; while anything else still refers to it,
/// a conflict that names what does, and nothing is deleted.
pub fn delete(conn: &mut DbConnection, actor: &Actor, id: BuildingId) -> Result<(), AppError> {
    actor.require(Action::ManageRegistry)?;
    queries::find(conn, actor.office_id.get(), id.get())?;
    referrers(conn, id)?.check()?;
    diesel::delete(community_rooms::table.filter(community_rooms::building_id.eq(id)))
        .execute(conn)?;
    diesel::delete(buildings::table.filter(buildings::id.eq(id))).execute(conn)?;
    Ok(())
}
