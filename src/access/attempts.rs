//! Attempt budgets kept in the database (`attempts`), so that every instance sharing it counts the
//! same attempts: failed sign-ins per account and per client address, public registrations per
//! address. A budget allows `max` attempts per `window`; old attempts are purged by a job.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::attempts;
use crate::db::DbConnection;
use crate::error::AppError;

/// A named budget: at most `max` attempts of one key within `window`.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    pub bucket: &'static str,
    pub max: u32,
    pub window: chrono::Duration,
}

impl Budget {
    /// Whether the key has used up its budget at `now` (nothing is spent).
    pub fn exhausted(
        &self,
        conn: &mut DbConnection,
        key: &str,
        now: NaiveDateTime,
    ) -> Result<bool, AppError> {
        let used: i64 = attempts::table
            .filter(attempts::bucket.eq(self.bucket))
            .filter(attempts::key.eq(key))
            .filter(attempts::at.gt(now - self.window))
            .count()
            .get_result(conn)?;
        Ok(used >= i64::from(self.max))
    }

    /// Spends one attempt of the key at `now`.
    pub fn spend(
        &self,
        conn: &mut DbConnection,
        key: &str,
        now: NaiveDateTime,
    ) -> Result<(), AppError> {
        diesel::insert_into(attempts::table)
            .values((
                attempts::bucket.eq(self.bucket),
                attempts::key.eq(key),
                attempts::at.eq(now),
            ))
            .execute(conn)?;
        Ok(())
    }
}

/// Spends one attempt of each (budget, key) at `now`, or none and `RateLimited` when one of them
/// is used up (every attempt counts: a public form where guessing is the threat).
pub fn spend_all(
    conn: &mut DbConnection,
    budgets: &[(Budget, &str)],
    now: NaiveDateTime,
) -> Result<(), AppError> {
    for (budget, key) in budgets {
        if budget.exhausted(conn, key, now)? {
            return Err(AppError::RateLimited);
        }
    }
    for (budget, key) in budgets {
        budget.spend(conn, key, now)?;
    }
    Ok(())
}

/// Forgets attempts older than a day (the `attempts_purge` job); answers how many went.
pub fn purge(conn: &mut DbConnection, now: NaiveDateTime) -> Result<usize, AppError> {
    Ok(
        diesel::delete(attempts::table.filter(attempts::at.lt(now - chrono::Duration::days(1))))
            .execute(conn)?,
    )
}

/// The purge as a periodic job (one instance, hourly).
pub fn purge_job() -> crate::jobs::Job {
    crate::jobs::Job::new(
        "attempts_purge",
        crate::jobs::Mode::Exclusive,
        std::time::Duration::from_secs(3600),
        |c, now| crate::db::write_tx(c, |c| purge(c, now)),
    )
}
