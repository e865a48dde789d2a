//! The request lists' filters, shared by the list page, the department queue, the CSV export and
//! the API: query-string values parsed into a [`RequestFilter`], a message for each one that makes
//! no sense.

use serde::{Deserialize, Serialize};

use crate::domain::ids::{BuildingId, CategoryId, DepartmentId};
use crate::domain::{validate, FieldErrors};
use crate::requests::{Status, Urgency};
use crate::web::pagination::{query_string, Pagination};

/// `?status=&category_id=&building_id=&urgency=&late=&page=&per_page=` (all optional).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RequestQuery {
    /// new, routed, in_progress, waiting, resolved, closed, or `open` for the first four.
    pub status: Option<String>,
    #[param(value_type = Option<i64>)]
    pub category_id: Option<String>,
    #[param(value_type = Option<i64>)]
    pub building_id: Option<String>,
    /// low, normal, urgent
    pub urgency: Option<String>,
    /// `1` for requests past their response target only.
    pub late: Option<String>,
    /// 1-based page number.
    #[param(value_type = Option<i64>)]
    pub page: Option<String>,
    /// Items per page, 1 to 200 (default 50; API only).
    #[param(value_type = Option<i64>)]
    pub per_page: Option<String>,
}

/// Which statuses a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    One(Status),
    Open,
}

/// What a request list is narrowed to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestFilter {
    pub status: Option<StatusFilter>,
    pub category_id: Option<CategoryId>,
    pub building_id: Option<BuildingId>,
    pub urgency: Option<Urgency>,
    pub late: bool,
    /// The department queue: this department's requests, latest target first.
    pub department_id: Option<DepartmentId>,
}

fn value(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("").trim()
}

impl RequestQuery {
    pub fn filter(&self) -> Result<RequestFilter, FieldErrors> {
        let mut e = FieldErrors::new();
        let status = match value(&self.status) {
            "" => None,
            "open" => Some(StatusFilter::Open),
            s => Status::parse(s).map(StatusFilter::One).or_else(|| {
                e.add("status", "err-invalid-choice");
                None
            }),
        };
        let urgency = match value(&self.urgency) {
            "" => None,
            u => Urgency::parse(u).or_else(|| {
                e.add("urgency", "err-invalid-choice");
                None
            }),
        };
        let category_id = validate::reference(&mut e, "category_id", self.category_id.as_deref());
        let building_id = validate::reference(&mut e, "building_id", self.building_id.as_deref());
        e.into_result(RequestFilter {
            status,
            category_id,
            building_id,
            urgency,
            late: matches!(value(&self.late), "1" | "true" | "on"),
            department_id: None,
        })
    }

    /// The API's page: `page` and `per_page`, leniently.
    pub fn pagination(&self) -> Pagination {
        Pagination::parse(self.page.as_deref(), self.per_page.as_deref())
    }

    /// The HTML lists' page: `page` at the fixed page size.
    pub fn html_page(&self) -> Pagination {
        Pagination::html(self.page.as_deref())
    }

    /// The filters as a query string (no page), for pager and export links.
    pub fn to_query_string(&self) -> String {
        query_string([
            ("status", value(&self.status)),
            ("category_id", value(&self.category_id)),
            ("building_id", value(&self.building_id)),
            ("urgency", value(&self.urgency)),
            ("late", value(&self.late)),
        ])
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn request_filters_parse_and_report_nonsense() {
        let q = RequestQuery {
            status: Some("open".into()),
            urgency: Some("urgent".into()),
            late: Some("1".into()),
            ..Default::default()
        };
        let f = q.filter().unwrap();
        assert_eq!(f.status, Some(StatusFilter::Open));
        assert!(f.late);
        assert_eq!(q.to_query_string(), "status=open&urgency=urgent&late=1");
        let bad = RequestQuery {
            status: Some("perdue".into()),
            building_id: Some("x".into()),
            ..Default::default()
        };
        let fields: Vec<_> = bad.filter().unwrap_err().0.into_keys().collect();
        assert_eq!(fields, ["building_id", "status"]);
    }
}
