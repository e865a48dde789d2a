//! Consent that keeps its history: every decision of a tenant — given or withdrawn, for which
//! purpose (contact by email, SMS or phone, a referral to a named partner, photos), when, by whom
//! (a person of the office, or the tenant through an email link), how, until when — is one row of
//! `consent_events`, never changed afterwards. The current consent for a purpose is its latest
//! event, unless that event has expired ([`queries::current`]).
//!
//! **Source of truth.** These events are the record. `tenants.consent_{email,phone,sms}_at/by`
//! remain as a mirror of the contact channels, written by [`service`] with each event (and cleared
//! by the `consent_expiry` job when a consent expires), because the mail senders read them today:
//! requests' mail and jobs (`requests/mail.rs`, `requests/jobs.rs`), workshops' notices
//! (`workshops/mail.rs`), `email::Composer::send_to_tenant`, and the registry's tenant page and
//! form. Those readers move to [`queries::current`] in time; the columns then go.

pub mod api;
pub mod input;
pub mod jobs;
pub mod pages;
pub mod queries;
pub mod service;
pub mod withdraw;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::consent_events;
use crate::domain::consent::{Decision, How, Purpose};
use crate::domain::ids::{ConsentEventId, OfficeId, TenantId, UserId};

pub use input::{ConsentBody, ConsentData, ConsentForm};
pub use queries::{current, current_on, history, summary};
pub use service::{record, sync_channels, withdraw_by_link, ChannelChoice, Withdrawal};

/// Longest note, and longest partner name, in characters.
pub const NOTE_MAX: usize = 500;
pub const PARTNER_MAX: usize = 200;

crate::text_enum! {
    /// Where a consent stands today.
    pub enum ConsentState {
        Given = "given",
        Withdrawn = "withdrawn",
        /// Given until a date now past.
        Expired = "expired",
    }
}

/// One decision, as stored.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = consent_events)]
pub struct ConsentEvent {
    pub id: ConsentEventId,
    pub office_id: OfficeId,
    pub tenant_id: TenantId,
    pub purpose: Purpose,
    /// The partner of a referral ("" for other purposes).
    pub partner: String,
    pub decision: Decision,
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub at: NaiveDateTime,
    /// The person who recorded it; `null` when the tenant acted through a link.
    pub recorded_by: Option<UserId>,
    pub by_tenant: bool,
    pub how: How,
    pub expires_on: Option<NaiveDate>,
    pub note: String,
}

/// A decision to write.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = consent_events, treat_none_as_default_value = false)]
pub struct NewConsentEvent {
    pub office_id: OfficeId,
    pub tenant_id: TenantId,
    pub purpose: Purpose,
    pub partner: String,
    pub decision: Decision,
    pub at: NaiveDateTime,
    pub recorded_by: Option<UserId>,
    pub by_tenant: bool,
    pub how: How,
    pub expires_on: Option<NaiveDate>,
    pub note: String,
}

/// A tenant's current consent for one purpose (and partner).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Consent {
    pub purpose: Purpose,
    pub partner: String,
    pub state: ConsentState,
    /// When the latest decision was made.
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub since: NaiveDateTime,
    pub how: How,
    pub by_tenant: bool,
    pub recorded_by: Option<UserId>,
    pub expires_on: Option<NaiveDate>,
}

impl Consent {
    /// The consent that `latest` (the latest event of its purpose) leaves on `today`.
    pub fn of(latest: &ConsentEvent, today: NaiveDate) -> Consent {
        let state = match latest.decision {
            Decision::Withdrawn => ConsentState::Withdrawn,
            Decision::Given if latest.expires_on.is_some_and(|d| d < today) => {
                ConsentState::Expired
            }
            Decision::Given => ConsentState::Given,
        };
        Consent {
            purpose: latest.purpose,
            partner: latest.partner.clone(),
            state,
            since: latest.at,
            how: latest.how,
            by_tenant: latest.by_tenant,
            recorded_by: latest.recorded_by,
            expires_on: latest.expires_on,
        }
    }

    /// Whether the tenant agrees today.
    pub fn is_given(&self) -> bool {
        self.state == ConsentState::Given
    }
}
