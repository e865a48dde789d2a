//! The access log's filters (`?user_id=&record_kind=&record_id=&from=&to=&page=&per_page=`), as
//! the page, the CSV and the API take them, parsed into an [`AccessFilter`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::access::log::RecordKind;
use crate::domain::ids::UserId;
use crate::domain::{validate, FieldErrors};
use crate::web::pagination::{query_string, Pagination};

#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AccessLogQuery {
    /// The person who read.
    #[param(value_type = Option<i64>)]
    pub user_id: Option<String>,
    #[param(value_type = Option<RecordKind>)]
    pub record_kind: Option<String>,
    /// One record (with `record_kind`).
    #[param(value_type = Option<i64>)]
    pub record_id: Option<String>,
    /// First day, YYYY-MM-DD (Montréal time).
    #[param(value_type = Option<String>, format = Date)]
    pub from: Option<String>,
    /// Last day, YYYY-MM-DD.
    #[param(value_type = Option<String>, format = Date)]
    pub to: Option<String>,
    #[param(value_type = Option<i64>, minimum = 1)]
    pub page: Option<String>,
    #[param(value_type = Option<i64>, minimum = 1, maximum = 200)]
    pub per_page: Option<String>,
}

/// What the log is narrowed to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccessFilter {
    pub user_id: Option<UserId>,
    pub record_kind: Option<RecordKind>,
    pub record_id: Option<i64>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl AccessLogQuery {
    pub fn filter(&self) -> Result<AccessFilter, FieldErrors> {
        let mut e = FieldErrors::new();
        let user_id = validate::reference(&mut e, "user_id", self.user_id.as_deref());
        let record_kind = match self.record_kind.as_deref().map(str::trim) {
            None | Some("") => None,
            v => validate::code(&mut e, "record_kind", v, RecordKind::parse, None),
        };
        let record_id = validate::reference(&mut e, "record_id", self.record_id.as_deref());
        let from = validate::date(&mut e, "from", self.from.as_deref());
        let to = validate::date(&mut e, "to", self.to.as_deref());
        if from.zip(to).is_some_and(|(f, t)| f > t) {
            e.add("to", "err-journal-date-range");
        }
        e.into_result(AccessFilter {
            user_id,
            record_kind,
            record_id,
            from,
            to,
        })
    }

    pub fn pagination(&self) -> Pagination {
        Pagination::parse(self.page.as_deref(), self.per_page.as_deref())
    }

    /// The filters as a query string (no page), for pager links and the CSV link.
    pub fn to_query_string(&self) -> String {
        fn v(o: &Option<String>) -> &str {
            o.as_deref().unwrap_or("")
        }
        query_string([
            ("user_id", v(&self.user_id)),
            ("record_kind", v(&self.record_kind)),
            ("record_id", v(&self.record_id)),
            ("from", v(&self.from)),
            ("to", v(&self.to)),
        ])
    }
}
