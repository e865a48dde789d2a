//! Community rooms (salles communautaires) of a building: where workshops and assemblies are held.
//! A room belongs to its building for good; it is created from the building's page. The row here;
//! [`input`] parses forms and JSON, [`queries`] reads, [`service`] writes (and refuses to delete a
//! room workshops still use, naming them), [`pages`] and [`api`] are the ways in.

pub mod api;
pub mod input;
pub mod pages;
pub mod queries;
pub mod service;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::community_rooms;
use crate::domain::ids::{BuildingId, OfficeId, RoomId};

pub use input::{RoomBody, RoomInput};
pub use queries::{find, find_with_building, list_for_building};
pub use service::{delete, insert, update};

/// A community room.
#[derive(Debug, Clone, Queryable, Serialize, utoipa::ToSchema)]
pub struct Room {
    pub id: RoomId,
    pub office_id: OfficeId,
    pub building_id: BuildingId,
    pub name: String,
    pub capacity: i32,
    /// Accessible to people with reduced mobility.
    pub accessible: bool,
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub created_at: NaiveDateTime,
}

/// A validated room.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = community_rooms)]
pub struct RoomData {
    pub name: String,
    pub capacity: i32,
    pub accessible: bool,
}
