//! The import's reads: the office's records a file is checked against (a bounded number of
//! queries whatever the file's size), and the check of every row, writing nothing.

use diesel::prelude::*;

use super::read::Table;
use super::rows::{self, number_key, Lookups};
use super::{Kind, Report};
use crate::access::Actor;
use crate::db::schema::{buildings, dwellings, tenants};
use crate::db::DbConnection;
use crate::domain::roles::Action;
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
    actor: &Actor,
    kind: Kind,
    table: &Table,
) -> Result<Report, AppError> {
    actor.require(Action::ImportData)?;
    let lookups = load_lookups(conn, actor.office_id.get(), kind)?;
    Ok(rows::check(kind, table, &lookups))
}
