//! What the journal's forms, API and list filters submit, parsed once into typed values: a form's
//! text fields and the API's JSON both become an [`EntryData`] through the same rules, and the list's
//! query string becomes a [`JournalFilter`]. Each value that makes no sense is a field message.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{JournalEntry, NOTE_MAX};
use crate::domain::ids::{BuildingId, UserId};
use crate::domain::poles::{Pole, SubActivity};
use crate::domain::{validate, FieldErrors};
use crate::web::pagination::{query_string, Pagination};

/// A manual entry, validated: the pole follows from the sub-activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryData {
    pub sub_activity: SubActivity,
    pub occurred_on: NaiveDate,
    pub duration_minutes: i32,
    pub building_id: Option<BuildingId>,
    pub people_reached: i32,
    pub note: String,
}

/// An entry as the form submits it: every field text, kept as typed to show it again.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct EntryForm {
    pub pole: Option<String>,
    pub sub_activity: Option<String>,
    pub occurred_on: Option<String>,
    pub duration_minutes: Option<String>,
    pub building_id: Option<String>,
    pub people_reached: Option<String>,
    pub note: Option<String>,
}

/// A manual entry to create or replace through the API.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct EntryBody {
    /// 1 to 4; optional, it follows from the sub-activity (and must match it when given).
    pub pole: Option<i64>,
    /// A sub-activity code, e.g. `ateliers_groupe` (an unknown one is a field error).
    #[schema(value_type = Option<SubActivity>)]
    pub sub_activity: Option<String>,
    /// YYYY-MM-DD, at most one day ahead.
    #[schema(value_type = Option<String>, format = Date)]
    pub occurred_on: Option<String>,
    /// 1 to 1440.
    #[schema(minimum = 1, maximum = 1440)]
    pub duration_minutes: Option<i64>,
    /// A building of the office.
    pub building_id: Option<BuildingId>,
    /// 0 to 10000 (default 0).
    #[schema(minimum = 0, maximum = 10000)]
    pub people_reached: Option<i64>,
    /// At most 500 characters; no tenant names.
    #[schema(max_length = 500)]
    pub note: Option<String>,
}

/// The fields both submissions share once numbers are numbers.
struct Raw<'a> {
    pole: Option<i64>,
    sub_activity: Option<SubActivity>,
    occurred_on: Option<&'a str>,
    duration_minutes: Option<i64>,
    building_id: Option<BuildingId>,
    people_reached: Option<i64>,
    note: Option<&'a str>,
}

/// The journal's rules for one entry; `today` bounds the date (at most one day ahead, for time
/// zones and entries typed the evening before an early activity).
fn check(mut e: FieldErrors, raw: Raw<'_>, today: NaiveDate) -> Result<EntryData, FieldErrors> {
    let given = raw.pole.map(|n| {
        let pole = Pole::new(n);
        if pole.is_none() {
            e.add("pole", "err-invalid-choice");
        }
        pole
    });
    match (raw.sub_activity, given.flatten()) {
        (None, _) => e.add("sub_activity", "err-required"),
        (Some(sub), Some(pole)) if sub.pole() != pole => {
            e.add("sub_activity", "err-journal-subactivity-pole")
        }
        _ => {}
    }
    let occurred_on = validate::required_date(&mut e, "occurred_on", raw.occurred_on);
    if occurred_on > today + chrono::Days::new(1) {
        e.add("occurred_on", "err-journal-future-date");
    }
    let duration = validate::bounded(
        &mut e,
        "duration_minutes",
        raw.duration_minutes,
        1,
        1440,
        None,
    );
    let people = validate::bounded(
        &mut e,
        "people_reached",
        raw.people_reached,
        0,
        10_000,
        Some(0),
    );
    let note = validate::optional(&mut e, "note", raw.note, NOTE_MAX);
    let sub_activity = raw
        .sub_activity
        .unwrap_or(SubActivity::AccompagnementServices);
    e.into_result(EntryData {
        sub_activity,
        occurred_on,
        duration_minutes: duration as i32,
        building_id: raw.building_id,
        people_reached: people as i32,
        note,
    })
}

