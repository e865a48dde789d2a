//! Every CSV export goes through [`CsvExport`], so that no cell a person typed (a note, a name, a
//! tenant's own words) reaches a spreadsheet as a formula: text starting with `=`, `+`, `-`, `@`,
//! a tab or a carriage return gets a leading apostrophe, as OWASP recommends. Numbers, negative
//! ones included, stay numbers.

use std::borrow::Cow;

use actix_web::http::header;
use actix_web::HttpResponse;

use crate::error::AppError;

/// A CSV document being written, one row at a time.
pub struct CsvExport {
    writer: csv::Writer<Vec<u8>>,
    rows: usize,
}

fn io(e: csv::Error) -> AppError {
    AppError::internal(e)
}

/// `cell` as a spreadsheet may safely read it.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.trim().parse::<f64>().is_err() {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

impl CsvExport {
    /// A document whose first line is `headers`.
    pub fn new(headers: &[&str]) -> Result<CsvExport, AppError> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(headers).map_err(io)?;
        Ok(CsvExport { writer, rows: 0 })
    }

    /// Adds one row; every cell is neutralised.
    pub fn row<S: AsRef<str>>(
        &mut self,
        cells: impl IntoIterator<Item = S>,
    ) -> Result<(), AppError> {
        let cells: Vec<S> = cells.into_iter().collect();
        self.writer
            .write_record(cells.iter().map(|c| neutralise(c.as_ref()).into_owned()))
            .map_err(io)?;
        self.rows += 1;
        Ok(())
    }

    /// Rows written so far (headers not counted).
    pub fn rows(&self) -> usize {
        self.rows
    }

    pub fn finish(self) -> Result<Vec<u8>, AppError> {
        self.writer
            .into_inner()
            .map_err(|e| AppError::internal(anyhow::anyhow!("csv: {e}")))
    }

    /// The finished document as a download named `filename`.
    pub fn into_response(self, filename: &str) -> Result<HttpResponse, AppError> {
        Ok(download(filename, self.finish()?))
    }
}

/// A CSV download response.
pub fn download(filename: &str, body: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{filename}\""),
        ))
        .body(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_are_not() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("\tcmd"), "'\tcmd");
        assert_eq!(neutralise("-12.5"), "-12.5");
        assert_eq!(neutralise("+15145550101"), "+15145550101");
        assert_eq!(neutralise("Hélène"), "Hélène");
        let text = CsvExport::new(&["a", "b"])
            .and_then(|mut doc| doc.row(["=1+1", "2"]).map(|()| doc))
            .and_then(CsvExport::finish)
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .unwrap_or_default();
        assert_eq!(text, "a,b\n'=1+1,2\n");
    }
}
