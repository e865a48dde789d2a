//! Account administration: the office's accounts, their roles, language and department. Accounts
//! are never deleted, only disabled, because the journal and later records name their author.
//! `pages` and `api` are the two ways in; both go through the validation and queries below.

pub mod api;
pub mod pages;

use actix_web::web;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::OpenApi;

use super::{password, NewUser};
use crate::db::schema::{departments, users};
use crate::db::{like_escape, now, DbConnection};
use crate::domain::{validate, FieldErrors, Role};
use crate::error::AppError;

pub fn configure(cfg: &mut web::ServiceConfig) {
    pages::configure(cfg);
}

pub fn configure_api(cfg: &mut web::ServiceConfig) {
    api::configure(cfg);
}

pub fn api_doc() -> utoipa::openapi::OpenApi {
    api::Doc::openapi()
}

diesel::define_sql_function!(fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text);

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

#[allow(clippy::type_complexity)]
const ACCOUNT_COLUMNS: (
    users::id,
    users::office_id,
    users::email,
    users::display_name,
    users::role,
    users::language,
    users::department_id,
    users::active,
    users::created_at,
    users::last_login_at,
) = (
    users::id,
    users::office_id,
    users::email,
    users::display_name,
    users::role,
    users::language,
    users::department_id,
    users::active,
    users::created_at,
    users::last_login_at,
);

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

/// The office's departments (id, name), by name: the choice list and the valid references.
pub fn list_departments(
    conn: &mut DbConnection,
    office_id: i64,
) -> Result<Vec<(i64, String)>, AppError> {
    Ok(departments::table
        .filter(departments::office_id.eq(office_id))
        .order((departments::name.asc(), departments::id.asc()))
        .select((departments::id, departments::name))
        .load(conn)?)
}

/// An account with its department's name.
pub type AccountLine = (Account, Option<String>);

/// One page of the office's accounts with their department's name, and the total.
pub fn list(
    conn: &mut DbConnection,
    office_id: i64,
    filter: &UserFilter,
    offset: i64,
    limit: i64,
) -> Result<(Vec<AccountLine>, i64), AppError> {
    let filtered = || {
        let mut query = users::table
            .left_join(departments::table.on(departments::id.nullable().eq(users::department_id)))
            .filter(users::office_id.eq(office_id))
            .into_boxed();
        if let Some(role) = filter.role {
            query = query.filter(users::role.eq(role.as_str()));
        }
        if let Some(active) = filter.active {
            query = query.filter(users::active.eq(active));
        }
        let q = filter.q.trim().to_lowercase();
        if !q.is_empty() {
            let pattern = format!("%{}%", like_escape(&q));
            query = query.filter(
                lower(users::display_name)
                    .like(pattern.clone())
                    .escape('\\')
                    .or(users::email.like(pattern).escape('\\')),
            );
        }
        query
    };
    let total = filtered().count().get_result(conn)?;
    let rows = filtered()
        .order((users::display_name.asc(), users::id.asc()))
        .select((ACCOUNT_COLUMNS, departments::name.nullable()))
        .offset(offset)
        .limit(limit)
        .load(conn)?;
    Ok((rows, total))
}

/// One account of the office; `NotFound` for another office's.
pub fn find(conn: &mut DbConnection, office_id: i64, id: i64) -> Result<Account, AppError> {
    Ok(users::table
        .filter(users::id.eq(id))
        .filter(users::office_id.eq(office_id))
        .select(ACCOUNT_COLUMNS)
        .first(conn)?)
}

/// Creates an account; `hash` is the password already hashed. A taken email is a field error.
pub fn insert(
    conn: &mut DbConnection,
    office_id: i64,
    data: &UserData,
    hash: String,
) -> Result<i64, AppError> {
    super::insert_user(
        conn,
        &NewUser {
            office_id,
            email: data.email.clone(),
            display_name: data.display_name.clone(),
            password_hash: hash,
            role: data.role.as_str().to_owned(),
            language: data.language.clone(),
            department_id: data.department_id,
            active: true,
            demo_password: false,
            created_at: now(),
        },
    )
}

/// Changes an account; `hash` replaces the password when given. Refused (field error) when it
/// would leave the office without an active administrator.
pub fn update(
    conn: &mut DbConnection,
    office_id: i64,
    id: i64,
    data: &UserData,
    hash: Option<String>,
) -> Result<(), AppError> {
    let current = find(conn, office_id, id)?;
    let stays_admin = data.role == Role::Admin && data.active;
    if current.role == Role::Admin.as_str() && current.active && !stays_admin {
        let admins: i64 = users::table
            .filter(users::office_id.eq(office_id))
            .filter(users::role.eq(Role::Admin.as_str()))
            .filter(users::active.eq(true))
            .count()
            .get_result(conn)?;
        if admins <= 1 {
            let mut e = FieldErrors::new();
            e.add(
                if data.role == Role::Admin {
                    "active"
                } else {
                    "role"
                },
                "err-last-admin",
            );
            return Err(e.into());
        }
    }
    diesel::update(users::table.filter(users::id.eq(id)))
        .set((
            users::display_name.eq(&data.display_name),
            users::role.eq(data.role.as_str()),
            users::language.eq(&data.language),
            users::department_id.eq(data.department_id),
            users::active.eq(data.active),
        ))
        .execute(conn)?;
    if let Some(hash) = hash {
        super::set_password(conn, id, &hash)?;
    }
    Ok(())
}

/// Hashes a new password on the blocking pool (argon2 takes tens of milliseconds).
pub async fn hash_password(password: Option<String>) -> Result<Option<String>, AppError> {
    match password {
        None => Ok(None),
        Some(pw) => Ok(Some(
            web::block(move || password::hash(&pw))
                .await?
                .map_err(AppError::Internal)?,
        )),
    }
}
