//! What the next retention run will take, per kind, and what past runs took. The selections are
//! macros shared with [`super::service`], so the page counts exactly what the job changes.

use chrono::NaiveDateTime;
use diesel::dsl::count_star;
use diesel::prelude::*;
use serde::Serialize;

use super::{period, Cutoffs, Kind, JOB_NAME};
use crate::access::Actor;
use crate::config::RetentionSettings;
use crate::db::schema::{access_log, job_schedule, outbox, requests, retention_counts, tenants};
use crate::db::DbConnection;
use crate::domain::ids::OfficeId;
use crate::domain::roles::Action;
use crate::error::AppError;

/// Tenants of `$office` who moved out before `$day` and still have a name.
macro_rules! expired_tenants {
    ($office:expr, $day:expr) => {
        tenants::table
            .filter(tenants::office_id.eq($office))
            .filter(tenants::move_out.lt($day))
            .filter(tenants::first_name.ne("").or(tenants::last_name.ne("")))
    };
}

/// Requests of `$office` closed before `$at` that still hold personal content.
macro_rules! expired_requests {
    ($office:expr, $at:expr) => {
        requests::table
            .filter(requests::office_id.eq($office))
            .filter(requests::status.eq("closed"))
            .filter(requests::closed_at.lt($at))
            .filter(
                requests::description
                    .ne("")
                    .or(requests::tenant_id.is_not_null())
                    .or(requests::dwelling_id.is_not_null()),
            )
    };
}

/// Sent or failed messages of `$office` written before `$at` that still have a body.
macro_rules! expired_messages {
    ($office:expr, $at:expr) => {
        outbox::table
            .filter(outbox::office_id.eq($office))
            .filter(outbox::status.eq_any(["sent", "failed"]))
            .filter(outbox::created_at.lt($at))
            .filter(outbox::body_text.ne("").or(outbox::body_html.ne("")))
    };
}

/// Access-log rows of `$office` logged before `$at`.
macro_rules! expired_reads {
    ($office:expr, $at:expr) => {
        access_log::table
            .filter(access_log::office_id.eq($office))
            .filter(access_log::at.lt($at))
    };
}

pub(crate) use {expired_messages, expired_reads, expired_requests, expired_tenants};

/// How many records of `kind` in `office` would go at a run with `cut`.
pub fn count_expired(
    conn: &mut DbConnection,
    office: OfficeId,
    kind: Kind,
    cut: &Cutoffs,
) -> Result<i64, AppError> {
    let n = match kind {
        Kind::Tenants => match cut.tenants {
            Some(d) => expired_tenants!(office, d)
                .select(count_star())
                .first(conn)?,
            None => 0,
        },
        Kind::Requests => match cut.requests {
            Some(t) => expired_requests!(office, t)
                .select(count_star())
                .first(conn)?,
            None => 0,
        },
        Kind::Outbox => match cut.outbox {
            Some(t) => expired_messages!(office, t)
                .select(count_star())
                .first(conn)?,
            None => 0,
        },
        Kind::AccessLog => match cut.access_log {
            Some(t) => expired_reads!(office, t).select(count_star()).first(conn)?,
            None => 0,
        },
    };
    Ok(n)
}

/// When the job runs next (`None`: it never ran, and runs at the service's next start of jobs).
pub fn next_run(conn: &mut DbConnection) -> Result<Option<NaiveDateTime>, AppError> {
    Ok(job_schedule::table
        .filter(job_schedule::name.eq(JOB_NAME))
        .select(job_schedule::next_run_at)
        .first(conn)
        .optional()?)
}

/// One kind's line of the retention page.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Pending {
    pub kind: Kind,
    /// Days kept (0: for ever).
    pub period_days: i64,
    /// Records of the office that go at the next run.
    pub at_next_run: i64,
    /// Records destroyed or anonymised by past runs, in all.
    pub done_so_far: i64,
}

/// The next run's instant (now, if it is due or unknown) and what it will take per kind.
pub fn pending(
    conn: &mut DbConnection,
    actor: &Actor,
    periods: &RetentionSettings,
    now: NaiveDateTime,
) -> Result<(NaiveDateTime, Vec<Pending>), AppError> {
    actor.require(Action::ManagePrivacy)?;
    let next = next_run(conn)?.filter(|t| *t > now).unwrap_or(now);
    let cut = Cutoffs::at(periods, next);
    let done: Vec<(String, Option<i64>)> = retention_counts::table
        .filter(retention_counts::office_id.eq(actor.office_id))
        .group_by(retention_counts::kind)
        .select((
            retention_counts::kind,
            diesel::dsl::sum(retention_counts::records),
        ))
        .load(conn)?;
    let mut lines = Vec::new();
    for kind in Kind::ALL {
        let done_so_far = done
            .iter()
            .find(|(k, _)| k == kind.as_str())
            .and_then(|(_, n)| *n)
            .unwrap_or(0);
        lines.push(Pending {
            kind: *kind,
            period_days: period(periods, *kind),
            at_next_run: count_expired(conn, actor.office_id, *kind, &cut)?,
            done_so_far,
        });
    }
    Ok((next, lines))
}
