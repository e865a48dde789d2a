//! Account administration's rules and writes, in the caller's transaction: accounts of the actor's
//! office only, a department of that office, never an office left without an active administrator.

use diesel::prelude::*;

use super::{queries, UserData};
use crate::access::Actor;
use crate::accounts::{service as accounts, Account, NewUser};
use crate::db::schema::{departments, users};
use crate::db::{now, DbConnection};
use crate::domain::ids::{DepartmentId, UserId};
use crate::domain::roles::{Action, Role};
use crate::domain::FieldErrors;
use crate::error::AppError;

/// A field error: the record it names is not one of the actor's office.
pub(super) fn unknown(field: &str) -> AppError {
    let mut e = FieldErrors::new();
    e.add(field, "err-unknown-reference");
    e.into()
}

/// A department of another office (or none at all) is a field error.
fn check_department(
    conn: &mut DbConnection,
    actor: &Actor,
    id: Option<DepartmentId>,
) -> Result<(), AppError> {
    let Some(id) = id else {
        return Ok(());
    };
    let found: i64 = departments::table
        .filter(departments::id.eq(id))
        .filter(departments::office_id.eq(actor.office_id))
        .count()
        .get_result(conn)?;
    if found == 0 {
        return Err(unknown("department_id"));
    }
    Ok(())
}

/// Creates an account of the actor's office; `password_hash` is the new password already hashed.
/// A taken email is a field error.
pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    data: &UserData,
    password_hash: &str,
) -> Result<UserId, AppError> {
    actor.require(Action::ManageAccounts)?;
    check_department(conn, actor, data.department_id)?;
    let row = NewUser {
        office_id: actor.office_id,
        email: data.email.clone(),
        display_name: data.display_name.clone(),
        password_hash: password_hash.to_owned(),
        role: data.role,
        language: data.language.clone(),
        department_id: data.department_id,
        active: true,
        demo_password: false,
        created_at: now(),
    };
    accounts::insert_user(conn, &row)
}

/// `err-last-admin` when the change would leave the office without an active administrator.
fn keep_an_administrator(
    conn: &mut DbConnection,
    current: &Account,
    data: &UserData,
) -> Result<(), AppError> {
    let stays_admin = data.role == Role::Admin && data.active;
    if current.role != Role::Admin || !current.active || stays_admin {
        return Ok(());
    }
    let admins: i64 = users::table
        .filter(users::office_id.eq(current.office_id))
        .filter(users::role.eq(Role::Admin))
        .filter(users::active.eq(true))
        .count()
        .get_result(conn)?;
    if admins <= 1 {
        let mut e = FieldErrors::new();
        let field = if data.role == Role::Admin {
            "active"
        } else {
            "role"
        };
        e.add(field, "err-last-admin");
        return Err(e.into());
    }
    Ok(())
}

/// Changes an account of the actor's office; `password_hash` replaces its password when given.
pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    id: UserId,
    data: &UserData,
    password_hash: Option<&str>,
) -> Result<(), AppError> {
    let current = queries::find(conn, actor, id)?;
    check_department(conn, actor, data.department_id)?;
    keep_an_administrator(conn, &current, data)?;
    diesel::update(users::table.find(id))
        .set((
            users::display_name.eq(&data.display_name),
            users::role.eq(data.role),
            users::language.eq(&data.language),
            users::department_id.eq(data.department_id),
            users::active.eq(data.active),
        ))
        .execute(conn)?;
    if let Some(hash) = password_hash {
        accounts::set_password(conn, id, hash)?;
    }
    // A disabled account, or one whose password an administrator set, keeps no open session:
    // re-enabling it later does not bring an old cookie back to life.
    if (current.active && !data.active) || password_hash.is_some() {
        crate::access::end_sessions(conn, id)?;
    }
    Ok(())
}
