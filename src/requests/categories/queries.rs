//! Reads of an office's categories, and of the departments they may route to.

use diesel::prelude::*;

use super::Category;
use crate::db::schema::{departments, request_categories};
use crate::db::DbConnection;
use crate::domain::ids::{CategoryId, DepartmentId, OfficeId};
use crate::error::AppError;

/// The office's categories in display order.
pub fn list(conn: &mut DbConnection, office_id: OfficeId) -> Result<Vec<Category>, AppError> {
    Ok(request_categories::table
        .filter(request_categories::office_id.eq(office_id))
        .order((request_categories::position, request_categories::id))
        .select(Category::as_select())
        .load(conn)?)
}

/// One category of the office; `NotFound` for another office's.
pub fn find(
    conn: &mut DbConnection,
    office_id: OfficeId,
    id: CategoryId,
) -> Result<Category, AppError> {
    Ok(request_categories::table
        .filter(request_categories::id.eq(id))
        .filter(request_categories::office_id.eq(office_id))
        .select(Category::as_select())
        .first(conn)?)
}

/// The office's departments (id, name) by name: what a category may be routed to.
pub fn departments(
    conn: &mut DbConnection,
    office_id: OfficeId,
) -> Result<Vec<(DepartmentId, String)>, AppError> {
    Ok(departments::table
        .filter(departments::office_id.eq(office_id))
        .order(departments::name)
        .select((departments::id, departments::name))
        .load(conn)?)
}
