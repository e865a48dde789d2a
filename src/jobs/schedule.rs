//! Claiming a job's period in `job_schedule`, so that an exclusive job runs on one instance only.

use std::time::Duration;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::job_schedule;
use crate::db::DbConnection;
use crate::error::AppError;

/// Whether this instance got the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimOutcome {
    /// This instance runs the job now.
    Claimed,
    /// Another instance claimed this period already.
    Taken,
}

/// Claims the period of `name` starting at `now` and lasting `every`: one conditional `UPDATE`
/// that moves `next_run_at` forward only while it is due. Whichever instance's update changes the
/// row runs the job; a concurrent one finds the row no longer due (PostgreSQL re-checks the
/// condition after the first commits; SQLite serialises writers).
pub fn claim(
    conn: &mut DbConnection,
    name: &str,
    every: Duration,
    now: NaiveDateTime,
) -> Result<ClaimOutcome, AppError> {
    ensure_row(conn, name, now)?;
    let next = now + chrono::Duration::from_std(every).unwrap_or(chrono::Duration::MAX);
    // Half a second of slack, so that a timer that fires a little early still finds its period due.
    let due_by = now + chrono::Duration::milliseconds(500);
    let changed = diesel::update(
        job_schedule::table
            .filter(job_schedule::name.eq(name))
            .filter(job_schedule::next_run_at.le(due_by)),
    )
    .set((
        job_schedule::next_run_at.eq(next),
        job_schedule::last_started_at.eq(now),
        job_schedule::runs.eq(job_schedule::runs + 1),
    ))
    .execute(conn)?;
    Ok(if changed == 1 {
        ClaimOutcome::Claimed
    } else {
        ClaimOutcome::Taken
    })
}

/// Creates the job's row, due at once, unless it exists. Two instances starting together may both
/// try: the loser's unique violation is expected and ignored (inside a savepoint, so that a
/// PostgreSQL transaction around it stays usable).
fn ensure_row(conn: &mut DbConnection, name: &str, now: NaiveDateTime) -> Result<(), AppError> {
    let exists: i64 = job_schedule::table
        .filter(job_schedule::name.eq(name))
        .count()
        .get_result(conn)?;
    if exists > 0 {
        return Ok(());
    }
    let inserted = conn.transaction(|c| {
        diesel::insert_into(job_schedule::table)
            .values((
                job_schedule::name.eq(name),
                job_schedule::next_run_at.eq(now),
                job_schedule::runs.eq(0_i64),
            ))
            .execute(c)
    });
    match inserted {
        Ok(_)
        | Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => Ok(()),
        Err(e) => Err(e.into()),
    }
}
