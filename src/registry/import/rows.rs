//! Checking rows: each kind's rules, applied to one row at a time against the office's records
//! (`Lookups`, loaded once), plus duplicates within the file. Pure: no database, no actix.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::read::{Row, Table};
use super::values::{clientele, date, language, yes_no};
use super::{CheckedRow, Kind, Report, RowError};
use crate::domain::{text, validate, FieldErrors};
use crate::registry::buildings::{BuildingData, BuildingInput};

/// The office's records that rows refer to or must not repeat.
#[derive(Debug, Default)]
pub struct Lookups {
    /// Building ids by folded name ("matched exactly after fold").
    pub building_names: HashMap<String, Vec<i64>>,
    pub building_ids: HashSet<i64>,
    /// Folded (name, address) of existing buildings.
    pub building_places: HashSet<(String, String)>,
    /// Dwelling ids by (building id, `number_key`).
    pub dwellings: HashMap<(i64, String), i64>,
    /// (dwelling id, folded full name) of current tenants.
    pub tenants: HashSet<(i64, String)>,
}

/// A valid row, ready to be written.
#[derive(Debug, Clone)]
pub enum Record {
    Building(BuildingData),
    Dwelling(NewDwelling),
    Tenant(NewTenant),
}

#[derive(Debug, Clone)]
pub struct NewDwelling {
    pub building_id: i64,
    pub number: String,
    pub bedrooms: i32,
    pub adapted: bool,
}

#[derive(Debug, Clone)]
pub struct NewTenant {
    pub dwelling_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub language: &'static str,
    pub phone: String,
    pub email: String,
    pub household_size: i32,
    pub move_in: Option<NaiveDate>,
    pub search_text: String,
}

/// Door numbers compare without surrounding spaces or case ("3a" is "3A").
pub fn number_key(number: &str) -> String {
    number.trim().to_lowercase()
}

/// What one kind's rules give for a row: the record when valid, and the key under which a second
/// row of the file would be a duplicate (with the field to blame).
type Outcome = (Option<Record>, Option<(&'static str, String)>);

/// Checks every row of `table`.
pub fn check(kind: Kind, table: &Table, lookups: &Lookups) -> Report {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let rows = table
        .rows
        .iter()
        .map(|row| {
            let mut e = FieldErrors::new();
            let (record, key) = match kind {
                Kind::Buildings => building(table, row, lookups, &mut e),
                Kind::Dwellings => dwelling(table, row, lookups, &mut e),
                Kind::Tenants => tenant(table, row, lookups, &mut e),
            };
            if let Some((field, key)) = key {
                match seen.get(&key) {
                    Some(first) => {
                        e.add_limit(field, "import-err-duplicate-in-file", *first as i64)
                    }
                    None => {
                        seen.insert(key, row.number);
                    }
                }
            }
            if row.extra_cells {
                e.add("", "import-err-extra-cells");
            }
            let errors: Vec<RowError> =
                e.0.into_iter()
                    .map(|(field, err)| RowError {
                        column: if field.is_empty() {
                            field
                        } else {
                            table.header_of(&field)
                        },
                        code: err.code,
                        number: err.limit,
                    })
                    .collect();
            CheckedRow {
                number: row.number,
                values: row
                    .cells
                    .iter()
                    .zip(&table.columns)
                    .filter(|(_, c)| c.is_some())
                    .map(|(v, _)| v.clone())
                    .collect(),
                record: if errors.is_empty() { record } else { None },
                errors,
            }
        })
        .collect();
    Report {
        kind,
        headers: table
            .headers
            .iter()
            .zip(&table.columns)
            .filter(|(_, c)| c.is_some())
            .map(|(h, _)| h.clone())
            .collect(),
        ignored: table.ignored(),
        rows,
    }
}

fn value<'a>(table: &Table, row: &'a Row, field: &str) -> &'a str {
    table.value(row, field).unwrap_or("").trim()
}

/// Buildings follow the same rules as the building form (`BuildingInput::validate`); a building
/// already registered under the same name at the same address is refused, so that importing a
/// file twice does not double the registry.
fn building(table: &Table, row: &Row, lookups: &Lookups, e: &mut FieldErrors) -> Outcome {
    let get = |field| table.value(row, field).map(str::to_owned);
    let input = BuildingInput {
        name: get("name"),
        address: get("address"),
        municipality: get("municipality"),
        postal_code: get("postal_code"),
        dwelling_count: get("dwelling_count"),
        clientele: get("clientele").map(|c| clientele(&c)),
    };
    let record = match input.validate() {
        Ok(data) => Some(Record::Building(data)),
        Err(errors) => {
            for (field, err) in errors.0 {
                e.0.entry(field).or_insert(err);
            }
            None
        }
    };
    let place = (
        text::fold(value(table, row, "name")),
        text::fold(value(table, row, "address")),
    );
    if place.0.is_empty() {
        return (record, None);
    }
    if lookups.building_places.contains(&place) {
        e.add("name", "import-err-building-exists");
    }
    (record, Some(("name", format!("{}\n{}", place.0, place.1))))
}

