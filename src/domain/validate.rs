//! Turning submitted strings into typed values, collecting one message key per field. Forms and the
//! JSON API share these, so a rule is written once and its message is translated at render time.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::i18n::{t_args, Lang};

/// One problem with one field: a catalogue key and, for some, a limit to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub code: &'static str,
    pub limit: Option<i64>,
}

/// Problems found in a submission, by field name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(pub BTreeMap<String, FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        FieldErrors::default()
    }

    pub fn add(&mut self, field: &str, code: &'static str) {
        self.0
            .entry(field.to_owned())
            .or_insert(FieldError { code, limit: None });
    }

    pub fn add_limit(&mut self, field: &str, code: &'static str, limit: i64) {
        self.0.entry(field.to_owned()).or_insert(FieldError {
            code,
            limit: Some(limit),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(value)` when nothing was found, else the errors.
    pub fn into_result<T>(self, value: T) -> Result<T, FieldErrors> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }

    /// The messages in `lang`, by field.
    pub fn translated(&self, lang: Lang) -> BTreeMap<String, String> {
        self.0
            .iter()
            .map(|(field, e)| (field.clone(), message(lang, e)))
            .collect()
    }
}

pub fn message(lang: Lang, e: &FieldError) -> String {
    t_args(lang, e.code, &[("limit", e.limit.unwrap_or(0).into())])
}

/// A required text of at most `max` characters, trimmed.
pub fn required(errors: &mut FieldErrors, field: &str, value: &str, max: usize) -> String {
    let v = value.trim();
    if v.is_empty() {
        errors.add(field, "err-required");
    } else if v.chars().count() > max {
        errors.add_limit(field, "err-too-long", max as i64);
    }
    v.to_owned()
}

/// An optional text of at most `max` characters, trimmed ("" when absent).
pub fn optional(errors: &mut FieldErrors, field: &str, value: Option<&str>, max: usize) -> String {
    let v = value.unwrap_or("").trim();
    if v.chars().count() > max {
        errors.add_limit(field, "err-too-long", max as i64);
    }
    v.to_owned()
}

/// A whole number between `min` and `max`; `default` when left empty.
pub fn integer(
    errors: &mut FieldErrors,
    field: &str,
    value: Option<&str>,
    min: i64,
    max: i64,
    default: Option<i64>,
) -> i64 {
    let v = value.unwrap_or("").trim();
    if v.is_empty() {
        return match default {
            Some(d) => d,
            None => {
                errors.add(field, "err-required");
                0
            }
        };
    }
    match v.parse::<i64>() {
        Ok(n) => bounded(errors, field, Some(n), min, max, default),
        Err(_) => {
            errors.add(field, "err-not-a-number");
            0
        }
    }
}

/// A whole number already read (a JSON field) between `min` and `max`; `default` when absent.
pub fn bounded(
    errors: &mut FieldErrors,
    field: &str,
    value: Option<i64>,
    min: i64,
    max: i64,
    default: Option<i64>,
) -> i64 {
    match (value, default) {
        (None, Some(d)) => d,
        (None, None) => {
            errors.add(field, "err-required");
            0
        }
        (Some(n), _) if n < min => {
            errors.add_limit(field, "err-too-small", min);
            n
        }
        (Some(n), _) if n > max => {
            errors.add_limit(field, "err-too-large", max);
            n
        }
        (Some(n), _) => n,
    }
}

/// An optional reference to a record by its id (`BuildingId`…): `None` when left empty,
/// `err-unknown-reference` when it is not an id at all. Whether the record exists, in the caller's
/// office, is the service's check.
pub fn reference<T: std::str::FromStr>(
    errors: &mut FieldErrors,
    field: &str,
    value: Option<&str>,
) -> Option<T> {
    let v = value.unwrap_or("").trim();
    if v.is_empty() {
        return None;
    }
    let parsed = v.parse::<T>().ok();
    if parsed.is_none() {
        errors.add(field, "err-unknown-reference");
    }
    parsed
}

/// One code of a text enum (`Status::parse`…): `default` when empty (or `err-required` without
/// one), `err-invalid-choice` when unknown.
pub fn code<T>(
    errors: &mut FieldErrors,
    field: &str,
    value: Option<&str>,
    parse: fn(&str) -> Option<T>,
    default: Option<T>,
) -> Option<T> {
    let v = value.unwrap_or("").trim();
    if v.is_empty() {
        if default.is_none() {
            errors.add(field, "err-required");
        }
        return default;
    }
    let parsed = parse(v);
    if parsed.is_none() {
        errors.add(field, "err-invalid-choice");
    }
    parsed
}

/// An optional date, `YYYY-MM-DD`.
pub fn date(errors: &mut FieldErrors, field: &str, value: Option<&str>) -> Option<NaiveDate> {
    let v = value.unwrap_or("").trim();
    if v.is_empty() {
        return None;
    }
    match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
        Ok(d) if (1900..=2200).contains(&chrono::Datelike::year(&d)) => Some(d),
        _ => {
            errors.add(field, "err-invalid-date");
            None
        }
    }
}

/// A required date.
pub fn required_date(errors: &mut FieldErrors, field: &str, value: Option<&str>) -> NaiveDate {
    let d = date(errors, field, value);
    if d.is_none() && value.unwrap_or("").trim().is_empty() {
        errors.add(field, "err-required");
    }
    d.unwrap_or_default()
}

/// An optional email address (lower-cased); a light check, since the mail server has the last word.
pub fn email(errors: &mut FieldErrors, field: &str, value: Option<&str>, required: bool) -> String {
    let v = value.unwrap_or("").trim().to_lowercase();
    if v.is_empty() {
        if required {
            errors.add(field, "err-required");
        }
        return v;
    }
    let valid = v.chars().count() <= 254
        && !v.contains(char::is_whitespace)
        && v.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        });
    if !valid {
        errors.add(field, "err-invalid-email");
    }
    v
}

/// A checkbox: present and not "false"/"0"/"off".
pub fn checkbox(value: Option<&str>) -> bool {
    matches!(value.map(str::trim), Some(v) if !v.is_empty() && !matches!(v, "false" | "0" | "off" | "non" | "no"))
}

/// One of `choices`, or the error `err-invalid-choice`.
pub fn choice<'a>(
    errors: &mut FieldErrors,
    field: &str,
    value: Option<&str>,
    choices: &[&'a str],
    default: Option<&'a str>,
) -> &'a str {
    let v = value.unwrap_or("").trim();
    if v.is_empty() {
        if let Some(d) = default {
            return d;
        }
        errors.add(field, "err-required");
        return "";
    }
    match choices.iter().find(|c| **c == v) {
        Some(c) => c,
        None => {
            errors.add(field, "err-invalid-choice");
            ""
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_field_reports_its_first_problem() {
        let mut e = FieldErrors::new();
        assert_eq!(required(&mut e, "name", "  Les Pins ", 10), "Les Pins");
        required(&mut e, "empty", "  ", 10);
        required(&mut e, "long", "abcdefghijk", 10);
        integer(&mut e, "n", Some("x"), 0, 5, None);
        integer(&mut e, "big", Some("9"), 0, 5, None);
        date(&mut e, "d", Some("2024-02-30"));
        email(&mut e, "mail", Some("nobody"), false);
        let codes: Vec<_> = e.0.iter().map(|(k, v)| (k.as_str(), v.code)).collect();
        assert_eq!(
            codes,
            [
                ("big", "err-too-large"),
                ("d", "err-invalid-date"),
                ("empty", "err-required"),
                ("long", "err-too-long"),
                ("mail", "err-invalid-email"),
                ("n", "err-not-a-number"),
            ]
        );
    }
}
