//! `consent_expiry` (one instance, daily): contact consents given until a date now past stop
//! being honoured by the mail senders (their mirror columns are cleared).

use std::time::Duration;

use crate::db::write_tx;
use crate::jobs::{Job, Mode};
use crate::web::format::local_time;

pub fn expiry_job() -> Job {
    Job::new(
        "consent_expiry",
        Mode::Exclusive,
        Duration::from_secs(24 * 3600),
        |conn, now| write_tx(conn, |c| super::service::expire(c, local_time(now).date())),
    )
}
