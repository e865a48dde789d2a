//! The one runner for periodic work (reminders, digests, follow-ups, the outbox worker, purges…).
//! A capability describes each job once — a name, whether it runs on one instance per period or on
//! every instance, and a function of a connection and the current instant — and `startup` hands
//! them all to [`Runner::spawn`]. Intervals come from configuration (`[jobs]`, seconds by job name,
//! `0` turns a job off), and every run is counted in the `passerelle_job_*` metrics.
//!
//! An *exclusive* job runs once per period across every instance sharing the database: before each
//! run an instance claims the period with one conditional `UPDATE` on `job_schedule` (the row's
//! `next_run_at` must be due); the instance whose update changed the row runs the job, the others
//! skip it. Jobs are also written to be idempotent (dedup keys, conditional updates), so a period
//! claimed by an instance that then died is simply run at the next one.

mod metrics;
mod schedule;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;

use crate::db::{DbConnection, Pool};
use crate::error::AppError;

pub use metrics::JobMetrics;
pub use schedule::{claim, ClaimOutcome};

/// What one run of a job did: how many items it handled (messages, reminders…).
pub type JobResult = Result<usize, AppError>;

/// The work of a job: a connection of the jobs' pool and the instant of this run.
pub type JobFn = dyn Fn(&mut DbConnection, NaiveDateTime) -> JobResult + Send + Sync;

/// How a job shares its periods with other instances.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// One instance per period, claimed in `job_schedule`.
    Exclusive,
    /// Every instance, every period (work that claims its own items, like the outbox worker, or
    /// gauges of this instance).
    EveryInstance,
}

/// A periodic job.
pub struct Job {
    /// Its name in configuration, logs and metrics (`request_late_digests`…).
    pub name: &'static str,
    pub mode: Mode,
    /// The interval when configuration names none.
    pub default_every: Duration,
    /// Run again at once (without waiting) while a run handles at least this many items: lets the
    /// outbox drain a backlog at full speed. `None`: always wait.
    pub again_when_at_least: Option<usize>,
    pub run: Arc<JobFn>,
}

impl Job {
    pub fn new(
        name: &'static str,
        mode: Mode,
        default_every: Duration,
        run: impl Fn(&mut DbConnection, NaiveDateTime) -> JobResult + Send + Sync + 'static,
    ) -> Job {
        Job {
            name,
            mode,
            default_every,
            again_when_at_least: None,
            run: Arc::new(run),
        }
    }
}

/// The jobs of one instance, with their intervals and metrics.
pub struct Runner {
    pool: Pool,
    jobs: Vec<(Job, Duration)>,
    metrics: JobMetrics,
    intervals: HashMap<String, u64>,
}

impl Runner {
    /// `intervals` maps job names to seconds (from `[jobs]`); a job set to 0 is not run.
    pub fn new(pool: Pool, metrics: JobMetrics, intervals: HashMap<String, u64>) -> Runner {
        Runner {
            pool,
            jobs: Vec::new(),
            metrics,
            intervals,
        }
    }

    /// The interval of `job`: its configured seconds, else its default.
    pub fn interval_of(&self, job: &Job) -> Duration {
        self.intervals
            .get(job.name)
            .map_or(job.default_every, |s| Duration::from_secs(*s))
    }

    /// Adds `job`, at the interval configuration gives it.
    pub fn add(&mut self, job: Job) {
        let every = self.interval_of(&job);
        if every.is_zero() {
            tracing::info!(job = job.name, "periodic job turned off by configuration");
            return;
        }
        self.jobs.push((job, every));
    }

    /// Starts one task per job on the current runtime.
    pub fn spawn(self) {
        let metrics = Arc::new(self.metrics);
        for (job, every) in self.jobs {
            let (pool, metrics) = (self.pool.clone(), metrics.clone());
            actix_web::rt::spawn(async move {
                let job = Arc::new(job);
                loop {
                    let handled = tick(&pool, &job, every, &metrics).await;
                    let again = job.again_when_at_least.is_some_and(|n| handled >= n);
                    if !again {
                        actix_web::rt::time::sleep(every).await;
                    }
                }
            });
        }
    }
}

/// One scheduled run of `job` on the blocking pool; returns how many items it handled.
async fn tick(pool: &Pool, job: &Arc<Job>, every: Duration, metrics: &JobMetrics) -> usize {
    let (pool, run_job) = (pool.clone(), job.clone());
    let started = Instant::now();
    let result = actix_web::web::block(move || -> Result<Option<usize>, AppError> {
        let mut conn = pool.get()?;
        run_once(&mut conn, &run_job, every, crate::db::now())
    })
    .await
    .map_err(AppError::from)
    .and_then(|r| r);
    match result {
        Ok(Some(n)) => {
            metrics.ran(job.name, n, started.elapsed());
            if n > 0 {
                tracing::info!(job = job.name, items = n, "periodic job ran");
            }
            n
        }
        Ok(None) => {
            metrics.skipped(job.name);
            0
        }
        Err(e) => {
            metrics.failed(job.name, started.elapsed());
            tracing::error!(job = job.name, error = ?e, "periodic job failed");
            0
        }
    }
}

/// Runs `job` for the period that starts at `now`, if this instance claims it: `Ok(None)` when
/// another instance already ran it. Tests call this with a fixed instant.
pub fn run_once(
    conn: &mut DbConnection,
    job: &Job,
    every: Duration,
    now: NaiveDateTime,
) -> Result<Option<usize>, AppError> {
    if job.mode == Mode::Exclusive && claim(conn, job.name, every, now)? == ClaimOutcome::Taken {
        return Ok(None);
    }
    (job.run)(conn, now).map(Some)
}
