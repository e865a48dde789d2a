//! Writing the office's dwellings, in the caller's transaction: the door number is unique within
//! its building, and a dwelling tenants or requests still refer to is not deleted.

use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};

use super::queries::find;
use super::{DwellingData, NewDwelling};
use crate::access::Actor;
use crate::db::schema::{dwellings, tenants};
use crate::db::{now, DbConnection};
use crate::domain::ids::{BuildingId, DwellingId, OfficeId};
use crate::domain::roles::Action;
use crate::domain::FieldErrors;
use crate::error::{AppError, Referrers};

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

/// Adds a dwelling to one of the office's buildings (`NotFound` for another office's); a door
/// number already used in the building is a field error. Run it inside the write transaction.
pub fn insert(
    conn: &mut DbConnection,
    office_id: i64,
    building_id: i64,
    data: &DwellingData,
) -> Result<i64, AppError> {
    crate::registry::buildings::find(conn, office_id, building_id)?;
    if is_number_taken(conn, building_id, &data.number, None)? {
        return Err(number_taken());
    }
    let row = NewDwelling {
        office_id: OfficeId(office_id),
        building_id: BuildingId(building_id),
        number: data.number.clone(),
        bedrooms: data.bedrooms,
        adapted: data.adapted,
        created_at: now(),
    };
    diesel::insert_into(dwellings::table)
        .values(&row)
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
    if is_number_taken(conn, d.building_id.get(), &data.number, Some(id))? {
        return Err(number_taken());
    }
    diesel::update(dwellings::table.filter(dwellings::id.eq(id)))
        .set(data)
        .execute(conn)
        .map_err(unique_as_field_error)?;
    Ok(d.building_id.get())
}

/// Deletes a dwelling no tenant record points to (current or past: their history stays whole);
/// returns its building's id.
pub fn delete(conn: &mut DbConnection, office_id: i64, id: i64) -> Result<i64, AppError> {
    let d = find(conn, office_id, id)?;
    referrers(conn, id)?.check()?;
    diesel::delete(dwellings::table.filter(dwellings::id.eq(id))).execute(conn)?;
    Ok(d.building_id.get())
}

/// What still refers to a dwelling: its tenants (current or past) and the requests about it.
pub fn referrers(conn: &mut DbConnection, id: i64) -> Result<Referrers, AppError> {
    use crate::db::schema::requests;
    let residents: i64 = tenants::table
        .filter(tenants::dwelling_id.eq(id))
        .count()
        .get_result(conn)?;
    let requests: i64 = requests::table
        .filter(requests::dwelling_id.eq(id))
        .count()
        .get_result(conn)?;
    Ok(Referrers::new("err-dwelling-referenced")
        .with("ref-tenants", residents)
        .with("ref-requests", requests))
}

/// Adds a dwelling to one of the actor's office's buildings (administrators).
pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    building: BuildingId,
    data: &DwellingData,
) -> Result<DwellingId, AppError> {
    actor.require(Action::ManageRegistry)?;
    insert(conn, actor.office_id.get(), building.get(), data).map(DwellingId)
}

/// Changes one of the office's dwellings; returns its building.
pub fn change(
    conn: &mut DbConnection,
    actor: &Actor,
    id: DwellingId,
    data: &DwellingData,
) -> Result<BuildingId, AppError> {
    actor.require(Action::ManageRegistry)?;
    update(conn, actor.office_id.get(), id.get(), data).map(BuildingId)
}

/// Deletes one of the office's dwellings (409 while tenants or requests refer to it); returns
/// its building.
pub fn remove(
    conn: &mut DbConnection,
    actor: &Actor,
    id: DwellingId,
) -> Result<BuildingId, AppError> {
    actor.require(Action::ManageRegistry)?;
    delete(conn, actor.office_id.get(), id.get()).map(BuildingId)
}
