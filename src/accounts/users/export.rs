//! `/users.csv`: the office's accounts with the list's filters, as a spreadsheet. No secrets: never
//! the password hash.

use crate::accounts::users::AccountLine;
use crate::error::AppError;
use crate::i18n::{t, Lang};
use crate::web::csv::CsvExport;

const HEADERS: [&str; 8] = [
    "id",
    "nom",
    "courriel",
    "role",
    "service",
    "langue",
    "actif",
    "derniere_connexion",
];

pub fn to_csv(lines: Vec<AccountLine>, lang: Lang) -> Result<CsvExport, AppError> {
    let mut doc = CsvExport::new(&HEADERS)?;
    for AccountLine {
        account,
        department,
    } in lines
    {
        let last = account
            .last_login_at
            .map(|at| at.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default();
        doc.row([
            account.id.to_string(),
            account.display_name,
            account.email,
            t(lang, &format!("role-{}", account.role)),
            department.unwrap_or_default(),
            account.language,
            if account.active { "oui" } else { "non" }.to_owned(),
            last,
        ])?;
    }
    Ok(doc)
}
