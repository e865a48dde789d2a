//! Dwellings (logements) of a building: door number, bedrooms, adapted for reduced mobility. Tenants
//! live in them. A door number is unique within its building; a dwelling does not move between
//! buildings.

pub mod api;
pub mod pages;

use actix_web::web;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use serde::{Deserialize, Serialize};
use utoipa::OpenApi;

use crate::db::schema::{buildings, dwellings, tenants};
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

diesel::define_sql_function! {
    /// Character length; the same name and meaning on SQLite and PostgreSQL.
    fn length(x: diesel::sql_types::Text) -> diesel::sql_types::Integer;
}

/// A dwelling.
#[derive(Debug, Clone, Queryable, Serialize, utoipa::ToSchema)]
pub struct Dwelling {
    pub id: i64,
    pub office_id: i64,
    pub building_id: i64,
    /// Door number, unique within the building.
    pub number: String,
    pub bedrooms: i32,
    /// Adapted for reduced mobility.
    pub adapted: bool,
    pub created_at: NaiveDateTime,
}

/// A dwelling as submitted (its building comes from the URL, or from the API body on creation).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct DwellingInput {
    pub number: Option<String>,
    pub bedrooms: Option<String>,
    /// A checkbox: present (and not "false") means adapted.
    pub adapted: Option<String>,
}

/// A validated dwelling.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = dwellings)]
pub struct DwellingData {
    pub number: String,
    pub bedrooms: i32,
    pub adapted: bool,
}

impl DwellingInput {
    pub fn validate(&self) -> Result<DwellingData, FieldErrors> {
        let mut e = FieldErrors::new();
        let number = validate::required(&mut e, "number", self.number.as_deref().unwrap_or(""), 20);
        let bedrooms =
            validate::integer(&mut e, "bedrooms", self.bedrooms.as_deref(), 0, 10, None) as i32;
        let adapted = validate::checkbox(self.adapted.as_deref());
        e.into_result(DwellingData {
            number,
            bedrooms,
            adapted,
        })
    }

    pub fn from_dwelling(d: &Dwelling) -> Self {
        DwellingInput {
            number: Some(d.number.clone()),
            bedrooms: Some(d.bedrooms.to_string()),
            adapted: d.adapted.then(|| "on".to_owned()),
        }
    }
}

fn number_taken() -> AppError {
    let mut e = FieldErrors::new();
    e.add("number", "err-dwelling-number-taken");
    e.into()
}

/// The UNIQUE (building_id, number) constraint only fires when two writers race past the check
/// inside the transaction (PostgreSQL's read committed lets them); it is the same field error.
fn unique_as_field_error(e: DieselError) -> AppError {
    match e {
        DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => number_taken(),
        other => other.into(),
    }
}

