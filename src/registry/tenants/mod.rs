//! Tenants (locataires): who lives in which dwelling, how to reach them, and on which channels they
//! agreed to be contacted. Only what the work needs is stored (privacy by default). The row and its
//! validated data here; [`input`] parses forms and JSON, [`queries`] reads the office's tenants,
//! [`service`] writes them (and records each change of a channel box as a consent event of the
//! privacy capability, so the history is kept), [`pages`] and [`api`] are the ways in, [`export`]
//! the spreadsheet. Every read of a tenant's file, list or export is written to the access log.

pub mod api;
mod export;
pub mod input;
pub mod pages;
pub mod queries;
pub mod service;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::tenants;
use crate::domain::ids::{DwellingId, OfficeId, TenantId, UserId};

pub use input::{NewTenantQuery, TenantApiQuery, TenantBody, TenantInput, TenantListQuery};
pub use service::{consent_after, insert, validate_in_office};

/// Preferred languages of a tenant.
pub const LANGUAGES: [&str; 3] = ["fr", "en", "other"];

/// A tenant row as stored (columns in table order).
#[derive(Debug, Clone, Queryable)]
pub struct Tenant {
    pub id: TenantId,
    pub office_id: OfficeId,
    pub dwelling_id: DwellingId,
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

/// A tenant to insert: what [`service::insert`] writes, and what the demo generator loads in bulk
/// (with an explicit id). The consent columns mirror the consent events of the privacy capability.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = tenants, treat_none_as_default_value = false)]
pub struct NewTenant {
    pub office_id: OfficeId,
    pub dwelling_id: DwellingId,
    pub first_name: String,
    pub last_name: String,
    pub language: String,
    pub phone: String,
    pub email: String,
    pub household_size: i32,
    pub consent_email_at: Option<NaiveDateTime>,
    pub consent_email_by: Option<UserId>,
    pub consent_phone_at: Option<NaiveDateTime>,
    pub consent_phone_by: Option<UserId>,
    pub consent_sms_at: Option<NaiveDateTime>,
    pub consent_sms_by: Option<UserId>,
    pub move_in: Option<NaiveDate>,
    pub move_out: Option<NaiveDate>,
    pub search_text: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}
