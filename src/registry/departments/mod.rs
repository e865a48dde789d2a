//! The office's departments (directions: entretien, location, sécurité…). Tenant requests are routed
//! to them by email later, and staff accounts may belong to one (`users.department_id`).

pub mod api;
pub mod pages;

use actix_web::web;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::OpenApi;

use crate::db::schema::{departments, users};
use crate::db::{now, DbConnection};
use crate::domain::{validate, FieldErrors};
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

/// A department of the office.
#[derive(Debug, Clone, Queryable, Serialize, utoipa::ToSchema)]
pub struct Department {
    pub id: i64,
    pub office_id: i64,
    pub name: String,
    pub email: String,
    pub created_at: NaiveDateTime,
}

/// A department as submitted.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct DepartmentInput {
    pub name: Option<String>,
    pub email: Option<String>,
}

/// A validated department.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = departments)]
pub struct DepartmentData {
    pub name: String,
    pub email: String,
}

impl DepartmentInput {
    pub fn validate(&self) -> Result<DepartmentData, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = validate::required(&mut e, "name", self.name.as_deref().unwrap_or(""), 120);
        let email = validate::email(&mut e, "email", self.email.as_deref(), true);
        e.into_result(DepartmentData { name, email })
    }

    pub fn from_department(d: &Department) -> Self {
        DepartmentInput {
            name: Some(d.name.clone()),
            email: Some(d.email.clone()),
        }
    }
}

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
