//! Values as spreadsheets write them: yes/no, languages, French dates, clienteles.

use chrono::{Datelike, NaiveDate};

use crate::domain::{text, FieldErrors};

/// Clienteles as spreadsheets write them ("Aînés", "Personnes seules", "seniors") to the stored
/// code; anything else goes through unchanged for the building rules to refuse.
pub fn clientele(v: &str) -> String {
    let key = text::fold(v).replace(' ', "_");
    match key.as_str() {
        "famille" | "families" | "family" => "familles",
        "aine" | "senior" | "seniors" | "personnes_agees" => "aines",
        "personne_seule" | "single" | "singles" | "single_persons" => "personnes_seules",
        "mixed" => "mixte",
        _ => return key,
    }
    .to_owned()
}

/// oui/non, yes/no, 1/0, true/false, x or empty.
pub fn yes_no(e: &mut FieldErrors, field: &str, v: &str) -> bool {
    match text::fold(v).as_str() {
        "" | "non" | "no" | "n" | "0" | "false" | "faux" => false,
        "oui" | "yes" | "o" | "y" | "1" | "true" | "vrai" | "x" => true,
        _ => {
            e.add(field, "import-err-yes-no");
            false
        }
    }
}

/// fr, en or other, in either language ("français", "anglais"); empty is French.
pub fn language(e: &mut FieldErrors, v: &str) -> &'static str {
    match text::fold(v).as_str() {
        "" | "fr" | "francais" | "french" => "fr",
        "en" | "anglais" | "english" => "en",
        "other" | "autre" | "autres" => "other",
        _ => {
            e.add("language", "import-err-language");
            "fr"
        }
    }
}

/// A date as `AAAA-MM-JJ` or, as French spreadsheets write it, `JJ/MM/AAAA`.
pub fn date(e: &mut FieldErrors, field: &str, v: &str) -> Option<NaiveDate> {
    if v.is_empty() {
        return None;
    }
    let parsed = NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(v, "%d/%m/%Y"));
    match parsed {
        Ok(d) if (1900..=2200).contains(&d.year()) => Some(d),
        _ => {
            e.add(field, "import-err-date");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreadsheet_values_are_read_in_either_language() {
        let mut e = FieldErrors::new();
        assert!(
            yes_no(&mut e, "a", "Oui") && yes_no(&mut e, "a", "x") && yes_no(&mut e, "a", "TRUE")
        );
        assert!(
            !yes_no(&mut e, "a", "") && !yes_no(&mut e, "a", "Non") && !yes_no(&mut e, "a", "0")
        );
        assert_eq!(language(&mut e, "Français"), "fr");
        assert_eq!(language(&mut e, "anglais"), "en");
        assert_eq!(language(&mut e, "Autre"), "other");
        assert_eq!(
            date(&mut e, "d", "2021-03-15"),
            NaiveDate::from_ymd_opt(2021, 3, 15)
        );
        assert_eq!(
            date(&mut e, "d", "5/3/2021"),
            NaiveDate::from_ymd_opt(2021, 3, 5)
        );
        assert_eq!(clientele("Personnes seules"), "personnes_seules");
        assert_eq!(clientele("Seniors"), "aines");
        assert!(e.is_empty());
        yes_no(&mut e, "b", "peut-être");
        date(&mut e, "c", "15/03/21");
        language(&mut e, "klingon");
        let codes: Vec<_> = e.0.values().map(|v| v.code).collect();
        assert_eq!(
            codes,
            [
                "import-err-yes-no",
                "import-err-date",
                "import-err-language"
            ]
        );
    }
}
