//! `/departments.csv`: the office's departments.

use super::Department;
use crate::error::AppError;
use crate::web::csv::CsvExport;

pub fn to_csv(rows: &[Department]) -> Result<CsvExport, AppError> {
    let mut w = CsvExport::new(&["id", "nom", "courriel"])?;
    for d in rows {
        w.row([d.id.to_string().as_str(), &d.name, &d.email])?;
    }
    Ok(w)
}