/// Whether another dwelling of `building_id` already has `number`.
fn is_number_taken(
    conn: &mut DbConnection,
    building_id: i64,
    number: &str,
    except: Option<i64>,
) -> Result<bool, AppError> {
    let n: i64 = dwellings::table
        .filter(dwellings::building_id.eq(building_id))
        .filter(dwellings::number.eq(number))
        .filter(dwellings::id.ne(except.unwrap_or(0)))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// One page of the office's dwellings, of one building when `building_id` is given (`NotFound` when
/// that building is another office's), by building and door number; and their total.
pub fn list(
    conn: &mut DbConnection,
    office_id: i64,
    building_id: Option<i64>,
    offset: i64,
    limit: i64,
) -> Result<(Vec<Dwelling>, i64), AppError> {
    if let Some(b) = building_id {
        super::buildings::find(conn, office_id, b)?;
    }
    let filtered = || {
        let mut q = dwellings::table
            .filter(dwellings::office_id.eq(office_id))
            .into_boxed();
        if let Some(b) = building_id {
            q = q.filter(dwellings::building_id.eq(b));
        }
        q
    };
    let total = filtered().count().get_result(conn)?;
    let rows = filtered()
        .order((
            dwellings::building_id.asc(),
            length(dwellings::number).asc(),
            dwellings::number.asc(),
            dwellings::id.asc(),
        ))
        .offset(offset)
        .limit(limit)
        .load(conn)?;
    Ok((rows, total))
}

/// One dwelling of the office; `NotFound` for another office's.
pub fn find(conn: &mut DbConnection, office_id: i64, id: i64) -> Result<Dwelling, AppError> {
    Ok(dwellings::table
        .filter(dwellings::id.eq(id))
        .filter(dwellings::office_id.eq(office_id))
        .first(conn)?)
}

/// One dwelling of the office with its building's name, in one query.
pub fn find_with_building(
    conn: &mut DbConnection,
    office_id: i64,
    id: i64,
) -> Result<(Dwelling, String), AppError> {
    Ok(dwellings::table
        .inner_join(buildings::table)
        .filter(dwellings::id.eq(id))
        .filter(dwellings::office_id.eq(office_id))
        .select((dwellings::all_columns, buildings::name))
        .first(conn)?)
}

/// Adds a dwelling to one of the office's buildings (`NotFound` for another office's); a door
/// number already used in the building is a field error. Run it inside the write transaction.
pub fn insert(
    conn: &mut DbConnection,
    office_id: i64,
    building_id: i64,
    data: &DwellingData,
) -> Result<i64, AppError> {
    super::buildings::find(conn, office_id, building_id)?;
    if is_number_taken(conn, building_id, &data.number, None)? {
        return Err(number_taken());
    }
    diesel::insert_into(dwellings::table)
        .values((
            dwellings::office_id.eq(office_id),
            dwellings::building_id.eq(building_id),
            dwellings::number.eq(&data.number),
            dwellings::bedrooms.eq(data.bedrooms),
            dwellings::adapted.eq(data.adapted),
            dwellings::created_at.eq(now()),
        ))
        .returning(dwellings::id)
        .get_result(conn)
        .map_err(unique_as_field_error)
}

/// Changes a dwelling; returns its building's id. Same number rule as `insert`.
pub fn update(
    conn: &mut DbConnection,
    office_id: i64,
    id: i64,
    data: &DwellingData,
) -> Result<i64, AppError> {
    let d = find(conn, office_id, id)?;
    if is_number_taken(conn, d.building_id, &data.number, Some(id))? {
        return Err(number_taken());
    }
    diesel::update(dwellings::table.filter(dwellings::id.eq(id)))
        .set(data)
        .execute(conn)
        .map_err(unique_as_field_error)?;
    Ok(d.building_id)
}

/// Deletes a dwelling no tenant record points to (current or past: their history stays whole);
/// returns its building's id.
pub fn delete(conn: &mut DbConnection, office_id: i64, id: i64) -> Result<i64, AppError> {
    let d = find(conn, office_id, id)?;
    let residents: i64 = tenants::table
        .filter(tenants::dwelling_id.eq(id))
        .count()
        .get_result(conn)?;
    if residents > 0 {
        return Err(AppError::Conflict("err-dwelling-has-tenants"));
    }
    diesel::delete(dwellings::table.filter(dwellings::id.eq(id))).execute(conn)?;
    Ok(d.building_id)
}

/// A line of the dwellings export.
#[derive(Debug, Queryable)]
pub struct ExportLine {
    pub id: i64,
    pub building_id: i64,
    pub building_name: String,
    pub number: String,
    pub bedrooms: i32,
    pub adapted: bool,
}

/// Every dwelling of the office with its building's name, by building then door number, in one query.
pub fn list_for_export(
    conn: &mut DbConnection,
    office_id: i64,
) -> Result<Vec<ExportLine>, AppError> {
    Ok(dwellings::table
        .inner_join(buildings::table)
        .filter(dwellings::office_id.eq(office_id))
        .order((
            buildings::name.asc(),
            buildings::id.asc(),
            length(dwellings::number).asc(),
            dwellings::number.asc(),
        ))
        .select((
            dwellings::id,
            dwellings::building_id,
            buildings::name,
            dwellings::number,
            dwellings::bedrooms,
            dwellings::adapted,
        ))
        .load(conn)?)
}

/// The CSV export, with the headers the import accepts (`immeuble` names the building).
pub fn to_csv(rows: &[ExportLine]) -> Result<Vec<u8>, AppError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let io = |e: csv::Error| AppError::internal(e);
    w.write_record([
        "id",
        "immeuble_id",
        "immeuble",
        "numero",
        "chambres",
        "adapte",
    ])
    .map_err(io)?;
    for d in rows {
        w.write_record([
            d.id.to_string().as_str(),
            &d.building_id.to_string(),
            &d.building_name,
            &d.number,
            &d.bedrooms.to_string(),
            if d.adapted { "oui" } else { "non" },
        ])
        .map_err(io)?;
    }
    w.into_inner()
        .map_err(|e| AppError::internal(anyhow::anyhow!("csv: {e}")))
}
