//! The register of confidentiality incidents (Law 25, s. 3.8): what happened, when it occurred and
//! was discovered, which information, how many people, the risk of serious harm assessed, when the
//! Commission d'accès à l'information and the people concerned were told, and the measures taken.
//! Administrators only; pages, API and CSV.

pub mod api;
mod export;
pub mod input;
pub mod pages;
pub mod queries;
pub mod service;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::privacy_incidents;
use crate::domain::ids::{IncidentId, OfficeId, UserId};

pub use input::{IncidentBody, IncidentData, IncidentForm};

crate::text_enum! {
    /// The risk of harm to the people concerned, as assessed.
    pub enum Risk {
        Low = "low",
        Medium = "medium",
        /// A risk of serious harm: the Commission and the people must be told promptly.
        Serious = "serious",
    }
}

/// An incident as stored.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = privacy_incidents)]
pub struct Incident {
    pub id: IncidentId,
    pub office_id: OfficeId,
    /// What happened.
    pub summary: String,
    pub occurred_on: Option<NaiveDate>,
    pub discovered_on: NaiveDate,
    /// Which personal information was concerned.
    pub information: String,
    pub people_affected: i32,
    pub risk: Risk,
    pub commission_notified_on: Option<NaiveDate>,
    pub people_notified_on: Option<NaiveDate>,
    pub measures: String,
    pub created_by: UserId,
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub updated_at: NaiveDateTime,
}

/// A row to insert.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = privacy_incidents, treat_none_as_default_value = false)]
pub struct NewIncident {
    pub office_id: OfficeId,
    pub summary: String,
    pub occurred_on: Option<NaiveDate>,
    pub discovered_on: NaiveDate,
    pub information: String,
    pub people_affected: i32,
    pub risk: Risk,
    pub commission_notified_on: Option<NaiveDate>,
    pub people_notified_on: Option<NaiveDate>,
    pub measures: String,
    pub created_by: UserId,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}
