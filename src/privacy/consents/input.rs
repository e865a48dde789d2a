//! A consent decision as the form and the API submit it, parsed once into a [`ConsentData`] by one
//! set of rules: a purpose, a partner for (and only for) a referral, given or withdrawn, how (a
//! person of the office never records "email link": only the tenant's own click does), an expiry
//! only for a consent given and only in the future, a short note.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{NOTE_MAX, PARTNER_MAX};
use crate::domain::consent::{Decision, How, Purpose};
use crate::domain::{validate, FieldErrors};

/// A validated decision to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentData {
    pub purpose: Purpose,
    pub partner: String,
    pub decision: Decision,
    pub how: How,
    pub expires_on: Option<NaiveDate>,
    pub note: String,
}

/// The record form: every field text, kept as typed to show it again.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct ConsentForm {
    pub purpose: Option<String>,
    pub partner: Option<String>,
    pub decision: Option<String>,
    pub how: Option<String>,
    pub expires_on: Option<String>,
    pub note: Option<String>,
}

/// A decision to record through the API.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct ConsentBody {
    #[schema(value_type = Purpose)]
    pub purpose: Option<String>,
    /// The partner of a referral (required for one, refused otherwise).
    #[schema(max_length = 200)]
    pub partner: Option<String>,
    #[schema(value_type = Decision)]
    pub decision: Option<String>,
    /// in_person, phone or form (email_link is the tenant's own click).
    #[schema(value_type = How)]
    pub how: Option<String>,
    /// YYYY-MM-DD, after today; only for a consent given.
    #[schema(value_type = Option<String>, format = Date)]
    pub expires_on: Option<String>,
    #[schema(max_length = 500)]
    pub note: Option<String>,
}

fn staff_how(s: &str) -> Option<How> {
    How::parse(s).filter(|h| *h != How::EmailLink)
}

/// Both submissions' fields, as text.
struct Raw<'a> {
    purpose: Option<&'a str>,
    partner: Option<&'a str>,
    decision: Option<&'a str>,
    how: Option<&'a str>,
    expires_on: Option<&'a str>,
    note: Option<&'a str>,
}

fn check(raw: Raw<'_>, today: NaiveDate) -> Result<ConsentData, FieldErrors> {
    let mut e = FieldErrors::new();
    let purpose = validate::code(&mut e, "purpose", raw.purpose, Purpose::parse, None);
    let decision = validate::code(&mut e, "decision", raw.decision, Decision::parse, None);
    let how = validate::code(&mut e, "how", raw.how, staff_how, None);
    let partner = validate::optional(&mut e, "partner", raw.partner, PARTNER_MAX);
    match purpose {
        Some(p) if p.needs_partner() && partner.is_empty() => e.add("partner", "err-required"),
        Some(p) if !p.needs_partner() && !partner.is_empty() => {
            e.add("partner", "err-consent-partner-only-referral")
        }
        _ => {}
    }
    let expires_on = validate::date(&mut e, "expires_on", raw.expires_on);
    if let Some(d) = expires_on {
        if decision == Some(Decision::Withdrawn) {
            e.add("expires_on", "err-consent-expiry-only-given");
        } else if d <= today {
            e.add("expires_on", "err-consent-expiry-past");
        }
    }
    let note = validate::optional(&mut e, "note", raw.note, NOTE_MAX);
    e.into_result(ConsentData {
        purpose: purpose.unwrap_or(Purpose::ContactEmail),
        partner,
        decision: decision.unwrap_or(Decision::Given),
        how: how.unwrap_or(How::Form),
        expires_on,
        note,
    })
}

impl ConsentForm {
    pub fn parse(&self, today: NaiveDate) -> Result<ConsentData, FieldErrors> {
        check(
            Raw {
                purpose: self.purpose.as_deref(),
                partner: self.partner.as_deref(),
                decision: self.decision.as_deref(),
                how: self.how.as_deref(),
                expires_on: self.expires_on.as_deref(),
                note: self.note.as_deref(),
            },
            today,
        )
    }
}

impl ConsentBody {
    pub fn parse(&self, today: NaiveDate) -> Result<ConsentData, FieldErrors> {
        check(
            Raw {
                purpose: self.purpose.as_deref(),
                partner: self.partner.as_deref(),
                decision: self.decision.as_deref(),
                how: self.how.as_deref(),
                expires_on: self.expires_on.as_deref(),
                note: self.note.as_deref(),
            },
            today,
        )
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_referral_names_its_partner_and_only_a_given_consent_expires() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let form = ConsentForm {
            purpose: Some("referral".into()),
            decision: Some("withdrawn".into()),
            how: Some("email_link".into()),
            expires_on: Some("2026-02-01".into()),
            ..Default::default()
        };
        let fields: Vec<_> = form.parse(today).unwrap_err().0.into_keys().collect();
        assert_eq!(fields, ["expires_on", "how", "partner"]);
        let ok = ConsentForm {
            purpose: Some("referral".into()),
            partner: Some(" CLSC des Pins ".into()),
            decision: Some("given".into()),
            how: Some("in_person".into()),
            expires_on: Some("2027-03-01".into()),
            note: None,
        };
        let data = ok.parse(today).unwrap();
        assert_eq!(data.partner, "CLSC des Pins");
        assert_eq!(data.how, How::InPerson);
    }
}
