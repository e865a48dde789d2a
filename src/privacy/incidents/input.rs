//! An incident as the form and the API submit it, parsed once into an [`IncidentData`]: a summary
//! and the information concerned, a discovery date not in the future, an occurrence not after the
//! discovery, notifications not before the discovery, a number of people, a risk.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Incident, Risk};
use crate::domain::{validate, FieldErrors};

/// A validated incident.
#[derive(Debug, Clone, PartialEq, Eq, diesel::AsChangeset)]
#[diesel(table_name = crate::db::schema::privacy_incidents, treat_none_as_null = true)]
pub struct IncidentData {
    pub summary: String,
    pub occurred_on: Option<NaiveDate>,
    pub discovered_on: NaiveDate,
    pub information: String,
    pub people_affected: i32,
    pub risk: Risk,
    pub commission_notified_on: Option<NaiveDate>,
    pub people_notified_on: Option<NaiveDate>,
    pub measures: String,
}

/// The form: every field text.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct IncidentForm {
    pub summary: Option<String>,
    pub occurred_on: Option<String>,
    pub discovered_on: Option<String>,
    pub information: Option<String>,
    pub people_affected: Option<String>,
    pub risk: Option<String>,
    pub commission_notified_on: Option<String>,
    pub people_notified_on: Option<String>,
    pub measures: Option<String>,
}

/// An incident to create or replace through the API.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct IncidentBody {
    #[schema(max_length = 200)]
    pub summary: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub occurred_on: Option<String>,
    /// Not in the future.
    #[schema(value_type = Option<String>, format = Date)]
    pub discovered_on: Option<String>,
    #[schema(max_length = 2000)]
    pub information: Option<String>,
    #[schema(minimum = 0, maximum = 10000000)]
    pub people_affected: Option<i64>,
    #[schema(value_type = Risk)]
    pub risk: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub commission_notified_on: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub people_notified_on: Option<String>,
    #[schema(max_length = 4000)]
    pub measures: Option<String>,
}

struct Raw<'a> {
    summary: Option<&'a str>,
    occurred_on: Option<&'a str>,
    discovered_on: Option<&'a str>,
    information: Option<&'a str>,
    people_affected: Option<i64>,
    risk: Option<&'a str>,
    commission_notified_on: Option<&'a str>,
    people_notified_on: Option<&'a str>,
    measures: Option<&'a str>,
}

fn check(mut e: FieldErrors, raw: Raw<'_>, today: NaiveDate) -> Result<IncidentData, FieldErrors> {
    let summary = validate::required(&mut e, "summary", raw.summary.unwrap_or(""), 200);
    let information =
        validate::required(&mut e, "information", raw.information.unwrap_or(""), 2000);
    let discovered_on = validate::required_date(&mut e, "discovered_on", raw.discovered_on);
    if discovered_on > today {
        e.add("discovered_on", "err-incident-future");
    }
    let occurred_on = validate::date(&mut e, "occurred_on", raw.occurred_on);
    if occurred_on.is_some_and(|d| d > discovered_on) {
        e.add("occurred_on", "err-incident-occurred-after-discovery");
    }
    let mut notified = |field: &str, v: Option<&str>| {
        let d = validate::date(&mut e, field, v);
        if d.is_some_and(|d| d < discovered_on) {
            e.add(field, "err-incident-notified-before-discovery");
        }
        d
    };
    let commission_notified_on = notified("commission_notified_on", raw.commission_notified_on);
    let people_notified_on = notified("people_notified_on", raw.people_notified_on);
    let people = validate::bounded(
        &mut e,
        "people_affected",
        raw.people_affected,
        0,
        10_000_000,
        None,
    );
    let risk = validate::code(&mut e, "risk", raw.risk, Risk::parse, None);
    let measures = validate::optional(&mut e, "measures", raw.measures, 4000);
    e.into_result(IncidentData {
        summary,
        occurred_on,
        discovered_on,
        information,
        people_affected: people as i32,
        risk: risk.unwrap_or(Risk::Low),
        commission_notified_on,
        people_notified_on,
        measures,
    })
}

impl IncidentForm {
    pub fn of(i: &Incident) -> Self {
        let day = |d: Option<NaiveDate>| d.map(|d| d.to_string());
        IncidentForm {
            summary: Some(i.summary.clone()),
            occurred_on: day(i.occurred_on),
            discovered_on: Some(i.discovered_on.to_string()),
            information: Some(i.information.clone()),
            people_affected: Some(i.people_affected.to_string()),
            risk: Some(i.risk.as_str().to_owned()),
            commission_notified_on: day(i.commission_notified_on),
            people_notified_on: day(i.people_notified_on),
            measures: Some(i.measures.clone()),
        }
    }

    pub fn parse(&self, today: NaiveDate) -> Result<IncidentData, FieldErrors> {
        let mut e = FieldErrors::new();
        let people = match self.people_affected.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(v) => match v.parse::<i64>() {
                Ok(n) => Some(n),
                Err(_) => {
                    e.add("people_affected", "err-not-a-number");
                    Some(0)
                }
            },
        };
        let raw = Raw {
            summary: self.summary.as_deref(),
            occurred_on: self.occurred_on.as_deref(),
            discovered_on: self.discovered_on.as_deref(),
            information: self.information.as_deref(),
            people_affected: people,
            risk: self.risk.as_deref(),
            commission_notified_on: self.commission_notified_on.as_deref(),
            people_notified_on: self.people_notified_on.as_deref(),
            measures: self.measures.as_deref(),
        };
        check(e, raw, today)
    }
}

impl IncidentBody {
    pub fn parse(&self, today: NaiveDate) -> Result<IncidentData, FieldErrors> {
        let raw = Raw {
            summary: self.summary.as_deref(),
            occurred_on: self.occurred_on.as_deref(),
            discovered_on: self.discovered_on.as_deref(),
            information: self.information.as_deref(),
            people_affected: self.people_affected,
            risk: self.risk.as_deref(),
            commission_notified_on: self.commission_notified_on.as_deref(),
            people_notified_on: self.people_notified_on.as_deref(),
            measures: self.measures.as_deref(),
        };
        check(FieldErrors::new(), raw, today)
    }
}
