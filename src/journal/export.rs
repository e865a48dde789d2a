//! The journal as CSV: one line per entry, labels in the reader's language.

use super::JournalLine;
use crate::domain::poles::sub_activity_key;
use crate::error::AppError;
use crate::i18n::{t, Lang};

pub const HEADERS: [&str; 9] = [
    "date",
    "pole",
    "sous_activite",
    "duree_minutes",
    "immeuble",
    "personnes_rejointes",
    "note",
    "auteur",
    "source",
];

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) gets a leading apostrophe:
/// notes, names and building names are typed by people.
fn text_cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

pub fn to_csv(lines: &[JournalLine], lang: Lang) -> Result<Vec<u8>, AppError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let io = |e: csv::Error| AppError::internal(e);
    w.write_record(HEADERS).map_err(io)?;
    for line in lines {
        let e = &line.entry;
        w.write_record([
            e.occurred_on.format("%Y-%m-%d").to_string(),
            t(lang, &format!("pole-{}", e.pole)),
            t(lang, &sub_activity_key(&e.sub_activity)),
            e.duration_minutes.to_string(),
            text_cell(line.building.as_deref().unwrap_or("")),
            e.people_reached.to_string(),
            text_cell(&e.note),
            text_cell(&line.author),
            e.source.clone(),
        ])
        .map_err(io)?;
    }
    w.into_inner()
        .map_err(|e| AppError::internal(anyhow::anyhow!("csv: {e}")))
}
