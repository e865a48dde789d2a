//! The import's writes: every row checked again and written in the caller's transaction, or none.
//! Dwellings and tenants are written straight into their tables here, with the same limits as
//! their forms.

use diesel::prelude::*;

use super::queries::check;
use super::read::Table;
use super::rows::{NewDwelling, NewTenant, Record};
use super::{Kind, Report};
use crate::access::Actor;
use crate::db::schema::{dwellings, tenants};
use crate::db::{now, DbConnection};
use crate::error::AppError;

/// What a commit did.
#[derive(Debug)]
pub enum Outcome {
    Imported(usize),
    /// The rows were checked again and some are no longer valid: nothing was written.
    Invalid(Report),
}

/// Checks `table` again and writes every row, or none when one is invalid. Call it inside one
/// write transaction (`state.db_tx`), so that the check and the writes see the same records and a
/// failure half-way leaves nothing behind.
pub fn commit(
    conn: &mut DbConnection,
    actor: &Actor,
    kind: Kind,
    table: &Table,
) -> Result<Outcome, AppError> {
    let report = check(conn, actor, kind, table)?;
    let office = actor.office_id.get();
    if !report.is_valid() {
        return Ok(Outcome::Invalid(report));
    }
    let records = report.into_records();
    for record in &records {
        insert(conn, office, record)?;
    }
    Ok(Outcome::Imported(records.len()))
}

fn insert(conn: &mut DbConnection, office: i64, record: &Record) -> Result<(), AppError> {
    let written = match record {
        Record::Building(data) => {
            return crate::registry::buildings::insert(conn, office, data).map(drop)
        }
        Record::Dwelling(d) => insert_dwelling(conn, office, d),
        Record::Tenant(t) => insert_tenant(conn, office, t),
    };
    written.map_err(|e| match e {
        // Another writer took a door number between the check and the write (PostgreSQL).
        diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        ) => AppError::Conflict("import-err-conflict"),
        other => other.into(),
    })
}

fn insert_dwelling(
    conn: &mut DbConnection,
    office: i64,
    d: &NewDwelling,
) -> Result<(), diesel::result::Error> {
    diesel::insert_into(dwellings::table)
        .values((
            dwellings::office_id.eq(office),
            dwellings::building_id.eq(d.building_id),
            dwellings::number.eq(&d.number),
            dwellings::bedrooms.eq(d.bedrooms),
            dwellings::adapted.eq(d.adapted),
            dwellings::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

fn insert_tenant(
    conn: &mut DbConnection,
    office: i64,
    t: &NewTenant,
) -> Result<(), diesel::result::Error> {
    let at = now();
    diesel::insert_into(tenants::table)
        .values((
            tenants::office_id.eq(office),
            tenants::dwelling_id.eq(t.dwelling_id),
            tenants::first_name.eq(&t.first_name),
            tenants::last_name.eq(&t.last_name),
            tenants::language.eq(t.language),
            tenants::phone.eq(&t.phone),
            tenants::email.eq(&t.email),
            tenants::household_size.eq(t.household_size),
            tenants::move_in.eq(t.move_in),
            tenants::search_text.eq(&t.search_text),
            tenants::created_at.eq(at),
            tenants::updated_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}
