//! What the dwelling form and the API submit, checked by one set of rules into [`DwellingData`].

use serde::{Deserialize, Serialize};

use super::{Dwelling, DwellingData};
use crate::domain::{validate, FieldErrors};
use crate::web::pagination::Pagination;

/// A dwelling as submitted (its building comes from the URL, or from the API body on creation).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct DwellingInput {
    pub number: Option<String>,
    pub bedrooms: Option<String>,
    /// A checkbox: present (and not "false") means adapted.
    pub adapted: Option<String>,
}

/// `?building_id=&page=&per_page=` of the dwellings list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct DwellingListQuery {
    /// Only this building's dwellings.
    pub building_id: Option<i64>,
    /// 1-based page number.
    pub page: Option<i64>,
    /// Items per page, 1 to 200 (default 50).
    pub per_page: Option<i64>,
}

/// A dwelling to create or replace.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct DwellingBody {
    /// Required on creation: one of the office's buildings. Ignored on update (a dwelling does not
    /// move between buildings).
    pub building_id: Option<i64>,
    /// Door number, unique within the building.
    #[schema(max_length = 20)]
    pub number: Option<String>,
    /// 0 to 10.
    pub bedrooms: Option<i32>,
    /// Adapted for reduced mobility (default false).
    pub adapted: Option<bool>,
}

impl From<DwellingBody> for DwellingInput {
    fn from(b: DwellingBody) -> Self {
        DwellingInput {
            number: b.number,
            bedrooms: b.bedrooms.map(|n| n.to_string()),
            adapted: b.adapted.map(|a| a.to_string()),
        }
    }
}

/// The building and validated fields of a creation, every field's problem reported at once.
pub fn validate_new(body: DwellingBody) -> Result<(i64, DwellingData), FieldErrors> {
    let building_id = body.building_id;
    let result = DwellingInput::from(body).validate();
    let mut errors = result.as_ref().err().cloned().unwrap_or_default();
    if building_id.is_none() {
        errors.add("building_id", "err-required");
    }
    match (result, building_id) {
        (Ok(data), Some(b)) if errors.is_empty() => Ok((b, data)),
        _ => Err(errors),
    }
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

impl DwellingListQuery {
    pub fn pagination(&self) -> Pagination {
        Pagination::new(self.page, self.per_page)
    }
}
