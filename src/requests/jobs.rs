//! The requests' periodic jobs, safe with several instances running: the daily digest of late
//! requests (one per department and per accompanying ISC and day, by dedup key) and the follow-up
//! question a few weeks after resolution (once per request, by conditional update and dedup key).
//! The tenant answers through a link carrying an unguessable token (`pages::followup`).

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::mail::{self, Digest};
use super::queries::{self, RequestLine};
use super::{Request, Status};
use crate::db::schema::{requests, tenants};
use crate::db::DbConnection;
use crate::domain::ids::{DepartmentId, OfficeId, UserId};
use crate::email::{Composer, Recipient};
use crate::error::AppError;
use crate::jobs::{Job, Mode};
use crate::web::format;

/// Most follow-up questions asked in one run.
const FOLLOWUPS_PER_RUN: i64 = 500;

/// The requests' periodic jobs: the daily late digest and the follow-up question.
pub fn jobs(mail: Composer, followup_days: i64) -> Vec<Job> {
    let every = Duration::from_secs(900);
    let digest_mail = mail.clone();
    vec![
        Job::new(
            "request_late_digests",
            Mode::Exclusive,
            every,
            move |c, now| crate::db::write_tx(c, |c| run_due_late_digests(c, &digest_mail, now)),
        ),
        Job::new(
            "request_followups",
            Mode::Exclusive,
            every,
            move |c, now| {
                crate::db::write_tx(c, |c| run_due_followups(c, &mail, followup_days, now))
            },
        ),
    ]
}

/// Late requests grouped by office and by whoever answers for them (a department, an ISC).
type Groups<'a, K> = BTreeMap<(OfficeId, K), Vec<&'a RequestLine>>;

/// Who gets one kind of digest: the name in its key, and how to reach them.
struct Audience<K> {
    kind: &'static str,
    recipient: fn(&mut DbConnection, K) -> Result<Option<Recipient>, AppError>,
}

/// One digest per group that has a recipient, keyed by `date`; how many were enqueued.
fn digests<K: Copy + std::fmt::Display>(
    conn: &mut DbConnection,
    mail: &Composer,
    groups: Groups<'_, K>,
    audience: Audience<K>,
    date: NaiveDate,
) -> Result<usize, AppError> {
    let mut sent = 0;
    for ((office_id, who), lines) in groups {
        let Some(to) = (audience.recipient)(conn, who)? else {
            continue;
        };
        let key = format!("late-digest:{}:{who}:{date}", audience.kind);
        sent += mail::late_digest(
            conn,
            mail,
            Digest {
                office_id,
                to,
                lines: &lines,
                key,
            },
        )?;
    }
    Ok(sent)
}

/// Enqueues the digest of late requests at `now` for every department and accompanying ISC that
/// has some, once a day each (`late-digest:dept:<id>:<date>`, `late-digest:isc:<id>:<date>`, the
/// date in Montréal). Returns how many digests this run enqueued.
pub fn run_due_late_digests(
    conn: &mut DbConnection,
    mail: &Composer,
    now: NaiveDateTime,
) -> Result<usize, AppError> {
    let late = queries::late_everywhere(conn, now)?;
    let date = format::local_time(now).date();
    let mut by_dept: Groups<'_, DepartmentId> = BTreeMap::new();
    let mut by_isc: Groups<'_, UserId> = BTreeMap::new();
    for line in &late {
        let r = &line.request;
        if let Some(d) = r.department_id {
            by_dept.entry((r.office_id, d)).or_default().push(line);
        }
        if let Some(i) = r.isc_id {
            by_isc.entry((r.office_id, i)).or_default().push(line);
        }
    }
    let departments = Audience {
        kind: "dept",
        recipient: mail::department,
    };
    let iscs = Audience {
        kind: "isc",
        recipient: mail::account,
    };
    Ok(digests(conn, mail, by_dept, departments, date)? + digests(conn, mail, by_isc, iscs, date)?)
}

/// Asks every consenting tenant whose request was resolved `followup_days` or more before `now`
/// whether the problem is really fixed, once per request. Returns how many were asked.
pub fn run_due_followups(
    conn: &mut DbConnection,
    mail: &Composer,
    followup_days: i64,
    now: NaiveDateTime,
) -> Result<usize, AppError> {
    let due: Vec<Request> = requests::table
        .inner_join(tenants::table.on(tenants::id.nullable().eq(requests::tenant_id)))
        .filter(requests::status.eq(Status::Resolved))
        .filter(requests::resolved_at.le(now - chrono::Duration::days(followup_days)))
        .filter(requests::followup_sent_at.is_null())
        .filter(requests::followup_token.is_not_null())
        .filter(tenants::consent_email_at.is_not_null())
        .filter(tenants::email.ne(""))
        .select(requests::all_columns)
        .order(requests::id)
        .limit(FOLLOWUPS_PER_RUN)
        .load(conn)?;
    let mut asked = 0;
    for r in due {
        // Whoever marks it first asks; another instance's update finds nothing to change.
        let claimed = diesel::update(
            requests::table
                .filter(requests::id.eq(r.id))
                .filter(requests::followup_sent_at.is_null()),
        )
        .set(requests::followup_sent_at.eq(now))
        .execute(conn)?;
        let (Some(to), Some(token), 1) = (
            mail::consenting_tenant(conn, &r)?,
            r.followup_token.as_deref(),
            claimed,
        ) else {
            continue;
        };
        asked += mail::followup(conn, mail, &r, to, token)?;
    }
    Ok(asked)
}
