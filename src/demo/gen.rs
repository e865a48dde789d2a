//! The generator's state: one seeded random stream, the next id of every table, and the rows made so
//! far. Every random draw goes through `rng` in a fixed order, so a seed gives the same data (dates are
//! counted back from the day of the run, so that the journal's last weeks are always recent).

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use rand::rngs::StdRng;
use rand::Rng;

use super::store::{Dataset, Ids};

pub struct Gen {
    pub rng: StdRng,
    /// `created_at` of every row.
    pub now: NaiveDateTime,
    pub today: NaiveDate,
    pub ids: Ids,
    pub data: Dataset,
    /// The demo password's hash, computed once (argon2 is slow on purpose) and shared by every account.
    pub password_hash: String,
    /// Years of request history to make: three at office scales; one for the whole network, which
    /// would otherwise take minutes to write (about 1.1 million requests a year).
    pub request_years: i64,
}

impl Gen {
    /// One element of a non-empty list.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.rng.gen_range(0..items.len())]
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.rng.gen_bool(p.clamp(0.0, 1.0))
    }

    /// A number in `0.0..1.0`.
    pub fn unit(&mut self) -> f64 {
        self.rng.gen::<f64>()
    }

    /// A whole number in `lo..=hi`.
    pub fn between(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            lo
        } else {
            self.rng.gen_range(lo..=hi)
        }
    }

    /// The day `days` before today.
    pub fn days_ago(&self, days: i64) -> NaiveDate {
        self.today - Duration::days(days)
    }

    /// A day between `lo` and `hi` days ago.
    pub fn day_back(&mut self, lo: i64, hi: i64) -> NaiveDate {
        let days = self.between(lo, hi);
        self.days_ago(days)
    }

    /// A day between `from` and `to` (inclusive), uniformly.
    pub fn day_between(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        let span = (to - from).num_days().max(0);
        from + Duration::days(self.between(0, span))
    }

    /// A moment during office hours of a day between `from` and today.
    pub fn office_moment_since(&mut self, from: NaiveDate) -> NaiveDateTime {
        let day = self.day_between(from.min(self.today), self.today);
        let minutes = self.between(9 * 60, 16 * 60 + 59) as u32;
        let time = NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0).unwrap_or(NaiveTime::MIN);
        day.and_time(time)
    }
}

/// The number of groups of about `per` items in `total`, at least one.
pub fn groups(total: u32, per: u32) -> u32 {
    ((f64::from(total) / f64::from(per)).round() as u32).max(1)
}
