//! What the request forms, the API and the list filters submit, parsed once into typed values: a
//! form's text fields and the API's JSON become the same `…Data` through the same rules, and a
//! list's query string becomes a [`RequestFilter`]. Each value that makes no sense is a field
//! message; what needs the database (does this building exist, may this step be taken now) is the
//! service's to check.

mod changes;
mod filter;

pub use changes::{
    CommentBody, CommentData, CommentForm, LinkBody, LinkData, LinkForm, Referral, StepBody,
    StepData, StepForm,
};
pub use filter::{RequestFilter, RequestQuery, StatusFilter};

use serde::{Deserialize, Serialize};

use super::{Urgency, TEXT_MAX};
use crate::domain::ids::{BuildingId, CategoryId, DwellingId, RequestId, TenantId};
use crate::domain::{validate, FieldErrors};

/// A request to record, validated. `building_id` is `None` only for a tenant's own home.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestData {
    pub building_id: Option<BuildingId>,
    pub dwelling_id: Option<DwellingId>,
    pub tenant_id: Option<TenantId>,
    pub category_id: CategoryId,
    pub urgency: Urgency,
    pub description: String,
    /// An open request of the same building to link this one under.
    pub parent_id: Option<RequestId>,
}

/// The request form's fields (multipart, for photos), as text, kept to show them again.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct RequestForm {
    pub building_id: Option<String>,
    pub dwelling_id: Option<String>,
    pub tenant_id: Option<String>,
    pub category_id: Option<String>,
    pub urgency: Option<String>,
    pub description: Option<String>,
    /// A candidate's id, or `none` (record it on its own).
    pub parent_id: Option<String>,
}

/// A request to record through the API.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct RequestBody {
    /// A building of the office (ignored for a tenant account: their own home).
    pub building_id: Option<BuildingId>,
    pub dwelling_id: Option<DwellingId>,
    pub tenant_id: Option<TenantId>,
    pub category_id: Option<CategoryId>,
    /// low, normal (default) or urgent
    #[schema(value_type = Option<Urgency>)]
    pub urgency: Option<String>,
    #[schema(max_length = 4000)]
    pub description: Option<String>,
    /// An open request of the same building to link this one under.
    pub parent_id: Option<RequestId>,
}

/// The fields both submissions share once ids are ids.
struct RawRequest<'a> {
    building_id: Option<BuildingId>,
    dwelling_id: Option<DwellingId>,
    tenant_id: Option<TenantId>,
    category_id: Option<CategoryId>,
    urgency: Option<&'a str>,
    description: Option<&'a str>,
    parent_id: Option<RequestId>,
}

/// The rules of a new request; `own_home`: a tenant's, whose building is their home's.
fn check(
    mut e: FieldErrors,
    raw: RawRequest<'_>,
    own_home: bool,
) -> Result<RequestData, FieldErrors> {
    let description = validate::required(
        &mut e,
        "description",
        raw.description.unwrap_or(""),
        TEXT_MAX,
    );
    let urgency = validate::code(
        &mut e,
        "urgency",
        raw.urgency,
        Urgency::parse,
        Some(Urgency::Normal),
    );
    if raw.building_id.is_none() && !own_home {
        e.add("building_id", "err-required");
    }
    if raw.category_id.is_none() {
        e.add("category_id", "err-required");
    }
    e.into_result(RequestData {
        building_id: raw.building_id,
        dwelling_id: raw.dwelling_id,
        tenant_id: raw.tenant_id,
        category_id: raw.category_id.unwrap_or_default(),
        urgency: urgency.unwrap_or(Urgency::Normal),
        description,
        parent_id: raw.parent_id,
    })
}

impl RequestForm {
    pub fn parse(&self, own_home: bool) -> Result<RequestData, FieldErrors> {
        let mut e = FieldErrors::new();
        let parent = self.parent_id.as_deref().filter(|p| p.trim() != "none");
        let raw = RawRequest {
            building_id: validate::reference(&mut e, "building_id", self.building_id.as_deref()),
            dwelling_id: validate::reference(&mut e, "dwelling_id", self.dwelling_id.as_deref()),
            tenant_id: validate::reference(&mut e, "tenant_id", self.tenant_id.as_deref()),
            category_id: validate::reference(&mut e, "category_id", self.category_id.as_deref()),
            urgency: self.urgency.as_deref(),
            description: self.description.as_deref(),
            parent_id: validate::reference(&mut e, "parent_id", parent),
        };
        check(e, raw, own_home)
    }

    /// The building and category chosen, when both are ids: what similar open requests share.
    pub fn place(&self) -> Option<(BuildingId, CategoryId)> {
        let text = |v: &Option<String>| v.as_deref().unwrap_or("").trim().to_owned();
        let building = text(&self.building_id).parse().ok();
        building.zip(text(&self.category_id).parse().ok())
    }
}

impl RequestBody {
    pub fn parse(&self, own_home: bool) -> Result<RequestData, FieldErrors> {
        let raw = RawRequest {
            building_id: self.building_id,
            dwelling_id: self.dwelling_id,
            tenant_id: self.tenant_id,
            category_id: self.category_id,
            urgency: self.urgency.as_deref(),
            description: self.description.as_deref(),
            parent_id: self.parent_id,
        };
        check(FieldErrors::new(), raw, own_home)
    }
}

/// `?building_id=&dwelling_id=&tenant_id=`: the request form opened from a building or a tenant.
#[derive(Debug, Default, Deserialize)]
pub struct Prefill {
    pub building_id: Option<String>,
    pub dwelling_id: Option<String>,
    pub tenant_id: Option<String>,
}

impl Prefill {
    /// The tenant the form is opened for, if the value is an id.
    pub fn tenant(&self) -> Option<TenantId> {
        self.tenant_id.as_deref().and_then(|t| t.parse().ok())
    }
}
