//! `/tenants.csv`: the filtered list as a spreadsheet.

use super::queries::{self, TenantView};
use crate::error::AppError;
use crate::web::csv::CsvExport;

/// The CSV export of tenants. The first columns are those the CSV import reads (prenom, nom,
/// immeuble, logement, langue, telephone, courriel, entree); consents give the date they were given.
pub fn to_csv(rows: &[TenantView]) -> Result<CsvExport, AppError> {
    let mut w = CsvExport::new(&[
        "id",
        "prenom",
        "nom",
        "immeuble",
        "logement",
        "langue",
        "telephone",
        "courriel",
        "menage",
        "consentement_courriel",
        "consentement_telephone",
        "consentement_sms",
        "entree",
        "sortie",
    ])?;
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let given = |c: &Option<queries::Consent>| {
        date(c.as_ref().map(|c| queries::local_time(c.given_at).date()))
    };
    for t in rows {
        w.row([
            t.id.to_string().as_str(),
            &t.first_name,
            &t.last_name,
            &t.building_name,
            &t.dwelling_number,
            &t.language,
            &t.phone,
            &t.email,
            &t.household_size.to_string(),
            &given(&t.consent_email),
            &given(&t.consent_phone),
            &given(&t.consent_sms),
            &date(t.move_in),
            &date(t.move_out),
        ])?;
    }
    Ok(w)
}
