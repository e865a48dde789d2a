//! The requests' pages: the lists and the department queue with their CSV export ([`list`]), the
//! form that records a request ([`form`]), a request's page ([`show`]) and the changes made on it
//! ([`changes`]), its photos ([`photos`]), a building's requests ([`overview`]), and the tenant's
//! answer to the follow-up question ([`followup`]). The list line and the selects they share are
//! built here.

pub mod changes;
pub mod followup;
pub mod form;
pub mod list;
pub mod overview;
pub mod photos;
pub mod show;

use chrono::NaiveDateTime;
use serde::Serialize;

use super::queries::RequestLine;
use super::{categories, Status, Urgency};
use crate::domain::ids::RequestId;
use crate::i18n::{t, Lang};
use crate::web::choice::{choices, Choice};
use crate::web::format;

/// A request as a list row.
#[derive(Debug, Serialize)]
pub struct Line {
    pub id: RequestId,
    pub created: String,
    pub building: String,
    pub category: String,
    pub urgency: String,
    pub status: String,
    pub due: String,
    pub late: bool,
    pub linked: bool,
    pub description: String,
}

pub fn line(lang: Lang, l: &RequestLine, now: NaiveDateTime) -> Line {
    let r = &l.request;
    Line {
        id: r.id,
        created: format::datetime(lang, r.created_at),
        building: l.building.clone(),
        category: categories::label(lang, &l.category_code, &l.category_name),
        urgency: t(lang, &r.urgency.label_key()),
        status: t(lang, &r.status.label_key()),
        due: format::datetime(lang, r.due_at),
        late: r.is_late(now),
        linked: r.parent_id.is_some(),
        description: r.description.chars().take(120).collect(),
    }
}

/// The urgencies, `selected` (a code) chosen.
pub fn urgencies(lang: Lang, selected: &str) -> Vec<Choice> {
    choices(
        Urgency::ALL
            .iter()
            .map(|u| (u.as_str(), t(lang, &u.label_key()))),
        &[selected],
    )
}

/// The statuses after "open" (the four waiting ones), `selected` (a code) chosen.
pub fn statuses(lang: Lang, selected: &str) -> Vec<Choice> {
    let each = Status::ALL
        .iter()
        .map(|s| (s.as_str(), t(lang, &s.label_key())));
    choices(
        std::iter::once(("open", t(lang, "request-status-open"))).chain(each),
        &[selected],
    )
}

/// The office's categories, `selected` (an id) chosen.
pub fn category_choices(lang: Lang, cats: &[categories::Category], selected: &str) -> Vec<Choice> {
    choices(cats.iter().map(|c| (c.id, c.label(lang))), &[selected])
}
