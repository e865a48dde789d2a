//! Account queries, always scoped to one office.

use actix_web::web;
use diesel::prelude::*;

use super::{password, Account, UserData, UserFilter};
use crate::accounts::NewUser;
use crate::db::schema::{departments, users};
use crate::db::{like_escape, now, DbConnection};
use crate::domain::{FieldErrors, Role};
use crate::error::AppError;

diesel::define_sql_function!(fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text);

#[allow(clippy::type_complexity)]
pub(super) const ACCOUNT_COLUMNS: (
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
    crate::accounts::insert_user(
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
        crate::accounts::set_password(conn, id, &hash)?;
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
