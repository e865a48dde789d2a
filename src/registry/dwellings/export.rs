//! `/dwellings.csv`: every dwelling of the office.

use super::ExportLine;
use crate::error::AppError;
use crate::web::csv::CsvExport;

/// The CSV export, with the headers the import accepts (`immeuble` names the building).
pub fn to_csv(rows: &[ExportLine]) -> Result<CsvExport, AppError> {
    let mut w = CsvExport::new(&[
        "id",
        "immeuble_id",
        "immeuble",
        "numero",
        "chambres",
        "adapte",
    ])?;
    for d in rows {
        w.row([
            d.id.to_string().as_str(),
            &d.building_id.to_string(),
            &d.building_name,
            &d.number,
            &d.bedrooms.to_string(),
            if d.adapted { "oui" } else { "non" },
        ])?;
    }
    Ok(w)
}
