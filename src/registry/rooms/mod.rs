//! Community rooms (salles communautaires) of a building: where workshops and assemblies are held.
//! A room belongs to its building for good; it is created from the building's page.

pub mod api;
pub mod pages;

use actix_web::web;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::OpenApi;

use crate::db::schema::{buildings, community_rooms};
use crate::db::{now, DbConnection};
use crate::domain::{validate, FieldErrors};
use crate::error::AppError;

pub fn configure(cfg: &mut web::ServiceConfig) {
    pages::configure(cfg);
}

pub fn configure_api(cfg: &mut web::ServiceConfig) {
    api::configure(cfg);
}

pub fn api_doc() -> utoipa::openapi::OpenApi {
    api::Doc::openapi()
}

/// A community room.
#[derive(Debug, Clone, Queryable, Serialize, utoipa::ToSchema)]
pub struct Room {
    pub id: i64,
    pub office_id: i64,
    pub building_id: i64,
    pub name: String,
    pub capacity: i32,
    /// Accessible to people with reduced mobility.
    pub accessible: bool,
    pub created_at: NaiveDateTime,
}

/// A room as submitted.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct RoomInput {
    pub name: Option<String>,
    pub capacity: Option<String>,
    /// A checkbox: present (and not "false") means accessible.
    pub accessible: Option<String>,
}

/// A validated room.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = community_rooms)]
pub struct RoomData {
    pub name: String,
    pub capacity: i32,
    pub accessible: bool,
}

impl RoomInput {
    pub fn validate(&self) -> Result<RoomData, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = validate::required(&mut e, "name", self.name.as_deref().unwrap_or(""), 120);
        let capacity =
            validate::integer(&mut e, "capacity", self.capacity.as_deref(), 1, 1000, None) as i32;
        let accessible = validate::checkbox(self.accessible.as_deref());
        e.into_result(RoomData {
            name,
            capacity,
            accessible,
        })
    }

    pub fn from_room(r: &Room) -> Self {
        RoomInput {
            name: Some(r.name.clone()),
            capacity: Some(r.capacity.to_string()),
            accessible: r.accessible.then(|| "on".to_owned()),
        }
    }
}

/// The rooms of one of the office's buildings, by name; `NotFound` for another office's building.
pub fn list_for_building(
    conn: &mut DbConnection,
    office_id: i64,
    building_id: i64,
) -> Result<Vec<Room>, AppError> {
    super::buildings::find(conn, office_id, building_id)?;
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

/// Adds a room to one of the office's buildings; `NotFound` for another office's building.
pub fn insert(
    conn: &mut DbConnection,
    office_id: i64,
    building_id: i64,
    data: &RoomData,
) -> Result<i64, AppError> {
    super::buildings::find(conn, office_id, building_id)?;
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
    Ok(room.building_id)
}

/// Deletes a room; returns its building's id.
pub fn delete(conn: &mut DbConnection, office_id: i64, id: i64) -> Result<i64, AppError> {
    let room = find(conn, office_id, id)?;
    diesel::delete(community_rooms::table.filter(community_rooms::id.eq(id))).execute(conn)?;
    Ok(room.building_id)
}
