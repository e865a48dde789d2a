//! The incident register as CSV.

use super::Incident;
use crate::error::AppError;
use crate::i18n::{t, Lang};
use crate::web::csv::CsvExport;

pub const HEADERS: [&str; 10] = [
    "numero",
    "decouvert_le",
    "survenu_le",
    "resume",
    "renseignements",
    "personnes_touchees",
    "risque",
    "commission_avisee_le",
    "personnes_avisees_le",
    "mesures",
];

pub fn to_csv(list: &[Incident], lang: Lang) -> Result<CsvExport, AppError> {
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let mut doc = CsvExport::new(&HEADERS)?;
    for i in list {
        doc.row([
            i.id.to_string(),
            i.discovered_on.to_string(),
            day(i.occurred_on),
            i.summary.clone(),
            i.information.clone(),
            i.people_affected.to_string(),
            t(lang, &format!("incident-risk-{}", i.risk)),
            day(i.commission_notified_on),
            day(i.people_notified_on),
            i.measures.clone(),
        ])?;
    }
    Ok(doc)
}
