//! Buildings (immeubles): the registry's backbone. Model, validation and queries; `pages` and `api`
//! are the two ways in.

pub mod api;
pub mod pages;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::schema::buildings;
use crate::db::{like_escape, now, DbConnection};
use crate::domain::{text, validate, FieldErrors};
use crate::error::AppError;

/// Who a building is for.
pub const CLIENTELES: [&str; 4] = ["familles", "aines", "personnes_seules", "mixte"];

#[derive(Debug, Clone, Queryable, Serialize, utoipa::ToSchema)]
pub struct Building {
    pub id: i64,
    pub office_id: i64,
    pub name: String,
    pub address: String,
    pub municipality: String,
    pub postal_code: String,
    pub dwelling_count: i32,
    /// familles, aines, personnes_seules or mixte
    pub clientele: String,
    #[serde(skip)]
    pub search_text: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A building as submitted, every field a string (forms) or converted from JSON (API).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct BuildingInput {
    pub name: Option<String>,
    pub address: Option<String>,
    pub municipality: Option<String>,
    pub postal_code: Option<String>,
    pub dwelling_count: Option<String>,
    pub clientele: Option<String>,
}

/// A validated building.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = buildings)]
pub struct BuildingData {
    pub name: String,
    pub address: String,
    pub municipality: String,
    pub postal_code: String,
    pub dwelling_count: i32,
    pub clientele: String,
    pub search_text: String,
}

impl BuildingInput {
    pub fn validate(&self) -> Result<BuildingData, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = validate::required(&mut e, "name", self.name.as_deref().unwrap_or(""), 200);
        let address = validate::required(
            &mut e,
            "address",
            self.address.as_deref().unwrap_or(""),
            300,
        );
        let municipality = validate::required(
            &mut e,
            "municipality",
            self.municipality.as_deref().unwrap_or(""),
            120,
        );
        let postal_code = normalise_postal_code(&mut e, self.postal_code.as_deref());
        let dwelling_count = validate::integer(
            &mut e,
            "dwelling_count",
            self.dwelling_count.as_deref(),
            0,
            5000,
            Some(0),
        ) as i32;
        let clientele = validate::choice(
            &mut e,
            "clientele",
            self.clientele.as_deref(),
            &CLIENTELES,
            Some("mixte"),
        )
        .to_owned();
        let search_text = text::fold(&format!("{name} {address} {municipality} {postal_code}"));
        e.into_result(BuildingData {
            name,
            address,
            municipality,
            postal_code,
            dwelling_count,
            clientele,
            search_text,
        })
    }

    pub fn from_building(b: &Building) -> Self {
        BuildingInput {
            name: Some(b.name.clone()),
            address: Some(b.address.clone()),
            municipality: Some(b.municipality.clone()),
            postal_code: Some(b.postal_code.clone()),
            dwelling_count: Some(b.dwelling_count.to_string()),
            clientele: Some(b.clientele.clone()),
        }
    }
}

/// Canadian postal codes as "H2X 1Y4"; empty is allowed.
fn normalise_postal_code(e: &mut FieldErrors, value: Option<&str>) -> String {
    let compact: String = value
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect();
    if compact.is_empty() {
        return compact;
    }
    let b = compact.as_bytes();
    let ok = b.len() == 6
        && b.iter().enumerate().all(|(i, c)| {
            if i % 2 == 0 {
                c.is_ascii_alphabetic()
            } else {
                c.is_ascii_digit()
            }
        });
    if !ok {
        e.add("postal_code", "err-postal-code");
        return compact;
    }
    format!("{} {}", &compact[..3], &compact[3..])
}

/// The office's buildings matching `q` (accent- and case-insensitive), one page of them, and the total.
pub fn list(
    conn: &mut DbConnection,
    office_id: i64,
    q: &str,
    offset: i64,
    limit: i64,
) -> Result<(Vec<Building>, i64), AppError> {
    let filtered = || {
        let mut query = buildings::table
            .filter(buildings::office_id.eq(office_id))
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
        .offset(offset)
        .limit(limit)
        .load(conn)?;
    Ok((rows, total))
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

pub fn insert(
    conn: &mut DbConnection,
    office_id: i64,
    data: &BuildingData,
) -> Result<i64, AppError> {
    let at = now();
    Ok(diesel::insert_into(buildings::table)
        .values((
            buildings::office_id.eq(office_id),
            buildings::name.eq(&data.name),
            buildings::address.eq(&data.address),
            buildings::municipality.eq(&data.municipality),
            buildings::postal_code.eq(&data.postal_code),
            buildings::dwelling_count.eq(data.dwelling_count),
            buildings::clientele.eq(&data.clientele),
            buildings::search_text.eq(&data.search_text),
            buildings::created_at.eq(at),
            buildings::updated_at.eq(at),
        ))
        .returning(buildings::id)
        .get_result(conn)?)
}

pub fn update(
    conn: &mut DbConnection,
    office_id: i64,
    id: i64,
    data: &BuildingData,
) -> Result<(), AppError> {
    let n = diesel::update(
        buildings::table
            .filter(buildings::id.eq(id))
            .filter(buildings::office_id.eq(office_id)),
    )
    .set((data, buildings::updated_at.eq(now())))
    .execute(conn)?;
    if n == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Deletes an empty building; one that still has dwellings is a conflict.
pub fn delete(conn: &mut DbConnection, office_id: i64, id: i64) -> Result<(), AppError> {
    use crate::db::schema::dwellings;
    find(conn, office_id, id)?;
    let used: i64 = dwellings::table
        .filter(dwellings::building_id.eq(id))
        .count()
        .get_result(conn)?;
    if used > 0 {
        return Err(AppError::Conflict("err-building-not-empty"));
    }
    diesel::delete(
        crate::db::schema::community_rooms::table
            .filter(crate::db::schema::community_rooms::building_id.eq(id)),
    )
    .execute(conn)?;
    diesel::delete(buildings::table.filter(buildings::id.eq(id))).execute(conn)?;
    Ok(())
}

/// The CSV export of the office's buildings, with the headers the import accepts.
pub fn to_csv(rows: &[Building]) -> Result<Vec<u8>, AppError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let io = |e: csv::Error| AppError::internal(e);
    w.write_record([
        "id",
        "nom",
        "adresse",
        "municipalite",
        "code_postal",
        "logements",
        "clientele",
    ])
    .map_err(io)?;
    for b in rows {
        w.write_record([
            b.id.to_string().as_str(),
            &b.name,
            &b.address,
            &b.municipality,
            &b.postal_code,
            &b.dwelling_count.to_string(),
            &b.clientele,
        ])
        .map_err(io)?;
    }
    w.into_inner()
        .map_err(|e| AppError::internal(anyhow::anyhow!("csv: {e}")))
}

/// The buildings the actor may pick (id, name) by name: the building selects of other
/// capabilities' forms and filters.
pub fn names(
    conn: &mut DbConnection,
    actor: &crate::access::Actor,
) -> Result<Vec<(crate::domain::ids::BuildingId, String)>, AppError> {
    Ok(buildings::table
        .filter(buildings::office_id.eq(actor.office_id))
        .order((buildings::name.asc(), buildings::id.asc()))
        .select((buildings::id, buildings::name))
        .load(conn)?)
}
