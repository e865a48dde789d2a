//! The tenants pages: the searchable, filtered list and its CSV export ([`list`]), a tenant's page
//! with their consents and who consulted the file ([`show`]), create and edit ([`form`]). The
//! consent lines both the page and the form show are built here.

pub mod form;
pub mod list;
pub mod show;

use serde::Serialize;

use super::queries::{self, TenantView};
use super::TenantInput;
use crate::domain::validate;
use crate::error::AppError;

/// A consent line of a tenant's page, or a consent box of the form.
#[derive(Serialize)]
pub struct ConsentLine {
    name: &'static str,
    label_key: &'static str,
    checked: bool,
    given_at: Option<String>,
    recorded_by: Option<String>,
}

const CHANNELS: [(&str, &str); 3] = [
    ("consent_email", "tenant-consent-email"),
    ("consent_phone", "tenant-consent-phone"),
    ("consent_sms", "tenant-consent-sms"),
];

/// The recorded consents of `tenant` (with their recorders' names, one statement), each marked
/// `checked` from `boxes` (the form's) or from the record itself.
pub fn consent_lines(
    c: &mut crate::db::DbConnection,
    office: i64,
    tenant: Option<&TenantView>,
    boxes: Option<&TenantInput>,
) -> Result<Vec<ConsentLine>, AppError> {
    let recorded = [
        tenant.and_then(|t| t.consent_email.clone()),
        tenant.and_then(|t| t.consent_phone.clone()),
        tenant.and_then(|t| t.consent_sms.clone()),
    ];
    let ids: Vec<i64> = recorded.iter().flatten().map(|c| c.recorded_by).collect();
    let names = queries::user_names(c, office, &ids)?;
    let checked = boxes.map(|b| [&b.consent_email, &b.consent_phone, &b.consent_sms]);
    Ok(CHANNELS
        .iter()
        .zip(recorded)
        .enumerate()
        .map(|(i, ((name, label_key), consent))| ConsentLine {
            name,
            label_key,
            checked: match checked {
                Some(b) => validate::checkbox(b[i].as_deref()),
                None => consent.is_some(),
            },
            given_at: consent.as_ref().map(|c| {
                queries::local_time(c.given_at)
                    .format("%Y-%m-%d %H:%M")
                    .to_string()
            }),
            recorded_by: consent.map(|c| {
                names
                    .get(&c.recorded_by)
                    .cloned()
                    .unwrap_or_else(|| format!("#{}", c.recorded_by))
            }),
        })
        .collect())
}
