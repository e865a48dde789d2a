//! What the office settings form and the API submit: the office's details, and on the form the
//! privacy officer's fields next to them.

use serde::{Deserialize, Serialize};

use super::{Office, OfficeData};
use crate::domain::{validate, FieldErrors};
use crate::privacy::officer::OfficerForm;

/// The office's details as submitted.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct OfficeInput {
    pub name: Option<String>,
    pub region: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
}

/// The office's details to replace.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct OfficeBody {
    #[schema(max_length = 200)]
    pub name: Option<String>,
    #[schema(max_length = 100)]
    pub region: Option<String>,
    pub contact_email: Option<String>,
    #[schema(max_length = 30)]
    pub contact_phone: Option<String>,
}

impl From<OfficeBody> for OfficeInput {
    fn from(b: OfficeBody) -> Self {
        OfficeInput {
            name: b.name,
            region: b.region,
            contact_email: b.contact_email,
            contact_phone: b.contact_phone,
        }
    }
}

impl OfficeInput {
    pub fn validate(&self) -> Result<OfficeData, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = validate::required(&mut e, "name", self.name.as_deref().unwrap_or(""), 200);
        let region = validate::optional(&mut e, "region", self.region.as_deref(), 100);
        let contact_email = validate::email(
            &mut e,
            "contact_email",
            self.contact_email.as_deref(),
            false,
        );
        let contact_phone =
            validate::optional(&mut e, "contact_phone", self.contact_phone.as_deref(), 30);
        e.into_result(OfficeData {
            name,
            region,
            contact_email,
            contact_phone,
        })
    }

    pub fn from_office(o: &Office) -> Self {
        OfficeInput {
            name: Some(o.name.clone()),
            region: Some(o.region.clone()),
            contact_email: Some(o.contact_email.clone()),
            contact_phone: Some(o.contact_phone.clone()),
        }
    }
}

/// The settings form: the office's details and its privacy officer.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct SettingsForm {
    #[serde(flatten)]
    pub office: OfficeInput,
    #[serde(flatten)]
    pub officer: OfficerForm,
}

impl SettingsForm {
    /// Whether the officer's fields were sent at all (a client posting only the office's details
    /// leaves the officer as named).
    pub fn has_officer(&self) -> bool {
        let o = &self.officer;
        o.privacy_officer_name.is_some()
            || o.privacy_officer_email.is_some()
            || o.privacy_officer_phone.is_some()
    }
}
