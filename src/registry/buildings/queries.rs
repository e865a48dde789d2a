//! Reads of the office's buildings: the searchable list, one building, the building's page (its
//! rooms, dwellings and current tenants) and the names other capabilities' selects show. The
//! registry is office-wide: every role that may read it (`Action::ReadRegistry`) sees every
//! building of its own office, and never another office's.

use diesel::prelude::*;
use serde::Serialize;

use super::Building;
use crate::access::Actor;
use crate::db::schema::{buildings, community_rooms, dwellings, tenants};
use crate::db::{like_escape, DbConnection};
use crate::domain::ids::BuildingId;
use crate::domain::roles::Action;
use crate::domain::text;
use crate::error::AppError;
use crate::web::pagination::{Paged, Pagination};

/// The office's buildings matching `q` (accent- and case-insensitive), one page of them.
pub fn list(
    conn: &mut DbConnection,
    actor: &Actor,
    q: &str,
    at: Pagination,
) -> Result<Paged<Building>, AppError> {
    actor.require(Action::ReadRegistry)?;
    let office = actor.office_id.get();
    let filtered = || {
        let mut query = buildings::table
            .filter(buildings::office_id.eq(office))
            .into_boxed();
        for term in text::query_terms(q) {
            query = query.filter(
                buildings::search_text
                    .like(format!("%{}%", like_escape(&term)))
                    .escape('\\'),
            );
        }
        query
    };
    let total = filtered().count().get_result(conn)?;
    let rows = filtered()
        .order((buildings::name.asc(), buildings::id.asc()))
        .offset(at.offset())
        .limit(at.limit())
        .load(conn)?;
    Ok(Paged::new(rows, total, at))
}

/// Every building of the office, by name (exports, choice lists).
pub fn list_all(conn: &mut DbConnection, office_id: i64) -> Result<Vec<Building>, AppError> {
    Ok(buildings::table
        .filter(buildings::office_id.eq(office_id))
        .order((buildings::name.asc(), buildings::id.asc()))
        .load(conn)?)
}

/// One building of the office; `NotFound` for another office's.
pub fn find(conn: &mut DbConnection, office_id: i64, id: i64) -> Result<Building, AppError> {
    Ok(buildings::table
        .filter(buildings::id.eq(id))
        .filter(buildings::office_id.eq(office_id))
        .first(conn)?)
}

/// One building of the actor's office.
pub fn get(conn: &mut DbConnection, actor: &Actor, id: BuildingId) -> Result<Building, AppError> {
    actor.require(Action::ReadRegistry)?;
    find(conn, actor.office_id.get(), id.get())
}

/// The buildings the actor may pick (id, name) by name: the building selects of other
/// capabilities' forms and filters.
pub fn names(
    conn: &mut DbConnection,
    actor: &Actor,
) -> Result<Vec<(BuildingId, String)>, AppError> {
    Ok(buildings::table
        .filter(buildings::office_id.eq(actor.office_id))
        .order((buildings::name.asc(), buildings::id.asc()))
        .select((buildings::id, buildings::name))
        .load(conn)?)
}

/// A dwelling line of a building's page, with its current tenants' names.
#[derive(Debug, Serialize)]
pub struct DwellingLine {
    pub id: i64,
    pub number: String,
    pub bedrooms: i32,
    pub adapted: bool,
    pub tenants: Vec<TenantName>,
}

#[derive(Debug, Serialize, Queryable)]
pub struct TenantName {
    pub id: i64,
    pub dwelling_id: i64,
    pub first_name: String,
    pub last_name: String,
}

#[derive(Debug, Serialize, Queryable)]
pub struct RoomLine {
    pub id: i64,
    pub name: String,
    pub capacity: i32,
    pub accessible: bool,
}

/// What a building's page shows.
#[derive(Debug)]
pub struct BuildingPage {
    pub building: Building,
    pub rooms: Vec<RoomLine>,
    pub dwellings: Vec<DwellingLine>,
    /// Whether the tenants' names were read (roles that may read tenants).
    pub with_tenants: bool,
}

/// A building with its rooms and dwellings (and, for those who may read tenants, its current
/// tenants), in four queries whatever its size.
pub fn page(
    conn: &mut DbConnection,
    actor: &Actor,
    id: BuildingId,
) -> Result<BuildingPage, AppError> {
    let building = get(conn, actor, id)?;
    let (office, id) = (actor.office_id.get(), id.get());
    let rooms = community_rooms::table
        .filter(community_rooms::building_id.eq(id))
        .filter(community_rooms::office_id.eq(office))
        .order(community_rooms::name.asc())
        .select((
            community_rooms::id,
            community_rooms::name,
            community_rooms::capacity,
            community_rooms::accessible,
        ))
        .load::<RoomLine>(conn)?;
    let rows: Vec<(i64, String, i32, bool)> = dwellings::table
        .filter(dwellings::building_id.eq(id))
        .filter(dwellings::office_id.eq(office))
        .select((
            dwellings::id,
            dwellings::number,
            dwellings::bedrooms,
            dwellings::adapted,
        ))
        .load(conn)?;
    let with_tenants = actor.can(Action::ReadTenants);
    let names = match with_tenants {
        true => current_tenants(conn, office, id)?,
        false => Vec::new(),
    };
    Ok(BuildingPage {
        building,
        rooms,
        dwellings: dwelling_lines(rows, names),
        with_tenants,
    })
}

/// The current tenants of a building's dwellings, by name.
fn current_tenants(
    conn: &mut DbConnection,
    office: i64,
    building: i64,
) -> Result<Vec<TenantName>, AppError> {
    // Start from the building's dwellings (IN on the tenants' dwelling index): joined the other
    // way, SQLite without statistics scans every tenant of the office.
    Ok(tenants::table
        .filter(
            tenants::dwelling_id.eq_any(
                dwellings::table
                    .filter(dwellings::building_id.eq(building))
                    .select(dwellings::id),
            ),
        )
        .filter(tenants::office_id.eq(office))
        .filter(
            tenants::move_out
                .is_null()
                .or(tenants::move_out.gt(crate::web::format::today())),
        )
        .order((tenants::last_name.asc(), tenants::first_name.asc()))
        .select((
            tenants::id,
            tenants::dwelling_id,
            tenants::first_name,
            tenants::last_name,
        ))
        .load(conn)?)
}

/// The dwellings with their tenants, in the natural order of door numbers ("2" before "10").
fn dwelling_lines(
    rows: Vec<(i64, String, i32, bool)>,
    mut names: Vec<TenantName>,
) -> Vec<DwellingLine> {
    let mut lines: Vec<DwellingLine> = rows
        .into_iter()
        .map(|(id, number, bedrooms, adapted)| {
            let (mine, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut names)
                .into_iter()
                .partition(|t| t.dwelling_id == id);
            names = rest;
            DwellingLine {
                id,
                number,
                bedrooms,
                adapted,
                tenants: mine,
            }
        })
        .collect();
    lines.sort_by_key(|l| natural_key(&l.number));
    lines
}

fn natural_key(s: &str) -> (u64, String) {
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    (digits.parse().unwrap_or(u64::MAX), s.to_owned())
}
