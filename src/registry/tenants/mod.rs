//! Tenants (locataires): who lives in which dwelling, how to reach them, and on which channels they
//! agreed to be contacted (when, and recorded by whom). Only what the work needs is stored (privacy by
//! default). Model and validation here; writes in `store`, reads in `queries`; `pages` (with
//! `form`) and `api` are the ways in.

pub mod api;
mod form;
pub mod pages;
pub mod queries;
mod store;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::{text, validate, FieldErrors};

pub use api::configure as configure_api;
pub use pages::configure;
pub use store::{change, consent_after, create, insert, validate_in_office};

/// The OpenAPI paths of the tenants API.
pub fn api_doc() -> utoipa::openapi::OpenApi {
    <api::Doc as utoipa::OpenApi>::openapi()
}

/// Preferred languages of a tenant.
pub const LANGUAGES: [&str; 3] = ["fr", "en", "other"];

/// A tenant row as stored (columns in table order).
#[derive(Debug, Clone, Queryable)]
pub struct Tenant {
    pub id: i64,
    pub office_id: i64,
    pub dwelling_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub language: String,
    pub phone: String,
    pub email: String,
    pub household_size: i32,
    pub consent_email_at: Option<NaiveDateTime>,
    pub consent_email_by: Option<i64>,
    pub consent_phone_at: Option<NaiveDateTime>,
    pub consent_phone_by: Option<i64>,
    pub consent_sms_at: Option<NaiveDateTime>,
    pub consent_sms_by: Option<i64>,
    pub move_in: Option<NaiveDate>,
    pub move_out: Option<NaiveDate>,
    pub search_text: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A consent as recorded: when it was given and who recorded it (both `None`: no consent).
pub type Recorded = (Option<NaiveDateTime>, Option<i64>);

impl Tenant {
    /// The recorded consents, in the order email, phone, SMS.
    pub fn consents(&self) -> [Recorded; 3] {
        [
            (self.consent_email_at, self.consent_email_by),
            (self.consent_phone_at, self.consent_phone_by),
            (self.consent_sms_at, self.consent_sms_by),
        ]
    }
}

/// A tenant as submitted, every field a string (forms) or converted from JSON (API). A consent
/// field left out (`None`) keeps what is recorded; forms turn an absent box into "unchecked" first.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct TenantInput {
    pub dwelling_id: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub language: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub household_size: Option<String>,
    pub move_in: Option<String>,
    pub move_out: Option<String>,
    pub consent_email: Option<String>,
    pub consent_phone: Option<String>,
    pub consent_sms: Option<String>,
}

/// The consent wanted per channel: `Some(true)` given, `Some(false)` withdrawn, `None` unchanged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ConsentChoice {
    pub email: Option<bool>,
    pub phone: Option<bool>,
    pub sms: Option<bool>,
}

/// A validated tenant.
#[derive(Debug, Clone)]
pub struct TenantData {
    pub dwelling_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub language: String,
    pub phone: String,
    pub email: String,
    pub household_size: i32,
    pub move_in: Option<NaiveDate>,
    pub move_out: Option<NaiveDate>,
    pub consent: ConsentChoice,
    pub search_text: String,
}

impl TenantInput {
    /// Checks every field (the dwelling's office is checked by `validate_in_office`).
    pub fn validate(&self) -> Result<TenantData, FieldErrors> {
        let mut e = FieldErrors::new();
        let dwelling_id = validate::integer(
            &mut e,
            "dwelling_id",
            self.dwelling_id.as_deref(),
            1,
            i64::MAX,
            None,
        );
        let field = |v: &Option<String>| v.as_deref().unwrap_or("").to_owned();
        let first_name = validate::required(&mut e, "first_name", &field(&self.first_name), 100);
        let last_name = validate::required(&mut e, "last_name", &field(&self.last_name), 100);
        let language = validate::choice(
            &mut e,
            "language",
            self.language.as_deref(),
            &LANGUAGES,
            Some("fr"),
        )
        .to_owned();
        let phone = phone(&mut e, self.phone.as_deref());
        let email = validate::email(&mut e, "email", self.email.as_deref(), false);
        let household_size = validate::integer(
            &mut e,
            "household_size",
            self.household_size.as_deref(),
            1,
            20,
            Some(1),
        ) as i32;
        let move_in = validate::date(&mut e, "move_in", self.move_in.as_deref());
        let move_out = validate::date(&mut e, "move_out", self.move_out.as_deref());
        if let (Some(i), Some(o)) = (move_in, move_out) {
            if o < i {
                e.add("move_out", "err-move-out-before-move-in");
            }
        }
        let consent = ConsentChoice {
            email: self
                .consent_email
                .as_deref()
                .map(|v| validate::checkbox(Some(v))),
            phone: self
                .consent_phone
                .as_deref()
                .map(|v| validate::checkbox(Some(v))),
            sms: self
                .consent_sms
                .as_deref()
                .map(|v| validate::checkbox(Some(v))),
        };
        let search_text = text::tenant_search_text(&first_name, &last_name, &email, &phone);
        e.into_result(TenantData {
            dwelling_id,
            first_name,
            last_name,
            language,
            phone,
            email,
            household_size,
            move_in,
            move_out,
            consent,
            search_text,
        })
    }

