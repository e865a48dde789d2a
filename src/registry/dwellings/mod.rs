//! Dwellings (logements) of a building: door number, bedrooms, adapted for reduced mobility. Tenants
//! live in them. A door number is unique within its building; a dwelling does not move between
//! buildings. The row here; [`input`] parses forms and JSON, [`queries`] reads, [`service`] writes
//! (and refuses to delete a dwelling tenants or requests still refer to, naming them), [`pages`]
//! and [`api`] are the ways in, [`export`] the spreadsheet.

pub mod api;
mod export;
pub mod input;
pub mod pages;
pub mod queries;
pub mod service;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::dwellings;
use crate::domain::ids::{BuildingId, DwellingId, OfficeId};

pub use input::{DwellingBody, DwellingInput, DwellingListQuery};
pub use queries::{find, find_with_building, list, list_for_export, ExportLine};
pub use service::{delete, insert, referrers, update};

/// A dwelling.
#[derive(Debug, Clone, Queryable, Serialize, utoipa::ToSchema)]
pub struct Dwelling {
    pub id: DwellingId,
    pub office_id: OfficeId,
    pub building_id: BuildingId,
    /// Door number, unique within the building.
    pub number: String,
    pub bedrooms: i32,
    /// Adapted for reduced mobility.
    pub adapted: bool,
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub created_at: NaiveDateTime,
}

/// A validated dwelling.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = dwellings)]
pub struct DwellingData {
    pub number: String,
    pub bedrooms: i32,
    pub adapted: bool,
}

/// A dwelling to insert: what [`service::insert`] writes, and what the demo generator loads in
/// bulk (with an explicit id).
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = dwellings, treat_none_as_default_value = false)]
pub struct NewDwelling {
    pub office_id: OfficeId,
    pub building_id: BuildingId,
    pub number: String,
    pub bedrooms: i32,
    pub adapted: bool,
    pub created_at: NaiveDateTime,
}