/// A dwelling: its building (by name or id, in this office), a number unique in the building,
/// bedrooms 0 to 10, adapted or not.
fn dwelling(table: &Table, row: &Row, lookups: &Lookups, e: &mut FieldErrors) -> Outcome {
    let building_id = building_ref(table, row, lookups, e);
    let number = validate::required(e, "number", value(table, row, "number"), 20);
    let bedrooms = validate::integer(
        e,
        "bedrooms",
        Some(value(table, row, "bedrooms")),
        0,
        10,
        Some(1),
    ) as i32;
    let adapted = yes_no(e, "adapted", value(table, row, "adapted"));
    let Some(building_id) = building_id else {
        return (None, None);
    };
    if number.is_empty() {
        return (None, None);
    }
    if lookups
        .dwellings
        .contains_key(&(building_id, number_key(&number)))
    {
        e.add("number", "import-err-dwelling-exists");
    }
    let key = format!("{building_id}/{}", number_key(&number));
    let record = e.is_empty().then_some(Record::Dwelling(NewDwelling {
        building_id,
        number,
        bedrooms,
        adapted,
    }));
    (record, Some(("number", key)))
}

/// A tenant: names, the dwelling (number within a building of this office), language, contact
/// details, move-in date and household size. No consent is imported: a person records it.
fn tenant(table: &Table, row: &Row, lookups: &Lookups, e: &mut FieldErrors) -> Outcome {
    let first_name = validate::required(e, "first_name", value(table, row, "first_name"), 100);
    let last_name = validate::required(e, "last_name", value(table, row, "last_name"), 100);
    let building_id = building_ref(table, row, lookups, e);
    let number = value(table, row, "dwelling");
    let dwelling_id = if number.is_empty() {
        e.add("dwelling", "err-required");
        None
    } else {
        building_id.and_then(|b| {
            let found = lookups.dwellings.get(&(b, number_key(number))).copied();
            if found.is_none() {
                e.add("dwelling", "import-err-unknown-dwelling");
            }
            found
        })
    };
    let language = language(e, value(table, row, "language"));
    let phone = validate::optional(e, "phone", Some(value(table, row, "phone")), 30);
    let email = validate::email(e, "email", Some(value(table, row, "email")), false);
    let move_in = date(e, "move_in", value(table, row, "move_in"));
    let household_size = validate::integer(
        e,
        "household",
        Some(value(table, row, "household")),
        1,
        20,
        Some(1),
    ) as i32;
    let Some(dwelling_id) = dwelling_id else {
        return (None, None);
    };
    let who = text::fold(&format!("{first_name} {last_name}"));
    if lookups.tenants.contains(&(dwelling_id, who.clone())) {
        e.add("first_name", "import-err-tenant-exists");
    }
    let key = format!("{dwelling_id}/{who}");
    let record = e.is_empty().then(|| {
        Record::Tenant(NewTenant {
            dwelling_id,
            search_text: text::tenant_search_text(&first_name, &last_name, &email, &phone),
            first_name,
            last_name,
            language,
            phone,
            email,
            household_size,
            move_in,
        })
    });
    (record, Some(("first_name", key)))
}

/// The building a row names: by id when the file has a filled `immeuble_id` column, else by name.
/// Either must be one of the office's buildings; another office's never matches.
fn building_ref(table: &Table, row: &Row, lookups: &Lookups, e: &mut FieldErrors) -> Option<i64> {
    let id = value(table, row, "building_id");
    if !id.is_empty() || !table.has("building") {
        let n = validate::integer(e, "building_id", Some(id), 1, i64::MAX, None);
        if e.0.contains_key("building_id") {
            return None;
        }
        if !lookups.building_ids.contains(&n) {
            e.add("building_id", "err-unknown-reference");
            return None;
        }
        return Some(n);
    }
    let name = value(table, row, "building");
    if name.is_empty() {
        e.add("building", "err-required");
        return None;
    }
    match lookups
        .building_names
        .get(&text::fold(name))
        .map(Vec::as_slice)
    {
        Some([id]) => Some(*id),
        Some(_) => {
            e.add("building", "import-err-ambiguous-building");
            None
        }
        None => {
            e.add("building", "import-err-unknown-building");
            None
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
