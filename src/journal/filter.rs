//! The journal's filters, shared by the list page, the CSV export and the API: query-string values
//! parsed into a `JournalFilter`, with a field message for each value that makes no sense.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::poles::{self, Pole};
use crate::domain::{validate, FieldErrors};
use crate::web::urlencode;

/// `?pole=&sub_activity=&building_id=&author=&from=&to=&page=&per_page=` (all optional).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct JournalQuery {
    /// 1 to 4
    #[param(value_type = Option<i32>)]
    pub pole: Option<String>,
    /// A sub-activity code.
    pub sub_activity: Option<String>,
    #[param(value_type = Option<i64>)]
    pub building_id: Option<String>,
    /// `me` for the caller's own entries; `all` (default) for the office's.
    pub author: Option<String>,
    /// First day, YYYY-MM-DD.
    #[param(value_type = Option<String>, format = Date)]
    pub from: Option<String>,
    /// Last day, YYYY-MM-DD.
    #[param(value_type = Option<String>, format = Date)]
    pub to: Option<String>,
    /// 1-based page number.
    #[param(value_type = Option<i64>)]
    pub page: Option<String>,
    /// Items per page, 1 to 200 (default 50; API only).
    #[param(value_type = Option<i64>)]
    pub per_page: Option<String>,
}

/// What a journal list is narrowed to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JournalFilter {
    pub pole: Option<i32>,
    pub sub_activity: Option<String>,
    pub building_id: Option<i64>,
    pub author_id: Option<i64>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

fn value(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("").trim()
}

impl JournalQuery {
    /// The filter for the user `me`, or a message per invalid value.
    pub fn filter(&self, me: i64) -> Result<JournalFilter, FieldErrors> {
        let mut e = FieldErrors::new();
        let pole = match value(&self.pole) {
            "" => None,
            p => match p.parse::<i64>().ok().and_then(Pole::new) {
                Some(p) => Some(p.number()),
                None => {
                    e.add("pole", "err-invalid-choice");
                    None
                }
            },
        };
        let sub_activity = match value(&self.sub_activity) {
            "" => None,
            s if poles::pole_of(s).is_some() => Some(s.to_owned()),
            _ => {
                e.add("sub_activity", "err-invalid-choice");
                None
            }
        };
        let building_id = match value(&self.building_id) {
            "" => None,
            b => b.parse::<i64>().ok().or_else(|| {
                e.add("building_id", "err-unknown-reference");
                None
            }),
        };
        let author_id = match value(&self.author) {
            "" | "all" => None,
            "me" => Some(me),
            _ => {
                e.add("author", "err-invalid-choice");
                None
            }
        };
        let from = validate::date(&mut e, "from", self.from.as_deref());
        let to = validate::date(&mut e, "to", self.to.as_deref());
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                e.add("to", "err-journal-date-range");
            }
        }
        e.into_result(JournalFilter {
            pole,
            sub_activity,
            building_id,
            author_id,
            from,
            to,
        })
    }

    pub fn page(&self) -> i64 {
        value(&self.page)
            .parse::<i64>()
            .unwrap_or(1)
            .clamp(1, 1_000_000)
    }

    pub fn per_page(&self) -> i64 {
        value(&self.per_page)
            .parse::<i64>()
            .unwrap_or(50)
            .clamp(1, 200)
    }

    /// The filters as a query string (no page), for pager links and the CSV export link.
    pub fn to_query_string(&self) -> String {
        [
            ("pole", &self.pole),
            ("sub_activity", &self.sub_activity),
            ("building_id", &self.building_id),
            ("author", &self.author),
            ("from", &self.from),
            ("to", &self.to),
        ]
        .iter()
        .filter(|(_, v)| !value(v).is_empty())
        .map(|(k, v)| format!("{k}={}", urlencode(value(v))))
        .collect::<Vec<_>>()
        .join("&")
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn filters_parse_and_report_nonsense() {
        let q = JournalQuery {
            pole: Some("3".into()),
            author: Some("me".into()),
            from: Some("2025-01-01".into()),
            ..Default::default()
        };
        let f = q.filter(7).unwrap();
        assert_eq!((f.pole, f.author_id), (Some(3), Some(7)));
        assert_eq!(q.to_query_string(), "pole=3&author=me&from=2025-01-01");
        let bad = JournalQuery {
            pole: Some("9".into()),
            sub_activity: Some("sieste".into()),
            from: Some("2025-02-01".into()),
            to: Some("2025-01-01".into()),
            ..Default::default()
        };
        let errors = bad.filter(1).unwrap_err();
        let fields: Vec<_> = errors.0.keys().map(String::as_str).collect();
        assert_eq!(fields, ["pole", "sub_activity", "to"]);
    }
}
