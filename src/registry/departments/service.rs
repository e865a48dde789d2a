//! Writing the office's departments, in the caller's transaction.

use diesel::prelude::*;

use super::queries::find;
use super::{DepartmentData, NewDepartment};
use crate::access::Actor;
use crate::db::schema::{departments, users};
use crate::db::{now, DbConnection};
use crate::domain::ids::{DepartmentId, OfficeId};
use crate::domain::roles::Action;
use crate::error::AppError;

pub fn insert(
    conn: &mut DbConnection,
    office_id: i64,
    data: &DepartmentData,
) -> Result<i64, AppError> {
    let row = NewDepartment {
        office_id: OfficeId(office_id),
        name: data.name.clone(),
        email: data.email.clone(),
        created_at: now(),
    };
    Ok(diesel::insert_into(departments::table)
        .values(&row)
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

/// Adds a department to the actor's office (administrators).
pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    data: &DepartmentData,
) -> Result<DepartmentId, AppError> {
    actor.require(Action::ManageOffice)?;
    insert(conn, actor.office_id.get(), data).map(DepartmentId)
}

/// Changes one of the office's departments; `NotFound` for another office's.
pub fn change(
    conn: &mut DbConnection,
    actor: &Actor,
    id: DepartmentId,
    data: &DepartmentData,
) -> Result<(), AppError> {
    actor.require(Action::ManageOffice)?;
    update(conn, actor.office_id.get(), id.get(), data)
}

/// Deletes one of the office's departments (409 while accounts belong to it).
pub fn remove(conn: &mut DbConnection, actor: &Actor, id: DepartmentId) -> Result<(), AppError> {
    actor.require(Action::ManageOffice)?;
    delete(conn, actor.office_id.get(), id.get())
}
