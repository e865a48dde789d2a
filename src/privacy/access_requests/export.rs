//! The access-request register as CSV, overdue requests marked.

use chrono::NaiveDate;

use super::AccessRequest;
use crate::error::AppError;
use crate::i18n::{t, Lang};
use crate::web::csv::CsvExport;

pub const HEADERS: [&str; 10] = [
    "numero",
    "recue_le",
    "demandeur",
    "locataire",
    "objet",
    "details",
    "echeance",
    "statut",
    "repondue_le",
    "en_retard",
];

pub fn to_csv(list: &[AccessRequest], lang: Lang, today: NaiveDate) -> Result<CsvExport, AppError> {
    let mut doc = CsvExport::new(&HEADERS)?;
    for r in list {
        doc.row([
            r.id.to_string(),
            r.received_on.to_string(),
            r.requester.clone(),
            r.tenant_id.map(|t| t.to_string()).unwrap_or_default(),
            t(lang, &format!("access-request-ask-{}", r.kind)),
            r.details.clone(),
            r.due_on.to_string(),
            t(lang, &format!("access-request-status-{}", r.status)),
            r.answered_on.map(|d| d.to_string()).unwrap_or_default(),
            t(lang, if r.is_overdue(today) { "yes" } else { "no" }),
        ])?;
    }
    Ok(doc)
}