impl EntryForm {
    /// A blank form: today, one hour.
    pub fn blank(today: NaiveDate) -> Self {
        EntryForm {
            occurred_on: Some(today.format("%Y-%m-%d").to_string()),
            duration_minutes: Some("60".into()),
            people_reached: Some("0".into()),
            ..Default::default()
        }
    }

    /// The form of an existing entry.
    pub fn of(entry: &JournalEntry) -> Self {
        EntryForm {
            pole: Some(entry.pole.number().to_string()),
            sub_activity: Some(entry.sub_activity.as_str().to_owned()),
            occurred_on: Some(entry.occurred_on.format("%Y-%m-%d").to_string()),
            duration_minutes: Some(entry.duration_minutes.to_string()),
            building_id: entry.building_id.map(|b| b.to_string()),
            people_reached: Some(entry.people_reached.to_string()),
            note: Some(entry.note.clone()),
        }
    }

    pub fn parse(&self, today: NaiveDate) -> Result<EntryData, FieldErrors> {
        let mut e = FieldErrors::new();
        let number = |e: &mut FieldErrors, field: &str, v: &Option<String>| {
            let v = v.as_deref().unwrap_or("").trim();
            if v.is_empty() {
                return None;
            }
            let n = v.parse::<i64>().ok();
            if n.is_none() {
                e.add(field, "err-not-a-number");
            }
            n
        };
        let pole = match self.pole.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(p) => Some(p.parse::<i64>().unwrap_or(0)),
        };
        let sub_activity = validate::code(
            &mut e,
            "sub_activity",
            self.sub_activity.as_deref(),
            SubActivity::parse,
            None,
        );
        let duration_minutes = number(&mut e, "duration_minutes", &self.duration_minutes);
        let people_reached = number(&mut e, "people_reached", &self.people_reached);
        let building_id = validate::reference(&mut e, "building_id", self.building_id.as_deref());
        let raw = Raw {
            pole,
            sub_activity,
            occurred_on: self.occurred_on.as_deref(),
            duration_minutes,
            building_id,
            people_reached,
            note: self.note.as_deref(),
        };
        check(e, raw, today)
    }
}

impl EntryBody {
    pub fn parse(&self, today: NaiveDate) -> Result<EntryData, FieldErrors> {
        let mut e = FieldErrors::new();
        let sub_activity = validate::code(
            &mut e,
            "sub_activity",
            self.sub_activity.as_deref(),
            SubActivity::parse,
            None,
        );
        let raw = Raw {
            pole: self.pole,
            sub_activity,
            occurred_on: self.occurred_on.as_deref(),
            duration_minutes: self.duration_minutes,
            building_id: self.building_id,
            people_reached: self.people_reached,
            note: self.note.as_deref(),
        };
        check(e, raw, today)
    }
}

/// `?pole=&sub_activity=&building_id=&author=&from=&to=&page=&per_page=` (all optional), as the
/// list page, the CSV export and the API take them.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct JournalQuery {
    /// 1 to 4
    #[param(value_type = Option<i32>, minimum = 1, maximum = 4)]
    pub pole: Option<String>,
    /// A sub-activity code.
    #[param(value_type = Option<SubActivity>)]
    pub sub_activity: Option<String>,
    #[param(value_type = Option<i64>)]
    pub building_id: Option<String>,
    /// `me` for the caller's own entries; `all` (default) for the office's.
    #[param(pattern = "^(me|all)$")]
    pub author: Option<String>,
    /// First day, YYYY-MM-DD.
    #[param(value_type = Option<String>, format = Date)]
    pub from: Option<String>,
    /// Last day, YYYY-MM-DD.
    #[param(value_type = Option<String>, format = Date)]
    pub to: Option<String>,
    /// 1-based page number.
    #[param(value_type = Option<i64>, minimum = 1)]
    pub page: Option<String>,
    /// Items per page, 1 to 200 (default 50; API only).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 200)]
    pub per_page: Option<String>,
}

