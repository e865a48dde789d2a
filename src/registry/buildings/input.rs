//! What the building form and the API submit, checked by one set of rules into [`BuildingData`];
//! and the list's search and page.

use serde::{Deserialize, Serialize};

use super::{Building, BuildingData, Clientele, CLIENTELES};
use crate::domain::{text, validate, FieldErrors};
use crate::web::pagination::{query_string, Pagination};

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

/// A building to create or replace.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct BuildingBody {
    #[schema(max_length = 200)]
    pub name: Option<String>,
    #[schema(max_length = 300)]
    pub address: Option<String>,
    #[schema(max_length = 120)]
    pub municipality: Option<String>,
    pub postal_code: Option<String>,
    pub dwelling_count: Option<i32>,
    /// familles, aines, personnes_seules or mixte (default)
    pub clientele: Option<String>,
}

impl From<BuildingBody> for BuildingInput {
    fn from(b: BuildingBody) -> Self {
        BuildingInput {
            name: b.name,
            address: b.address,
            municipality: b.municipality,
            postal_code: b.postal_code,
            dwelling_count: b.dwelling_count.map(|n| n.to_string()),
            clientele: b.clientele,
        }
    }
}

impl BuildingInput {
    pub fn validate(&self) -> Result<BuildingData, FieldErrors> {
        let mut e = FieldErrors::new();
        let field = |v: &Option<String>| v.as_deref().unwrap_or("").to_owned();
        let name = validate::required(&mut e, "name", &field(&self.name), 200);
        let address = validate::required(&mut e, "address", &field(&self.address), 300);
        let municipality =
            validate::required(&mut e, "municipality", &field(&self.municipality), 120);
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
        );
        let clientele = Clientele::parse(clientele).unwrap_or(Clientele::Mixte);
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
            clientele: Some(b.clientele.to_string()),
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

/// `?q=&page=` of the list page: `q` searches name, address and municipality, accents and case
/// ignored.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct BuildingQuery {
    pub q: Option<String>,
    pub page: Option<String>,
}

/// The search, trimmed and at most 100 characters.
fn terms(q: &Option<String>) -> String {
    q.as_deref()
        .unwrap_or("")
        .trim()
        .chars()
        .take(100)
        .collect()
}

impl BuildingQuery {
    pub fn terms(&self) -> String {
        terms(&self.q)
    }

    pub fn pagination(&self) -> Pagination {
        Pagination::html(self.page.as_deref())
    }

    /// The pager's links keep the search.
    pub fn to_query_string(&self) -> String {
        query_string([("q", self.terms().as_str())])
    }
}

/// `?q=&page=&per_page=` of the API's list (numbers, or the request is refused with 400).
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BuildingApiQuery {
    /// Searches name, address and municipality, accents and case ignored.
    pub q: Option<String>,
    /// 1-based page number.
    #[param(minimum = 1)]
    pub page: Option<i64>,
    /// Items per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub per_page: Option<i64>,
}

impl BuildingApiQuery {
    pub fn terms(&self) -> String {
        terms(&self.q)
    }

    pub fn pagination(&self) -> Pagination {
        Pagination::new(self.page, self.per_page)
    }
}
