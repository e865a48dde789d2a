//! When each periodic job runs next (one row a job, shared by every instance).

diesel::table! {
    job_schedule (name) {
        name -> Text,
        next_run_at -> Timestamp,
        last_started_at -> Nullable<Timestamp>,
        runs -> BigInt,
    }
}
