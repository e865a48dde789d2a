//! Buildings (immeubles): the registry's backbone. The row and its validated data here; [`input`]
//! parses forms and JSON, [`queries`] reads the actor's office, [`service`] writes (and refuses to
//! delete a building others still refer to, naming them), [`pages`] and [`api`] are the two ways
//! in, [`export`] the spreadsheet.

pub mod api;
mod export;
pub mod input;
pub mod pages;
pub mod queries;
pub mod service;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::buildings;
use crate::domain::ids::{BuildingId, OfficeId};

pub use input::{BuildingApiQuery, BuildingBody, BuildingInput, BuildingQuery};
pub use queries::{find, list_all, names};
pub use service::insert;

/// Who a building is for (the codes of [`Clientele`]).
pub const CLIENTELES: [&str; 4] = ["familles", "aines", "personnes_seules", "mixte"];

crate::text_enum! {
    /// Who a building is for.
    pub enum Clientele {
        Familles = "familles",
        Aines = "aines",
        PersonnesSeules = "personnes_seules",
        /// The default.
        Mixte = "mixte",
    }
}

#[derive(Debug, Clone, Queryable, Serialize, utoipa::ToSchema)]
pub struct Building {
    pub id: BuildingId,
    pub office_id: OfficeId,
    pub name: String,
    pub address: String,
    pub municipality: String,
    pub postal_code: String,
    pub dwelling_count: i32,
    /// familles, aines, personnes_seules or mixte
    pub clientele: Clientele,
    #[serde(skip)]
    pub search_text: String,
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub updated_at: NaiveDateTime,
}

/// A validated building.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = buildings)]
pub struct BuildingData {
    pub name: String,
    pub address: String,
    pub municipality: String,
    pub postal_code: String,
    pub dwelling_count: i32,
    pub clientele: Clientele,
    pub search_text: String,
}

/// A building to insert: what [`service::insert`] writes, and what the demo generator loads in
/// bulk (with an explicit id).
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = buildings, treat_none_as_default_value = false)]
pub struct NewBuilding {
    pub office_id: OfficeId,
    pub name: String,
    pub address: String,
    pub municipality: String,
    pub postal_code: String,
    pub dwelling_count: i32,
    pub clientele: Clientele,
    pub search_text: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl NewBuilding {
    /// The validated `data` of a new building of `office`, made at `at`.
    pub fn of(office: OfficeId, data: BuildingData, at: NaiveDateTime) -> NewBuilding {
        NewBuilding {
            office_id: office,
            name: data.name,
            address: data.address,
            municipality: data.municipality,
            postal_code: data.postal_code,
            dwelling_count: data.dwelling_count,
            clientele: data.clientele,
            search_text: data.search_text,
            created_at: at,
            updated_at: at,
        }
    }
}