    /// A form never sends an unchecked box: absent means "no consent" there.
    pub fn with_unchecked_boxes(mut self) -> Self {
        for v in [
            &mut self.consent_email,
            &mut self.consent_phone,
            &mut self.consent_sms,
        ] {
            v.get_or_insert_with(String::new);
        }
        self
    }

    /// The form of an existing tenant.
    pub fn from_view(t: &queries::TenantView) -> Self {
        let box_of =
            |c: &Option<queries::Consent>| Some(if c.is_some() { "on" } else { "" }.into());
        TenantInput {
            dwelling_id: Some(t.dwelling_id.to_string()),
            first_name: Some(t.first_name.clone()),
            last_name: Some(t.last_name.clone()),
            language: Some(t.language.clone()),
            phone: Some(t.phone.clone()),
            email: Some(t.email.clone()),
            household_size: Some(t.household_size.to_string()),
            move_in: t.move_in.map(|d| d.to_string()),
            move_out: t.move_out.map(|d| d.to_string()),
            consent_email: box_of(&t.consent_email),
            consent_phone: box_of(&t.consent_phone),
            consent_sms: box_of(&t.consent_sms),
        }
    }
}

/// An optional phone number: 7 to 20 digits, spaces and punctuation allowed ("514 555-0101 poste 2").
fn phone(e: &mut FieldErrors, value: Option<&str>) -> String {
    let v = value.unwrap_or("").trim().to_owned();
    if v.is_empty() {
        return v;
    }
    let digits = v.chars().filter(char::is_ascii_digit).count();
    if v.chars().count() > 40 {
        e.add_limit("phone", "err-too-long", 40);
    } else if !(7..=20).contains(&digits) {
        e.add("phone", "err-tenant-phone");
    }
    v
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn input() -> TenantInput {
        TenantInput {
            dwelling_id: Some("3".into()),
            first_name: Some(" Hélène ".into()),
            last_name: Some("Côté".into()),
            phone: Some("514 555-0101".into()),
            email: Some("Helene@Example.org".into()),
            ..Default::default()
        }
    }

    #[test]
    fn a_valid_tenant_gets_defaults_and_its_search_text() {
        let d = input().validate().unwrap();
        assert_eq!(
            (d.first_name.as_str(), d.language.as_str()),
            ("Hélène", "fr")
        );
        assert_eq!(d.household_size, 1);
        assert_eq!(d.email, "helene@example.org");
        assert_eq!(d.search_text, "helene cote helene example org 5145550101");
        assert_eq!(d.consent, ConsentChoice::default());
        let d = input().with_unchecked_boxes().validate().unwrap();
        assert_eq!(d.consent.email, Some(false));
    }

    #[test]
    fn moving_out_before_moving_in_and_other_mistakes_are_field_errors() {
        let mut i = input();
        i.move_in = Some("2024-05-01".into());
        i.move_out = Some("2024-04-30".into());
        i.household_size = Some("0".into());
        i.phone = Some("12".into());
        i.language = Some("de".into());
        let e = i.validate().unwrap_err();
        let codes: Vec<_> = e.0.iter().map(|(k, v)| (k.as_str(), v.code)).collect();
        assert_eq!(
            codes,
            [
                ("household_size", "err-too-small"),
                ("language", "err-invalid-choice"),
                ("move_out", "err-move-out-before-move-in"),
                ("phone", "err-tenant-phone"),
            ]
        );
    }
}
