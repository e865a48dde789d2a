//! `/buildings.csv`: the office's buildings, with the headers the import accepts.

use super::Building;
use crate::error::AppError;
use crate::web::csv::CsvExport;

pub fn to_csv(rows: &[Building]) -> Result<CsvExport, AppError> {
    let mut out = CsvExport::new(&[
        "id",
        "nom",
        "adresse",
        "municipalite",
        "code_postal",
        "logements",
        "clientele",
    ])?;
    for b in rows {
        out.row([
            b.id.to_string().as_str(),
            &b.name,
            &b.address,
            &b.municipality,
            &b.postal_code,
            &b.dwelling_count.to_string(),
            b.clientele.as_str(),
        ])?;
    }
    Ok(out)
}
