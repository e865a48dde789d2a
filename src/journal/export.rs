//! The journal as CSV: one line per entry, labels in the reader's language.

use super::JournalLine;
use crate::error::AppError;
use crate::i18n::{t, Lang};
use crate::web::csv::CsvExport;

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

pub fn to_csv(lines: &[JournalLine], lang: Lang) -> Result<CsvExport, AppError> {
    let mut doc = CsvExport::new(&HEADERS)?;
    for line in lines {
        let e = &line.entry;
        doc.row([
            e.occurred_on.format("%Y-%m-%d").to_string(),
            t(lang, &e.pole.label_key()),
            t(lang, &e.sub_activity.label_key()),
            e.duration_minutes.to_string(),
            line.building.clone().unwrap_or_default(),
            e.people_reached.to_string(),
            e.note.clone(),
            line.author.clone(),
            e.source.as_str().to_owned(),
        ])?;
    }
    Ok(doc)
}
