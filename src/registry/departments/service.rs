//! Writing the office's departments, in the caller's transaction.

use diesel::prelude::*;

use super::queries::find;
use super::DepartmentData;
use crate::db::schema::{departments, users};
use crate::db::{now, DbConnection};
use crate::error::AppError;

pub fn insert(
    conn: &mut DbConnection,
    office_id: i64,
    data: &DepartmentData,
) -> Result<i64, AppError> {
    Ok(diesel::insert_into(departments::table)
        .values((
            departments::office_id.eq(office_id),
            departments::name.eq(&data.name),
            departments::email.eq(&data.email),
            departments::created_at.eq(now()),
        ))
        .returning(departments::id)
        .get_result(conn)?)
}

pub fn update(
    conn: &mut DbConnection,
    office_id: i64,
    id: i64,
    data: &DepartmentData,
) -> Result<(), AppError> {
    let n = diesel::update(
        departments::table
            .filter(departments::id.eq(id))
            .filter(departments::office_id.eq(office_id)),
    )
    .set(data)
    .execute(conn)?;
    if n == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Deletes a department no account belongs to; one still referenced is a conflict, so that no
/// account is silently left pointing nowhere.
pub fn delete(conn: &mut DbConnection, office_id: i64, id: i64) -> Result<(), AppError> {
    find(conn, office_id, id)?;
    let members: i64 = users::table
        .filter(users::department_id.eq(id))
        .count()
        .get_result(conn)?;
    if members > 0 {
        return Err(AppError::Conflict("err-department-in-use"));
    }
    diesel::delete(departments::table.filter(departments::id.eq(id))).execute(conn)?;
    Ok(())
}
