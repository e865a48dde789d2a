//! Offices' people: accounts, sign-in, the first-run setup, and API tokens.

pub mod password;
pub mod routes;
pub mod tokens;
pub mod users;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{offices, users as users_t};
use crate::db::{now, DbConnection};
use crate::error::AppError;

/// What a request needs to know of its account, read in one query with the office's name.
#[derive(Debug, Clone, Queryable)]
pub struct AuthRow {
    pub id: i64,
    pub office_id: i64,
    pub office_name: String,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub language: String,
    pub department_id: Option<i64>,
    pub active: bool,
    pub password_hash: String,
}

#[allow(clippy::type_complexity)]
pub(crate) const AUTH_COLUMNS: (
    users_t::id,
    users_t::office_id,
    offices::name,
    users_t::email,
    users_t::display_name,
    users_t::role,
    users_t::language,
    users_t::department_id,
    users_t::active,
    users_t::password_hash,
) = (
    users_t::id,
    users_t::office_id,
    offices::name,
    users_t::email,
    users_t::display_name,
    users_t::role,
    users_t::language,
    users_t::department_id,
    users_t::active,
    users_t::password_hash,
);

pub fn find_auth(conn: &mut DbConnection, user_id: i64) -> Result<Option<AuthRow>, AppError> {
    Ok(users_t::table
        .inner_join(offices::table)
        .filter(users_t::id.eq(user_id))
        .select(AUTH_COLUMNS)
        .first::<AuthRow>(conn)
        .optional()?)
}

pub fn find_auth_by_email(
    conn: &mut DbConnection,
    email: &str,
) -> Result<Option<AuthRow>, AppError> {
    Ok(users_t::table
        .inner_join(offices::table)
        .filter(users_t::email.eq(email.trim().to_lowercase()))
        .select(AUTH_COLUMNS)
        .first::<AuthRow>(conn)
        .optional()?)
}

pub fn count_users(conn: &mut DbConnection) -> Result<i64, AppError> {
    Ok(users_t::table.count().get_result(conn)?)
}

pub fn record_login(conn: &mut DbConnection, user_id: i64) -> Result<(), AppError> {
    diesel::update(users_t::table.find(user_id))
        .set(users_t::last_login_at.eq(now()))
        .execute(conn)?;
    Ok(())
}

/// A new account, already validated.
#[derive(Debug, Insertable)]
#[diesel(table_name = users_t)]
pub struct NewUser {
    pub office_id: i64,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub role: String,
    pub language: String,
    pub department_id: Option<i64>,
    pub active: bool,
    pub demo_password: bool,
    pub created_at: NaiveDateTime,
}

pub fn insert_user(conn: &mut DbConnection, user: &NewUser) -> Result<i64, AppError> {
    let taken: i64 = users_t::table
        .filter(users_t::email.eq(&user.email))
        .count()
        .get_result(conn)?;
    if taken > 0 {
        let mut errors = crate::domain::FieldErrors::new();
        errors.add("email", "err-email-taken");
        return Err(errors.into());
    }
    Ok(diesel::insert_into(users_t::table)
        .values(user)
        .returning(users_t::id)
        .get_result(conn)?)
}

pub fn set_password(conn: &mut DbConnection, user_id: i64, hash: &str) -> Result<(), AppError> {
    diesel::update(users_t::table.find(user_id))
        .set((
            users_t::password_hash.eq(hash),
            users_t::demo_password.eq(false),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn set_language(conn: &mut DbConnection, user_id: i64, lang: &str) -> Result<(), AppError> {
    diesel::update(users_t::table.find(user_id))
        .set(users_t::language.eq(lang))
        .execute(conn)?;
    Ok(())
}

/// Inserts an office; returns its id.
pub fn insert_office(
    conn: &mut DbConnection,
    name: &str,
    region: &str,
    email: &str,
) -> Result<i64, AppError> {
    let id = diesel::insert_into(offices::table)
        .values((
            offices::name.eq(name),
            offices::region.eq(region),
            offices::contact_email.eq(email),
            offices::contact_phone.eq(""),
            offices::created_at.eq(now()),
        ))
        .returning(offices::id)
        .get_result(conn)?;
    // Every office starts with the default request categories.
    crate::requests::categories::service::create_defaults(conn, crate::domain::ids::OfficeId(id))?;
    Ok(id)
}

/// Active accounts still using the demo password (production refuses to start while any exist).
pub fn count_demo_passwords(conn: &mut DbConnection) -> Result<i64, AppError> {
    Ok(users_t::table
        .filter(users_t::demo_password.eq(true))
        .filter(users_t::active.eq(true))
        .count()
        .get_result(conn)?)
}