/// What a journal list is narrowed to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JournalFilter {
    pub pole: Option<Pole>,
    pub sub_activity: Option<SubActivity>,
    pub building_id: Option<BuildingId>,
    pub author_id: Option<UserId>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl JournalQuery {
    /// The filter for the user `me`, or a message per invalid value.
    pub fn filter(&self, me: UserId) -> Result<JournalFilter, FieldErrors> {
        let mut e = FieldErrors::new();
        let pole = match blank(&self.pole) {
            true => None,
            false => validate::code(&mut e, "pole", self.pole.as_deref(), parse_pole, None),
        };
        let sub_activity = match blank(&self.sub_activity) {
            true => None,
            false => validate::code(
                &mut e,
                "sub_activity",
                self.sub_activity.as_deref(),
                SubActivity::parse,
                None,
            ),
        };
        let building_id = validate::reference(&mut e, "building_id", self.building_id.as_deref());
        let author_id = match self.author.as_deref().map(str::trim) {
            None | Some("") | Some("all") => None,
            Some("me") => Some(me),
            Some(_) => {
                e.add("author", "err-invalid-choice");
                None
            }
        };
        let from = validate::date(&mut e, "from", self.from.as_deref());
        let to = validate::date(&mut e, "to", self.to.as_deref());
        if from.zip(to).is_some_and(|(f, t)| f > t) {
            e.add("to", "err-journal-date-range");
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

    pub fn pagination(&self) -> Pagination {
        Pagination::parse(self.page.as_deref(), self.per_page.as_deref())
    }

    /// The filters as a query string (no page), for pager links and the CSV export link.
    pub fn to_query_string(&self) -> String {
        fn v(o: &Option<String>) -> &str {
            o.as_deref().unwrap_or("")
        }
        query_string([
            ("pole", v(&self.pole)),
            ("sub_activity", v(&self.sub_activity)),
            ("building_id", v(&self.building_id)),
            ("author", v(&self.author)),
            ("from", v(&self.from)),
            ("to", v(&self.to)),
        ])
    }
}

fn blank(v: &Option<String>) -> bool {
    v.as_deref().is_none_or(|s| s.trim().is_empty())
}

fn parse_pole(s: &str) -> Option<Pole> {
    s.parse::<i64>().ok().and_then(Pole::new)
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
        let f = q.filter(UserId(7)).unwrap();
        assert_eq!(
            (f.pole, f.author_id),
            (Some(Pole::CommunityApproach), Some(UserId(7)))
        );
        assert_eq!(q.to_query_string(), "pole=3&author=me&from=2025-01-01");
        let bad = JournalQuery {
            pole: Some("9".into()),
            sub_activity: Some("sieste".into()),
            from: Some("2025-02-01".into()),
            to: Some("2025-01-01".into()),
            ..Default::default()
        };
        let errors = bad.filter(UserId(1)).unwrap_err();
        let fields: Vec<_> = errors.0.keys().map(String::as_str).collect();
        assert_eq!(fields, ["pole", "sub_activity", "to"]);
    }

    #[test]
    fn a_form_and_a_json_body_follow_the_same_rules() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let form = EntryForm {
            pole: Some("2".into()),
            sub_activity: Some("ateliers_groupe".into()),
            occurred_on: Some("2026-03-01".into()),
            duration_minutes: Some("x".into()),
            ..Default::default()
        };
        let fields: Vec<_> = form.parse(today).unwrap_err().0.into_keys().collect();
        assert_eq!(fields, ["duration_minutes", "sub_activity"]);
        let body = EntryBody {
            pole: None,
            sub_activity: Some("ateliers_groupe".into()),
            occurred_on: Some("2026-03-01".into()),
            duration_minutes: Some(90),
            building_id: None,
            people_reached: None,
            note: None,
        };
        let data = body.parse(today).unwrap();
        assert_eq!(data.sub_activity.pole(), Pole::CommunityApproach);
        assert_eq!((data.duration_minutes, data.people_reached), (90, 0));
    }
}
