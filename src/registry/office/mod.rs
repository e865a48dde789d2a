//! The signed-in user's own office: its name, region and contact, its privacy officer, and the
//! administration hub that leads to departments, accounts, import and buildings. There is no office
//! id in any URL: an account belongs to exactly one office, so there is nothing another office could
//! reach.

pub mod api;
pub mod input;
pub mod pages;
pub mod queries;
pub mod service;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::offices;

pub use input::{OfficeBody, OfficeInput, SettingsForm};
pub use queries::find;
pub use service::update;

/// An office d'habitation.
#[derive(Debug, Clone, Queryable, Serialize, utoipa::ToSchema)]
pub struct Office {
    pub id: i64,
    pub name: String,
    pub region: String,
    pub contact_email: String,
    pub contact_phone: String,
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub created_at: NaiveDateTime,
}

/// Validated office details.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = offices)]
pub struct OfficeData {
    pub name: String,
    pub region: String,
    pub contact_email: String,
    pub contact_phone: String,
}
