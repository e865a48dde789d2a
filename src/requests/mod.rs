//! Pole 1, tenant service: requests (demandes / signalements). A tenant, an ISC, department staff or a
//! committee member records a request for a building (a dwelling and a tenant optionally); its
//! [`categories`] route it to a department with a response target per urgency. The request then
//! follows the [`lifecycle`]; every step and comment is an event with who and when. Many reports of
//! one problem link to one building-level request; closing as "not ours" requires a referral; a few
//! weeks after resolution the tenant is asked whether it really is fixed ([`jobs`]).
//!
//! Who sees what is the actor's scope of `Resource::Requests`: admins and ISCs the whole office,
//! staff their department's requests, committee members their buildings', tenants their own.
//! Everything else answers 404.
//!
//! Rows and insert structs here; [`input`] parses submissions once, [`queries`] reads within the
//! actor's scope, [`service`] holds the rules and writes, [`mail`] the messages, [`pages`] and
//! [`api`] are thin handlers whose paths `routes/requests.rs` lists.

pub mod api;
pub mod categories;
mod export;
pub mod input;
pub mod jobs;
pub mod lifecycle;
pub mod mail;
pub mod pages;
pub mod photos;
pub mod queries;
pub mod service;
pub mod sight;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::{request_events, request_photos, requests};
use crate::domain::ids::{
    BuildingId, CategoryId, DepartmentId, DwellingId, OfficeId, RequestId, TenantId, UserId,
};
use crate::domain::roles::Audience;

pub use lifecycle::{Status, Step, Urgency};

/// Longest description or comment, in characters.
pub const TEXT_MAX: usize = 4000;

crate::text_enum! {
    /// What a request event records.
    pub enum EventKind {
        Created = "created",
        Step = "step",
        Comment = "comment",
        Link = "link",
        /// The tenant answered the follow-up: fixed.
        FollowupYes = "followup_yes",
        /// The tenant answered the follow-up: not fixed (the request is reopened).
        FollowupNo = "followup_no",
    }
}

crate::text_enum! {
    /// The tenant's answer to the follow-up question.
    pub enum FollowupAnswer {
        /// Not answered (or not asked).
        Pending = "",
        Fixed = "yes",
        NotFixed = "no",
    }
}

/// A request as stored.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = requests)]
pub struct Request {
    pub id: RequestId,
    pub office_id: OfficeId,
    pub building_id: BuildingId,
    pub dwelling_id: Option<DwellingId>,
    pub tenant_id: Option<TenantId>,
    pub category_id: CategoryId,
    pub department_id: Option<DepartmentId>,
    pub urgency: Urgency,
    pub description: String,
    pub status: Status,
    /// The building-level request this one is linked under.
    pub parent_id: Option<RequestId>,
    /// The accompanying ISC.
    pub isc_id: Option<UserId>,
    pub created_by: UserId,
    /// When the response target is passed.
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub due_at: NaiveDateTime,
    #[serde(serialize_with = "crate::domain::instant::utc_option")]
    pub resolved_at: Option<NaiveDateTime>,
    #[serde(serialize_with = "crate::domain::instant::utc_option")]
    pub closed_at: Option<NaiveDateTime>,
    pub referral_resource: String,
    pub referral_contact: String,
    pub referral_told: String,
    #[serde(skip)]
    pub followup_token: Option<String>,
    #[serde(serialize_with = "crate::domain::instant::utc_option")]
    pub followup_sent_at: Option<NaiveDateTime>,
    pub followup_answer: FollowupAnswer,
    /// Send it back with every change; a stale one answers 409.
    pub version: i32,
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub updated_at: NaiveDateTime,
}

impl Request {
    /// About a tenant or a dwelling: personal information, whose reads are logged (a
    /// building-level issue is not).
    pub fn is_personal(&self) -> bool {
        self.tenant_id.is_some() || self.dwelling_id.is_some()
    }

    /// Open and past its response target at `now`.
    pub fn is_late(&self, now: NaiveDateTime) -> bool {
        self.status.is_open() && self.due_at < now
    }
}

/// A request to insert: what [`service::create`] writes, and (with explicit ids) what the demo
/// generator loads in bulk.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = requests, treat_none_as_default_value = false)]
pub struct NewRequest<'a> {
    pub office_id: OfficeId,
    pub building_id: BuildingId,
    pub dwelling_id: Option<DwellingId>,
    pub tenant_id: Option<TenantId>,
    pub category_id: CategoryId,
    pub department_id: Option<DepartmentId>,
    pub urgency: Urgency,
    pub description: &'a str,
    pub status: Status,
    pub parent_id: Option<RequestId>,
    pub isc_id: Option<UserId>,
    pub created_by: UserId,
    pub due_at: NaiveDateTime,
    pub resolved_at: Option<NaiveDateTime>,
    pub closed_at: Option<NaiveDateTime>,
    pub followup_sent_at: Option<NaiveDateTime>,
    pub followup_answer: FollowupAnswer,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A step or comment to insert (the service's, and the demo generator's in bulk).
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = request_events, treat_none_as_default_value = false)]
pub struct NewEvent<'a> {
    pub request_id: RequestId,
    pub office_id: OfficeId,
    pub kind: EventKind,
    /// The status before a step, or empty.
    pub from_status: &'static str,
    /// The status after a step, or empty.
    pub to_status: &'static str,
    pub body: &'a str,
    /// True exactly when `audience` is the tenant.
    pub visible_to_tenant: bool,
    /// None: the tenant, through a follow-up link.
    pub author_id: Option<UserId>,
    pub created_at: NaiveDateTime,
    /// Who reads it.
    pub audience: Audience,
}

impl<'a> NewEvent<'a> {
    /// An event of `kind` on `r`, visible to the tenant, without change or text.
    pub fn on(r: &Request, kind: EventKind, author_id: Option<UserId>, at: NaiveDateTime) -> Self {
        NewEvent {
            request_id: r.id,
            office_id: r.office_id,
            kind,
            from_status: "",
            to_status: "",
            body: "",
            visible_to_tenant: true,
            author_id,
            created_at: at,
            audience: Audience::Tenant,
        }
    }

    /// The event records a change of status.
    pub fn change(self, from: Status, to: Status) -> Self {
        NewEvent {
            from_status: from.as_str(),
            to_status: to.as_str(),
            ..self
        }
    }

    /// The event carries `body`, read by `audience`.
    pub fn body(self, body: &'a str, audience: Audience) -> Self {
        NewEvent {
            body,
            visible_to_tenant: audience == Audience::Tenant,
            audience,
            ..self
        }
    }
}

/// A photo's file as recorded (the bytes are on disk under `uploads.dir`).
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = request_photos)]
pub struct NewPhoto<'a> {
    pub request_id: RequestId,
    pub office_id: OfficeId,
    pub stored_name: &'a str,
    pub content_type: &'static str,
    pub size_bytes: i32,
    pub uploaded_by: UserId,
    pub created_at: NaiveDateTime,
}
