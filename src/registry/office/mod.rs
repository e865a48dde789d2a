//! The signed-in user's own office: its name, region and contact, and the administration hub that
//! leads to departments, accounts, import and buildings. There is no office id in any URL: an account
//! belongs to exactly one office, so there is nothing another office could reach.

pub mod api;
pub mod pages;

use actix_web::web;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::OpenApi;

use crate::db::schema::offices;
use crate::db::DbConnection;
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

/// An office d'habitation.
#[derive(Debug, Clone, Queryable, Serialize, utoipa::ToSchema)]
pub struct Office {
    pub id: i64,
    pub name: String,
    pub region: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub created_at: NaiveDateTime,
}

/// The office's details as submitted.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct OfficeInput {
    pub name: Option<String>,
    pub region: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
}

/// Validated office details.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = offices)]
pub struct OfficeData {
    pub name: String,
    pub region: String,
    pub contact_email: String,
    pub contact_phone: String,
}

impl OfficeInput {
    pub fn validate(&self) -> Result<OfficeData, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = validate::required(&mut e, "name", self.name.as_deref().unwrap_or(""), 200);
        let region = validate::optional(&mut e, "region", self.region.as_deref(), 100);
        let contact_email = validate::email(
            &mut e,
            "contact_email",
            self.contact_email.as_deref(),
            false,
        );
        let contact_phone =
            validate::optional(&mut e, "contact_phone", self.contact_phone.as_deref(), 30);
        e.into_result(OfficeData {
            name,
            region,
            contact_email,
            contact_phone,
        })
    }

    pub fn from_office(o: &Office) -> Self {
        OfficeInput {
            name: Some(o.name.clone()),
            region: Some(o.region.clone()),
            contact_email: Some(o.contact_email.clone()),
            contact_phone: Some(o.contact_phone.clone()),
        }
    }
}

pub fn find(conn: &mut DbConnection, office_id: i64) -> Result<Office, AppError> {
    Ok(offices::table.find(office_id).first(conn)?)
}

pub fn update(conn: &mut DbConnection, office_id: i64, data: &OfficeData) -> Result<(), AppError> {
    let n = diesel::update(offices::table.find(office_id))
        .set(data)
        .execute(conn)?;
    if n == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}
