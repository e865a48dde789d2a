//! Account administration: the office's accounts, their roles, language and department. Accounts
//! are never deleted, only disabled, because the journal and later records name their author.
//! `list`, `pages` and `api` are the ways in; all go through the validation below and `store`.

pub mod api;
pub mod list;
pub mod pages;
mod scope;
mod store;

use actix_web::web;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::OpenApi;

pub use store::{find, hash_password, insert, list, list_departments, update, AccountLine};

use super::password;
use crate::domain::{validate, FieldErrors, Role};

pub fn configure(cfg: &mut web::ServiceConfig) {
    list::configure(cfg);
    pages::configure(cfg);
    scope::configure(cfg);
}

pub fn configure_api(cfg: &mut web::ServiceConfig) {
    api::configure(cfg);
}

pub fn api_doc() -> utoipa::openapi::OpenApi {
    api::Doc::openapi()
}

/// The languages an account may choose.
pub const LANGUAGES: [&str; 2] = ["fr", "en"];

/// An account as pages show it and the API returns it: never its password hash.
#[derive(Debug, Clone, Queryable, Serialize, utoipa::ToSchema)]
pub struct Account {
    pub id: i64,
    pub office_id: i64,
    pub email: String,
    pub display_name: String,
    /// admin, isc, staff, committee or tenant
    pub role: String,
    /// fr or en
    pub language: String,
    /// The department (role staff only).
    pub department_id: Option<i64>,
    pub active: bool,
    pub created_at: NaiveDateTime,
    pub last_login_at: Option<NaiveDateTime>,
}

/// What the account list is narrowed to.
#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    /// Part of the name or email, matched with `lower(..) LIKE`: case folds fully on PostgreSQL and
    /// for ASCII letters on SQLite. Accounts are few per office, so no folded column is kept.
    pub q: String,
    pub role: Option<Role>,
    pub active: Option<bool>,
}

/// An account as submitted, every field a string (forms) or converted from JSON (API).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct UserInput {
    pub display_name: Option<String>,
    pub email: Option<String>,
    pub role: Option<String>,
    pub language: Option<String>,
    pub department_id: Option<String>,
    pub active: Option<String>,
    #[serde(skip_serializing)]
    pub password: Option<String>,
    #[serde(skip_serializing)]
    pub password_confirm: Option<String>,
}

/// Whose account a submission is about: a new one, or an existing one (perhaps the admin's own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    New,
    Existing { is_self: bool },
}

/// A validated account. `email` is only used on creation (it is the sign-in name and stays fixed).
#[derive(Debug, Clone)]
pub struct UserData {
    pub display_name: String,
    pub email: String,
    pub role: Role,
    pub language: String,
    pub department_id: Option<i64>,
    pub active: bool,
    /// The new password in clear, to hash off the async workers; `None` keeps the current one.
    pub password: Option<String>,
}

impl UserInput {
    /// Checks the submission; `departments` are the ids of the office's departments.
    pub fn validate(&self, target: Target, departments: &[i64]) -> Result<UserData, FieldErrors> {
        let mut e = FieldErrors::new();
        let display_name = validate::required(
            &mut e,
            "display_name",
            self.display_name.as_deref().unwrap_or(""),
            200,
        );
        let email = match target {
            Target::New => validate::email(&mut e, "email", self.email.as_deref(), true),
            Target::Existing { .. } => String::new(),
        };
        let roles: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
        let role = validate::choice(&mut e, "role", self.role.as_deref(), &roles, None);
        let role = Role::parse(role).unwrap_or(Role::Isc);
        let language = validate::choice(
            &mut e,
            "language",
            self.language.as_deref(),
            &LANGUAGES,
            Some("fr"),
        )
        .to_owned();
        let department_id = department(&mut e, role, self.department_id.as_deref(), departments);
        let active = match target {
            Target::New => true,
            Target::Existing { .. } => validate::checkbox(self.active.as_deref()),
        };
        if let Target::Existing { is_self: true } = target {
            // An administrator cannot lock themself out; another admin has to do it.
            if role != Role::Admin {
                e.add("role", "err-cannot-demote-self");
            }
            if !active {
                e.add("active", "err-cannot-disable-self");
            }
        }
        let pw = self.password.clone().unwrap_or_default();
        let password = if target == Target::New || !pw.is_empty() {
            let confirm = self.password_confirm.as_deref().unwrap_or("");
            password::check_new(&mut e, "password", &pw, confirm);
            Some(pw)
        } else {
            None
        };
        e.into_result(UserData {
            display_name,
            email,
            role,
            language,
            department_id,
            active,
            password,
        })
    }

    pub fn from_account(a: &Account) -> Self {
        UserInput {
            display_name: Some(a.display_name.clone()),
            email: Some(a.email.clone()),
            role: Some(a.role.clone()),
            language: Some(a.language.clone()),
            department_id: a.department_id.map(|d| d.to_string()),
            active: a.active.then(|| "on".to_owned()),
            password: None,
            password_confirm: None,
        }
    }
}

/// A department only means something for office staff (it routes requests to them); for other
/// roles it is dropped. One of another office is an unknown reference.
fn department(e: &mut FieldErrors, role: Role, value: Option<&str>, known: &[i64]) -> Option<i64> {
    let v = value.unwrap_or("").trim();
    if role != Role::Staff || v.is_empty() {
        return None;
    }
    match v.parse::<i64>() {
        Ok(id) if known.contains(&id) => Some(id),
        _ => {
            e.add("department_id", "err-unknown-reference");
            None
        }
    }
}
