//! The import's database side: the office's records a file is checked against (a bounded number of
//! queries whatever the file's size), and writing the rows. Dwellings and tenants are written
//! straight into their tables here, with the same limits as their forms.

use diesel::prelude::*;

use super::read::Table;
use super::rows::{self, number_key, Lookups, NewDwelling, NewTenant, Record};
use super::{Kind, Report};
use crate::db::schema::{buildings, dwellings, tenants};
use crate::db::{now, DbConnection};
use crate::domain::text;
use crate::error::AppError;

/// The office's records that rows of `kind` refer to or must not repeat: one to three queries.
pub fn load_lookups(conn: &mut DbConnection, office: i64, kind: Kind) -> Result<Lookups, AppError> {
    let mut l = Lookups::default();
    if kind == Kind::Buildings {
        let places: Vec<(String, String)> = buildings::table
            .filter(buildings::office_id.eq(office))
            .select((buildings::name, buildings::address))
            .load(conn)?;
        l.building_places = places
            .into_iter()
            .map(|(n, a)| (text::fold(&n), text::fold(&a)))
            .collect();
        return Ok(l);
    }
    let names: Vec<(i64, String)> = buildings::table
        .filter(buildings::office_id.eq(office))
        .select((buildings::id, buildings::name))
        .load(conn)?;
    for (id, name) in names {
        l.building_ids.insert(id);
        l.building_names
            .entry(text::fold(&name))
            .or_default()
            .push(id);
    }
    let doors: Vec<(i64, i64, String)> = dwellings::table
        .filter(dwellings::office_id.eq(office))
        .select((dwellings::id, dwellings::building_id, dwellings::number))
        .load(conn)?;
    l.dwellings = doors
        .into_iter()
        .map(|(id, b, n)| ((b, number_key(&n)), id))
        .collect();
    if kind == Kind::Tenants {
        let people: Vec<(i64, String, String)> = tenants::table
            .filter(tenants::office_id.eq(office))
            .filter(tenants::move_out.is_null())
            .select((
                tenants::dwelling_id,
                tenants::first_name,
                tenants::last_name,
            ))
            .load(conn)?;
        l.tenants = people
            .into_iter()
            .map(|(d, f, n)| (d, text::fold(&format!("{f} {n}"))))
            .collect();
    }
    Ok(l)
}

/// Checks every row of `table` against the office's records, writing nothing.
pub fn check(
    conn: &mut DbConnection,
    office: i64,
    kind: Kind,
    table: &Table,
) -> Result<Report, AppError> {
    let lookups = load_lookups(conn, office, kind)?;
    Ok(rows::check(kind, table, &lookups))
}

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
    office: i64,
    kind: Kind,
    table: &Table,
) -> Result<Outcome, AppError> {
    let report = check(conn, office, kind, table)?;
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
