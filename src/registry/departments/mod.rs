//! The office's departments (directions: entretien, location, sécurité…). Tenant requests are routed
//! to them by email, and staff accounts may belong to one (`users.department_id`). The row here;
//! [`input`] parses forms and JSON, [`queries`] reads, [`service`] writes, [`pages`] and [`api`]
//! are the ways in, [`export`] the spreadsheet.

pub mod api;
mod export;
pub mod input;
pub mod pages;
pub mod queries;
pub mod service;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::departments;
use crate::domain::ids::{DepartmentId, OfficeId};

pub use input::{DepartmentBody, DepartmentInput};
pub use queries::{find, list, list_all};
pub use service::{delete, insert, update};

/// A department of the office.
#[derive(Debug, Clone, Queryable, Serialize, utoipa::ToSchema)]
pub struct Department {
    pub id: DepartmentId,
    pub office_id: OfficeId,
    pub name: String,
    pub email: String,
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub created_at: NaiveDateTime,
}

/// A validated department.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = departments)]
pub struct DepartmentData {
    pub name: String,
    pub email: String,
}

/// A department to insert: what [`service::insert`] writes, and what the demo generator loads in
/// bulk (with an explicit id).
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = departments)]
pub struct NewDepartment {
    pub office_id: OfficeId,
    pub name: String,
    pub email: String,
    pub created_at: NaiveDateTime,
}
