//! The access log as CSV, labels in the reader's language.

use super::AccessLine;
use crate::error::AppError;
use crate::i18n::{t, Lang};
use crate::web::csv::CsvExport;
use crate::web::format::local_time;

pub const HEADERS: [&str; 7] = [
    "moment",
    "personne",
    "role",
    "type_dossier",
    "dossier",
    "canal",
    "nombre",
];

pub fn to_csv(lines: &[AccessLine], lang: Lang) -> Result<CsvExport, AppError> {
    let mut doc = CsvExport::new(&HEADERS)?;
    for line in lines {
        let e = &line.entry;
        doc.row([
            local_time(e.at).format("%Y-%m-%d %H:%M:%S").to_string(),
            line.user_name.clone(),
            t(lang, &format!("role-{}", line.user_role)),
            t(lang, &format!("access-kind-{}", e.record_kind)),
            e.record_id.map(|i| i.to_string()).unwrap_or_default(),
            t(lang, &format!("access-channel-{}", e.channel)),
            e.row_count.to_string(),
        ])?;
    }
    Ok(doc)
}
