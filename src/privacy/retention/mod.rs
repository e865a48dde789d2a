//! Retention (Law 25: personal information is kept no longer than its purpose needs). Each kind of
//! record has a period in configuration (`[retention]`); the daily `privacy_retention` job
//! ([`jobs`]) destroys or anonymises what passed it, once per period across instances, and keeps
//! anonymous counts (`retention_counts`); the administrator sees what goes at the next run
//! ([`queries::pending`]) on `/privacy/retention`.
//!
//! | kind | expires | what happens |
//! | --- | --- | --- |
//! | tenants | `tenants_moved_out_days` after the move-out date | names, phone, email blanked, contact consents cleared, consent notes blanked; the row stays for counts |
//! | requests | `requests_closed_days` after closing | description, comments and referral contact blanked, tenant and dwelling unlinked, photos deleted (rows and files); the request stays for counts |
//! | outbox | `outbox_days` after a message was written, once sent or failed | its bodies blanked |
//! | access log | `access_log_days` after the read | the row deleted |
//!
//! Every selection also says "not done yet" (a blank name, a blank description…), and every write
//! re-checks it: a run repeated, or two runs at the same instant, change each record once and count
//! it once. Later capabilities (case files) add their kind here: a [`Kind`], its selection macro,
//! one step of [`service::run`].

pub mod api;
pub mod jobs;
pub mod pages;
pub mod queries;
pub mod service;

use chrono::{NaiveDate, NaiveDateTime};

use crate::config::RetentionSettings;

crate::text_enum! {
    /// A kind of record with a retention period.
    pub enum Kind {
        Tenants = "tenants",
        Requests = "requests",
        Outbox = "outbox",
        AccessLog = "access_log",
    }
}

/// The name of the job, in configuration, `job_schedule` and metrics.
pub const JOB_NAME: &str = "privacy_retention";

/// The instants (and day) before which each kind expires, for a run at `now`; `None` for a kind
/// kept for ever (period 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cutoffs {
    /// Tenants who moved out before this day.
    pub tenants: Option<NaiveDate>,
    /// Requests closed before this instant.
    pub requests: Option<NaiveDateTime>,
    /// Messages written before this instant.
    pub outbox: Option<NaiveDateTime>,
    /// Reads logged before this instant.
    pub access_log: Option<NaiveDateTime>,
}

impl Cutoffs {
    pub fn at(periods: &RetentionSettings, now: NaiveDateTime) -> Cutoffs {
        let before = |days: i64| (days > 0).then(|| now - chrono::Duration::days(days));
        Cutoffs {
            tenants: before(periods.tenants_moved_out_days).map(|t| t.date()),
            requests: before(periods.requests_closed_days),
            outbox: before(periods.outbox_days),
            access_log: before(periods.access_log_days),
        }
    }
}

/// The period of `kind`, in days (0: kept for ever).
pub fn period(periods: &RetentionSettings, kind: Kind) -> i64 {
    match kind {
        Kind::Tenants => periods.tenants_moved_out_days,
        Kind::Requests => periods.requests_closed_days,
        Kind::Outbox => periods.outbox_days,
        Kind::AccessLog => periods.access_log_days,
    }
}
