//! The register of people's requests about their own information (access, rectification…): when
//! it was received, who asked, about which tenant (if one), what, the deadline the law sets (20
//! days after receipt), where it stands and when it was answered. Overdue requests are marked.
//! Administrators only; pages, API and CSV. The answer to an access request is usually the
//! tenant's archive (`privacy::export`).

pub mod api;
mod export;
pub mod input;
pub mod pages;
pub mod queries;
pub mod service;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::access_requests;
use crate::domain::ids::{AccessRequestId, OfficeId, TenantId, UserId};

pub use input::{AccessRequestBody, AccessRequestData, AccessRequestForm};

/// Days the law gives to answer, from receipt.
pub const DEADLINE_DAYS: u64 = 20;

crate::text_enum! {
    /// What the person asks for.
    pub enum Ask {
        /// A copy of the information held.
        Access = "access",
        Rectification = "rectification",
        /// Deletion or de-indexing.
        Deletion = "deletion",
        /// The information in a structured, commonly used format.
        Portability = "portability",
        Other = "other",
    }
}

crate::text_enum! {
    pub enum Status {
        Received = "received",
        InProgress = "in_progress",
        Answered = "answered",
        Refused = "refused",
    }
}

impl Status {
    /// Answered or refused: the deadline no longer runs.
    pub fn is_closed(self) -> bool {
        matches!(self, Status::Answered | Status::Refused)
    }
}

/// A request as stored.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = access_requests)]
pub struct AccessRequest {
    pub id: AccessRequestId,
    pub office_id: OfficeId,
    pub received_on: NaiveDate,
    /// Who asked (the person, or who acts for them).
    pub requester: String,
    /// The tenant the request is about, when one of the office's.
    pub tenant_id: Option<TenantId>,
    pub kind: Ask,
    pub details: String,
    /// Received + 20 days.
    pub due_on: NaiveDate,
    pub status: Status,
    pub answered_on: Option<NaiveDate>,
    pub created_by: UserId,
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub updated_at: NaiveDateTime,
}

impl AccessRequest {
    /// Still open after its deadline on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        !self.status.is_closed() && self.due_on < today
    }
}

/// The deadline of a request received on `day`.
pub fn due_on(day: NaiveDate) -> NaiveDate {
    day + chrono::Days::new(DEADLINE_DAYS)
}

/// A row to insert.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = access_requests, treat_none_as_default_value = false)]
pub struct NewAccessRequest {
    pub office_id: OfficeId,
    pub received_on: NaiveDate,
    pub requester: String,
    pub tenant_id: Option<TenantId>,
    pub kind: Ask,
    pub details: String,
    pub due_on: NaiveDate,
    pub status: Status,
    pub answered_on: Option<NaiveDate>,
    pub created_by: UserId,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}
