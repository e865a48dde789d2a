//! The request list as CSV: the same selection and columns as the list, labels in the reader's
//! language, and the whole description.

use chrono::NaiveDateTime;

use super::categories;
use super::queries::RequestLine;
use crate::error::AppError;
use crate::i18n::{t, Lang};
use crate::web::csv::CsvExport;
use crate::web::format;

const COLUMNS: [&str; 9] = [
    "id",
    "created",
    "building",
    "category",
    "urgency",
    "status",
    "due",
    "late",
    "description",
];

pub fn to_csv(
    lines: &[RequestLine],
    lang: Lang,
    now: NaiveDateTime,
) -> Result<CsvExport, AppError> {
    let headers: Vec<String> = COLUMNS
        .iter()
        .map(|h| t(lang, &format!("request-csv-{h}")))
        .collect();
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let mut doc = CsvExport::new(&headers)?;
    for l in lines {
        let r = &l.request;
        doc.row([
            r.id.to_string(),
            format::datetime(lang, r.created_at),
            l.building.clone(),
            categories::label(lang, &l.category_code, &l.category_name),
            t(lang, &r.urgency.label_key()),
            t(lang, &r.status.label_key()),
            format::datetime(lang, r.due_at),
            t(lang, if r.is_late(now) { "yes" } else { "no" }),
            r.description.clone(),
        ])?;
    }
    Ok(doc)
}
