//! Per-job metrics: runs by outcome, items handled, and how long runs take.

use std::time::Duration;

use prometheus::{HistogramOpts, HistogramVec, IntCounterVec, Opts, Registry};

/// The `passerelle_job_*` metrics, registered once in the service's Prometheus registry.
pub struct JobMetrics {
    runs: IntCounterVec,
    items: IntCounterVec,
    seconds: HistogramVec,
}

impl JobMetrics {
    pub fn register(registry: &Registry) -> prometheus::Result<JobMetrics> {
        let runs = IntCounterVec::new(
            Opts::new(
                "passerelle_job_runs_total",
                "Periodic job runs by outcome (ran, skipped: another instance had the period, failed)",
            ),
            &["job", "outcome"],
        )?;
        let items = IntCounterVec::new(
            Opts::new(
                "passerelle_job_items_total",
                "Items handled by periodic jobs (messages, reminders, digests…)",
            ),
            &["job"],
        )?;
        let seconds = HistogramVec::new(
            HistogramOpts::new("passerelle_job_duration_seconds", "Duration of job runs"),
            &["job"],
        )?;
        registry.register(Box::new(runs.clone()))?;
        registry.register(Box::new(items.clone()))?;
        registry.register(Box::new(seconds.clone()))?;
        Ok(JobMetrics {
            runs,
            items,
            seconds,
        })
    }

    pub(super) fn ran(&self, job: &str, items: usize, took: Duration) {
        self.runs.with_label_values(&[job, "ran"]).inc();
        self.items.with_label_values(&[job]).inc_by(items as u64);
        self.seconds
            .with_label_values(&[job])
            .observe(took.as_secs_f64());
    }

    pub(super) fn skipped(&self, job: &str) {
        self.runs.with_label_values(&[job, "skipped"]).inc();
    }

    pub(super) fn failed(&self, job: &str, took: Duration) {
        self.runs.with_label_values(&[job, "failed"]).inc();
        self.seconds
            .with_label_values(&[job])
            .observe(took.as_secs_f64());
    }
}
