//! What the tenant form and the API submit, checked by one set of rules into [`TenantData`]
//! (the dwelling's office is checked by `service::validate_in_office`), and the list's filters.

use serde::{Deserialize, Serialize};

use super::queries::{self, Filter, Status};
use super::{ConsentChoice, TenantData, LANGUAGES};
use crate::domain::{text, validate, FieldErrors};
use crate::web::pagination::Pagination;

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

/// `?q=&building_id=&status=&page=&per_page=` of the tenant list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TenantApiQuery {
    /// Words that must all appear in the name, email or phone (accents and case ignored).
    pub q: Option<String>,
    /// Only the tenants of this building.
    pub building_id: Option<i64>,
    /// current (default: no move-out date, or one to come), former or all.
    #[param(inline)]
    pub status: Option<Status>,
    /// 1-based page number.
    pub page: Option<i64>,
    /// Items per page, 1 to 200 (default 50).
    pub per_page: Option<i64>,
}

/// A tenant to create or replace.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct TenantBody {
    /// A dwelling of your office (it gives the building).
    pub dwelling_id: Option<i64>,
    #[schema(max_length = 100)]
    pub first_name: Option<String>,
    #[schema(max_length = 100)]
    pub last_name: Option<String>,
    /// fr (default), en or other
    pub language: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// 1 to 20 (default 1)
    pub household_size: Option<i32>,
    /// YYYY-MM-DD
    pub move_in: Option<String>,
    /// YYYY-MM-DD, not before move_in
    pub move_out: Option<String>,
    /// Consent to be contacted by email: true records it now, by you (an existing consent keeps its
    /// date and recorder); false withdraws it; left out, it stays as recorded (none on creation).
    pub consent_email: Option<bool>,
    /// Consent to be contacted by phone, as consent_email.
    pub consent_phone: Option<bool>,
    /// Consent to be contacted by SMS, as consent_email.
    pub consent_sms: Option<bool>,
}

impl From<TenantBody> for TenantInput {
    fn from(b: TenantBody) -> Self {
        let flag = |v: Option<bool>| v.map(|v| if v { "on" } else { "" }.to_owned());
        TenantInput {
            dwelling_id: b.dwelling_id.map(|n| n.to_string()),
            first_name: b.first_name,
            last_name: b.last_name,
            language: b.language,
            phone: b.phone,
            email: b.email,
            household_size: b.household_size.map(|n| n.to_string()),
            move_in: b.move_in,
            move_out: b.move_out,
            consent_email: flag(b.consent_email),
            consent_phone: flag(b.consent_phone),
            consent_sms: flag(b.consent_sms),
        }
    }
}

/// `?q=&page=&building_id=&status=` of the list and its export; unreadable values are ignored.
#[derive(Debug, Deserialize, Default)]
pub struct TenantListQuery {
    pub q: Option<String>,
    pub page: Option<String>,
    pub building_id: Option<String>,
    pub status: Option<String>,
}

/// The search, trimmed and at most 100 characters.
fn terms(q: Option<&str>) -> String {
    q.unwrap_or("").trim().chars().take(100).collect()
}

impl TenantListQuery {
    pub fn pagination(&self) -> Pagination {
        Pagination::html(self.page.as_deref())
    }

    pub fn filter(&self) -> Filter {
        Filter {
            q: terms(self.q.as_deref()),
            building_id: parse_id(self.building_id.as_deref()),
            status: Status::parse(self.status.as_deref()),
        }
    }
}

impl TenantApiQuery {
    pub fn pagination(&self) -> Pagination {
        Pagination::new(self.page, self.per_page)
    }

    pub fn filter(&self) -> Filter {
        Filter {
            q: terms(self.q.as_deref()),
            building_id: self.building_id,
            status: self.status.unwrap_or_default(),
        }
    }
}

/// An id in a query string; what is not a number is no id.
pub fn parse_id(s: Option<&str>) -> Option<i64> {
    s.and_then(|v| v.trim().parse().ok())
}

/// `?dwelling_id=` presets the dwelling; `?building_id=` lists only that building's dwellings (for
/// offices with thousands of them).
#[derive(Debug, Deserialize)]
pub struct NewTenantQuery {
    pub dwelling_id: Option<String>,
    pub building_id: Option<String>,
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
