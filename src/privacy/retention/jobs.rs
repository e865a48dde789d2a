//! `privacy_retention` (one instance, daily): one retention run in one transaction, then the
//! deleted photos' files are removed from disk.

use std::path::Path;
use std::time::Duration;

use super::service::{self, Outcome};
use super::JOB_NAME;
use crate::config::RetentionSettings;
use crate::db::{write_tx, DbConnection};
use crate::error::AppError;
use crate::jobs::{Job, Mode};

/// Runs retention at `now` and removes the files of deleted photos under `uploads_dir` (laid out
/// as requests store them: `office-<id>/<stored name>`). Tests call this with a fixed instant.
pub fn run_and_clean(
    conn: &mut DbConnection,
    periods: &RetentionSettings,
    uploads_dir: &str,
    now: chrono::NaiveDateTime,
) -> Result<Outcome, AppError> {
    let out = write_tx(conn, |c| service::run(c, periods, now))?;
    for (office, name) in &out.files {
        let path = Path::new(uploads_dir)
            .join(format!("office-{office}"))
            .join(name);
        if let Err(e) = std::fs::remove_file(&path) {
            tracing::warn!(path = %path.display(), error = %e, "expired photo file not removed");
        }
    }
    Ok(out)
}

pub fn job(periods: RetentionSettings, uploads_dir: String) -> Job {
    Job::new(
        JOB_NAME,
        Mode::Exclusive,
        Duration::from_secs(24 * 3600),
        move |conn, now| run_and_clean(conn, &periods, &uploads_dir, now).map(|o| o.total()),
    )
}
