//! An access request as the form and the API submit it, parsed once into an
//! [`AccessRequestData`]: received not in the future, a requester, what is asked, a status, and an
//! answer date exactly when answered or refused (not before receipt, not in the future).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{AccessRequest, Ask, Status};
use crate::domain::ids::TenantId;
use crate::domain::{validate, FieldErrors};

/// A validated request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessRequestData {
    pub received_on: NaiveDate,
    pub requester: String,
    pub tenant_id: Option<TenantId>,
    pub kind: Ask,
    pub details: String,
    pub status: Status,
    pub answered_on: Option<NaiveDate>,
}

/// The form: every field text.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct AccessRequestForm {
    pub received_on: Option<String>,
    pub requester: Option<String>,
    pub tenant_id: Option<String>,
    pub kind: Option<String>,
    pub details: Option<String>,
    pub status: Option<String>,
    pub answered_on: Option<String>,
}

/// A request to create or replace through the API.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct AccessRequestBody {
    /// Not in the future.
    #[schema(value_type = Option<String>, format = Date)]
    pub received_on: Option<String>,
    #[schema(max_length = 200)]
    pub requester: Option<String>,
    /// A tenant of the office, when the request is about one.
    pub tenant_id: Option<TenantId>,
    #[schema(value_type = Ask)]
    pub kind: Option<String>,
    #[schema(max_length = 2000)]
    pub details: Option<String>,
    /// Default `received`.
    #[schema(value_type = Option<Status>)]
    pub status: Option<String>,
    /// Required when answered or refused, refused otherwise.
    #[schema(value_type = Option<String>, format = Date)]
    pub answered_on: Option<String>,
}

struct Raw<'a> {
    received_on: Option<&'a str>,
    requester: Option<&'a str>,
    tenant_id: Option<TenantId>,
    kind: Option<&'a str>,
    details: Option<&'a str>,
    status: Option<&'a str>,
    answered_on: Option<&'a str>,
}

fn check(
    mut e: FieldErrors,
    raw: Raw<'_>,
    today: NaiveDate,
) -> Result<AccessRequestData, FieldErrors> {
    let received_on = validate::required_date(&mut e, "received_on", raw.received_on);
    if received_on > today {
        e.add("received_on", "err-incident-future");
    }
    let requester = validate::required(&mut e, "requester", raw.requester.unwrap_or(""), 200);
    let kind = validate::code(&mut e, "kind", raw.kind, Ask::parse, None);
    let details = validate::optional(&mut e, "details", raw.details, 2000);
    let status = validate::code(
        &mut e,
        "status",
        raw.status,
        Status::parse,
        Some(Status::Received),
    )
    .unwrap_or(Status::Received);
    let answered_on = validate::date(&mut e, "answered_on", raw.answered_on);
    match answered_on {
        None if status.is_closed() => e.add("answered_on", "err-required"),
        Some(_) if !status.is_closed() => e.add("answered_on", "err-access-request-not-answered"),
        Some(d) if d < received_on || d > today => {
            e.add("answered_on", "err-access-request-answer-date")
        }
        _ => {}
    }
    e.into_result(AccessRequestData {
        received_on,
        requester,
        tenant_id: raw.tenant_id,
        kind: kind.unwrap_or(Ask::Access),
        details,
        status,
        answered_on,
    })
}

impl AccessRequestForm {
    pub fn of(r: &AccessRequest) -> Self {
        AccessRequestForm {
            received_on: Some(r.received_on.to_string()),
            requester: Some(r.requester.clone()),
            tenant_id: r.tenant_id.map(|t| t.to_string()),
            kind: Some(r.kind.as_str().to_owned()),
            details: Some(r.details.clone()),
            status: Some(r.status.as_str().to_owned()),
            answered_on: r.answered_on.map(|d| d.to_string()),
        }
    }

    pub fn parse(&self, today: NaiveDate) -> Result<AccessRequestData, FieldErrors> {
        let mut e = FieldErrors::new();
        let tenant_id = validate::reference(&mut e, "tenant_id", self.tenant_id.as_deref());
        let raw = Raw {
            received_on: self.received_on.as_deref(),
            requester: self.requester.as_deref(),
            tenant_id,
            kind: self.kind.as_deref(),
            details: self.details.as_deref(),
            status: self.status.as_deref(),
            answered_on: self.answered_on.as_deref(),
        };
        check(e, raw, today)
    }
}

impl AccessRequestBody {
    pub fn parse(&self, today: NaiveDate) -> Result<AccessRequestData, FieldErrors> {
        let raw = Raw {
            received_on: self.received_on.as_deref(),
            requester: self.requester.as_deref(),
            tenant_id: self.tenant_id,
            kind: self.kind.as_deref(),
            details: self.details.as_deref(),
            status: self.status.as_deref(),
            answered_on: self.answered_on.as_deref(),
        };
        check(FieldErrors::new(), raw, today)
    }
}
