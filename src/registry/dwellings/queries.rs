//! Reading the office's dwellings: a building's or the office's list, one dwelling, the export.

use diesel::prelude::*;

use super::Dwelling;
use crate::access::Actor;
use crate::db::schema::{buildings, dwellings};
use crate::db::DbConnection;
use crate::domain::ids::DwellingId;
use crate::domain::roles::Action;
use crate::error::AppError;

diesel::define_sql_function! {
    /// Character length; the same name and meaning on SQLite and PostgreSQL.
    fn length(x: diesel::sql_types::Text) -> diesel::sql_types::Integer;
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
        crate::registry::buildings::find(conn, office_id, b)?;
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

/// One dwelling of the actor's office.
pub fn get(conn: &mut DbConnection, actor: &Actor, id: DwellingId) -> Result<Dwelling, AppError> {
    actor.require(Action::ReadRegistry)?;
    find(conn, actor.office_id.get(), id.get())
}
