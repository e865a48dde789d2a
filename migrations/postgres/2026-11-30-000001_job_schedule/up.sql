-- Periodic jobs: one row per job, claimed once per period by one instance (see src/jobs).
CREATE TABLE job_schedule (
    name TEXT PRIMARY KEY NOT NULL,
    next_run_at TIMESTAMP NOT NULL,
    last_started_at TIMESTAMP,
    runs BIGINT NOT NULL DEFAULT 0
);
