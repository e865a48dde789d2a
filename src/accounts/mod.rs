//! Offices' people: accounts, sign-in and sign-out, one's own account (language, password, API
//! tokens), and account administration ([`users`]). Accounts are never deleted, only disabled,
//! because the journal and later records name their author.
//!
//! Who a request is, and what it may see, is `crate::access`'s business (sessions, bearer tokens,
//! the `Actor`); this capability checks passwords, writes accounts and issues tokens. A new office
//! with its administrator is made by `crate::setup`, which also adds the office's defaults from
//! other capabilities.

pub mod api;
pub mod input;
pub mod pages;
pub mod password;
pub mod queries;
pub mod service;
pub mod users;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::{api_tokens, users as users_table};
use crate::domain::ids::{DepartmentId, OfficeId, TokenId, UserId};
use crate::domain::roles::Role;

/// The languages an account may choose.
pub const LANGUAGES: [&str; 2] = ["fr", "en"];

/// An account as pages show it and the API returns it: never its password hash.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = users_table)]
pub struct Account {
    pub id: UserId,
    pub office_id: OfficeId,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// fr or en
    pub language: String,
    /// The department (role staff only).
    pub department_id: Option<DepartmentId>,
    pub active: bool,
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::domain::instant::utc_option")]
    pub last_login_at: Option<NaiveDateTime>,
}

/// An account to insert: what the services write, and what the demo generator loads in bulk.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = users_table, treat_none_as_default_value = false)]
pub struct NewUser {
    pub office_id: OfficeId,
    /// Stored trimmed and in lower case: sign-in compares it so.
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub role: Role,
    pub language: String,
    pub department_id: Option<DepartmentId>,
    pub active: bool,
    /// Set by the demo generator: production refuses to start while an active account has it.
    pub demo_password: bool,
    pub created_at: NaiveDateTime,
}

/// An API token as its owner sees it in lists (never the secret, never its digest).
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = api_tokens)]
pub struct ApiToken {
    pub id: TokenId,
    pub name: String,
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::domain::instant::utc_option")]
    pub last_used_at: Option<NaiveDateTime>,
}

/// A token to insert: the secret itself is never stored, only `crate::access::token_digest` of it.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = api_tokens)]
pub struct NewToken {
    pub office_id: OfficeId,
    pub user_id: UserId,
    pub name: String,
    pub token_hash: String,
    pub created_at: NaiveDateTime,
}
