//! Reading the office's departments.

use diesel::prelude::*;

use super::Department;
use crate::access::Actor;
use crate::db::schema::departments;
use crate::db::DbConnection;
use crate::domain::ids::DepartmentId;
use crate::domain::roles::Action;
use crate::error::AppError;

/// One page of the office's departments, by name, and their total.
pub fn list(
    conn: &mut DbConnection,
    office_id: i64,
    offset: i64,
    limit: i64,
) -> Result<(Vec<Department>, i64), AppError> {
    let scoped = || departments::table.filter(departments::office_id.eq(office_id));
    let total = scoped().count().get_result(conn)?;
    let rows = scoped()
        .order((departments::name.asc(), departments::id.asc()))
        .offset(offset)
        .limit(limit)
        .load(conn)?;
    Ok((rows, total))
}

/// Every department of the office, by name (choice lists).
pub fn list_all(conn: &mut DbConnection, office_id: i64) -> Result<Vec<Department>, AppError> {
    Ok(departments::table
        .filter(departments::office_id.eq(office_id))
        .order((departments::name.asc(), departments::id.asc()))
        .load(conn)?)
}

/// One department of the office; `NotFound` for another office's.
pub fn find(conn: &mut DbConnection, office_id: i64, id: i64) -> Result<Department, AppError> {
    Ok(departments::table
        .filter(departments::id.eq(id))
        .filter(departments::office_id.eq(office_id))
        .first(conn)?)
}

/// One department of the actor's office.
pub fn get(
    conn: &mut DbConnection,
    actor: &Actor,
    id: DepartmentId,
) -> Result<Department, AppError> {
    actor.require(Action::ReadRegistry)?;
    find(conn, actor.office_id.get(), id.get())
}
