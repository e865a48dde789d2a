//! Pole 1, tenant service: requests (demandes / signalements). A tenant, an ISC, department staff or a
//! committee member records a request for a building (a dwelling and a tenant optionally); its
//! category routes it to a department with a response target per urgency. The request then follows
//! the [`lifecycle`]; every step and comment is an event with who and when. Many reports of one problem
//! link to one building-level request; closing as "not ours" requires a referral; a few weeks after
//! resolution the tenant is asked whether it really is fixed ([`jobs`]).
//!
//! Who sees what ([`Viewer`]): admins and ISCs the whole office, staff their department's requests,
//! committee members their buildings', tenants their own. Everything else answers 404.

pub mod api;
pub mod categories;
pub mod filter;
mod form;
pub mod jobs;
pub mod lifecycle;
mod mail;
mod overview;
pub mod pages;
pub mod photos;
pub mod service;
mod show;
pub mod store;

use actix_web::web;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;
use utoipa::OpenApi;

use crate::db::schema::users;
use crate::db::DbConnection;
use crate::domain::roles::{Action, Role};
use crate::error::AppError;
use crate::web::CurrentUser;

pub use filter::{RequestFilter, RequestQuery};
pub use lifecycle::{Status, Step, Urgency};

pub fn configure(cfg: &mut web::ServiceConfig) {
    pages::configure(cfg);
    categories::configure(cfg);
    photos::configure(cfg);
    jobs::configure(cfg);
}

pub fn configure_api(cfg: &mut web::ServiceConfig) {
    api::configure(cfg);
}

pub fn api_docs() -> Vec<utoipa::openapi::OpenApi> {
    vec![api::Doc::openapi()]
}

/// The source name of journal entries written by requests.
pub const JOURNAL_SOURCE: &str = "request";

/// Longest description or comment, in characters.
pub const TEXT_MAX: usize = 4000;

/// A request as stored.
#[derive(Debug, Clone, Queryable, Serialize, utoipa::ToSchema)]
pub struct Request {
    pub id: i64,
    pub office_id: i64,
    pub building_id: i64,
    pub dwelling_id: Option<i64>,
    pub tenant_id: Option<i64>,
    pub category_id: i64,
    pub department_id: Option<i64>,
    /// low, normal, urgent
    pub urgency: String,
    pub description: String,
    /// new, routed, in_progress, waiting, resolved, closed
    pub status: String,
    /// The building-level request this one is linked under.
    pub parent_id: Option<i64>,
    /// The accompanying ISC.
    pub isc_id: Option<i64>,
    pub created_by: i64,
    /// When the response target is passed.
    pub due_at: NaiveDateTime,
    pub resolved_at: Option<NaiveDateTime>,
    pub closed_at: Option<NaiveDateTime>,
    pub referral_resource: String,
    pub referral_contact: String,
    pub referral_told: String,
    #[serde(skip)]
    pub followup_token: Option<String>,
    pub followup_sent_at: Option<NaiveDateTime>,
    /// "", yes or no
    pub followup_answer: String,
    /// Send it back with every change; a stale one answers 409.
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Request {
    pub fn status(&self) -> Status {
        Status::parse(&self.status).unwrap_or(Status::New)
    }

    /// Open and past its response target at `now`.
    pub fn is_late(&self, now: NaiveDateTime) -> bool {
        self.status().is_open() && self.due_at < now
    }
}

/// Which requests an account may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Admins and ISCs: the whole office.
    Office,
    /// Staff: their department's requests (and those they recorded).
    Department(Option<i64>),
    /// Committee members: the buildings assigned to the account (user_buildings).
    Buildings,
    /// Tenants: their own (users.tenant_id).
    Tenant(Option<i64>),
}

/// Who is looking, with what they may see and do.
#[derive(Debug, Clone, Copy)]
pub struct Viewer {
    pub office_id: i64,
    pub user_id: i64,
    pub role: Role,
    pub scope: Scope,
}

impl Viewer {
    /// The viewer for `user`; a tenant account's tenant is read from the database.
    pub fn load(conn: &mut DbConnection, user: &CurrentUser) -> Result<Viewer, AppError> {
        let scope = match user.role {
            Role::Admin | Role::Isc => Scope::Office,
            Role::Staff => Scope::Department(user.department_id),
            Role::Committee => Scope::Buildings,
            Role::Tenant => Scope::Tenant(
                users::table
                    .find(user.id)
                    .select(users::tenant_id)
                    .first::<Option<i64>>(conn)?,
            ),
        };
        Ok(Viewer {
            office_id: user.office_id,
            user_id: user.id,
            role: user.role,
            scope,
        })
    }

    /// May take lifecycle steps, link requests and write internal comments.
    pub fn handles(&self) -> bool {
        self.role.can(Action::HandleRequests)
    }
}
