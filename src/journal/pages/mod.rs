//! The journal's pages: the list with its filters and totals ([`list`]), and the quick entry form
//! with edit and delete ([`form`]). The select options both share are built here.

pub mod form;
pub mod list;

use serde::Serialize;

use crate::domain::ids::BuildingId;
use crate::domain::poles::Pole;
use crate::i18n::{t, Lang};
use crate::web::choice::{choices, with_none, Choice};

/// The sub-activities of one pole, as an `<optgroup>`.
#[derive(Serialize)]
pub struct Group {
    pub label: String,
    pub options: Vec<Choice>,
}

/// Every sub-activity, grouped by pole; `selected` is a code.
pub fn groups(lang: Lang, selected: &str) -> Vec<Group> {
    Pole::ALL
        .iter()
        .map(|p| Group {
            label: t(lang, &p.label_key()),
            options: choices(
                p.sub_activities()
                    .map(|s| (s.as_str(), t(lang, &s.label_key()))),
                &[selected],
            ),
        })
        .collect()
}

/// The office's buildings after an empty option labelled `none_key`.
pub fn buildings(
    lang: Lang,
    names: Vec<(BuildingId, String)>,
    none_key: &str,
    selected: &str,
) -> Vec<Choice> {
    with_none(lang, none_key, choices(names, &[selected]))
}
