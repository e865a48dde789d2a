//! When a workshop happens: once, or every N weeks on chosen weekdays, or monthly on a date or on the
//! n-th weekday, until a date or for a count. Occurrences are computed in local (Montréal) wall time
//! and converted to UTC one by one, so a 13:30 workshop stays at 13:30 local on both sides of a DST
//! change.
//!
//! A small expansion of our own rather than the `rrule` crate: we need only these four shapes, the
//! crate wants its own time-zone wrapper and fails on local times that fall in a DST gap, where we
//! want "one hour later" (what a person means by 2:30 on the night clocks jump to 3:00).

use chrono::{
    Datelike, Days, Duration, LocalResult, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeZone,
    Weekday,
};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// Most occurrences one series may have (a count of ten thousand is a typo, not a plan).
pub const MAX_OCCURRENCES: usize = 500;

/// How the series repeats.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Frequency {
    Once,
    /// Every `interval` weeks on these weekdays (0 = Monday … 6 = Sunday).
    Weekly {
        interval: u32,
        weekdays: Vec<u8>,
    },
    /// Every `interval` months on this day of the month (months without it are skipped).
    MonthlyByDate {
        interval: u32,
        day: u32,
    },
    /// Every `interval` months on the `nth` (1–4, or -1 for the last) `weekday`.
    MonthlyByWeekday {
        interval: u32,
        nth: i8,
        weekday: u8,
    },
}

/// When a repeating series stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum End {
    Until(NaiveDate),
    Count(u32),
}

/// A whole schedule: first day, local start time, length, repetition and end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recurrence {
    pub start_date: NaiveDate,
    pub start_time: NaiveTime,
    pub duration_minutes: u32,
    pub frequency: Frequency,
    /// Ignored for `Once`.
    pub end: Option<End>,
}

/// Why a schedule is refused; each maps to a catalogue key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecurrenceError {
    EndBeforeStart,
    ZeroInterval,
    TooMany,
    NoWeekday,
    NoEnd,
    BadDay,
}

impl RecurrenceError {
    pub fn key(self) -> &'static str {
        match self {
            RecurrenceError::EndBeforeStart => "err-recurrence-end-before-start",
            RecurrenceError::ZeroInterval => "err-recurrence-interval",
            RecurrenceError::TooMany => "err-recurrence-too-many",
            RecurrenceError::NoWeekday => "err-recurrence-no-weekday",
            RecurrenceError::NoEnd => "err-recurrence-no-end",
            RecurrenceError::BadDay => "err-recurrence-day",
        }
    }
}

/// One occurrence in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
}

/// The UTC instant of a Montréal wall time. An ambiguous time (the repeated hour in November) is
/// its first instance; a time that does not exist (the skipped hour in March) is one hour later.
pub fn local_to_utc(tz: Tz, local: NaiveDateTime) -> NaiveDateTime {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.naive_utc(),
        LocalResult::None => match tz.from_local_datetime(&(local + Duration::hours(1))) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.naive_utc(),
            LocalResult::None => local,
        },
    }
}

fn weekday(n: u8) -> Option<Weekday> {
    Weekday::try_from(n).ok()
}

impl Recurrence {
    /// Every occurrence, in UTC, in order; refused when the schedule makes no sense or is too long.
    pub fn occurrences(&self, tz: Tz) -> Result<Vec<Occurrence>, RecurrenceError> {
        let length = Duration::minutes(i64::from(self.duration_minutes));
        Ok(self
            .dates()?
            .into_iter()
            .map(|d| {
                let starts_at = local_to_utc(tz, d.and_time(self.start_time));
                let ends_at = local_to_utc(tz, d.and_time(self.start_time) + length);
                Occurrence {
                    starts_at,
                    ends_at: ends_at.max(starts_at + length),
                }
            })
            .collect())
    }

    /// The local dates of the series.
    pub fn dates(&self) -> Result<Vec<NaiveDate>, RecurrenceError> {
        if self.frequency == Frequency::Once {
            return Ok(vec![self.start_date]);
        }
        let end = self.end.ok_or(RecurrenceError::NoEnd)?;
        let (until, count) = match end {
            End::Until(d) if d < self.start_date => return Err(RecurrenceError::EndBeforeStart),
            End::Until(d) => (d, MAX_OCCURRENCES + 1),
            End::Count(0) => return Err(RecurrenceError::EndBeforeStart),
            End::Count(n) if n as usize > MAX_OCCURRENCES => return Err(RecurrenceError::TooMany),
            End::Count(n) => (NaiveDate::MAX, n as usize),
        };
        let mut out = Vec::new();
        let mut push = |d: NaiveDate| -> bool {
            if d < self.start_date {
                return true;
            }
            if d > until || out.len() >= count {
                return false;
            }
            out.push(d);
            true
        };
        match &self.frequency {
            Frequency::Once => {}
            Frequency::Weekly { interval, weekdays } => {
                let days = self.weekly_days(*interval, weekdays)?;
                let monday = self.start_date
                    - Days::new(u64::from(self.start_date.weekday().num_days_from_monday()));
                'weeks: for week in 0.. {
                    let first = monday + Days::new(7 * u64::from(*interval) * week);
                    for wd in &days {
                        if !push(first + Days::new(u64::from(wd.num_days_from_monday()))) {
                            break 'weeks;
                        }
                    }
                }
            }
            Frequency::MonthlyByDate { interval, day } => {
                if *interval == 0 {
                    return Err(RecurrenceError::ZeroInterval);
                }
                if !(1..=31).contains(day) {
                    return Err(RecurrenceError::BadDay);
                }
                self.monthly(*interval, |first| first.with_day(*day), &mut push);
            }
            Frequency::MonthlyByWeekday {
                interval,
                nth,
                weekday: wd,
            } => {
                if *interval == 0 {
                    return Err(RecurrenceError::ZeroInterval);
                }
                let wd = weekday(*wd).ok_or(RecurrenceError::NoWeekday)?;
                if !(1..=4).contains(nth) && *nth != -1 {
                    return Err(RecurrenceError::BadDay);
                }
                self.monthly(*interval, |first| nth_weekday(first, *nth, wd), &mut push);
            }
        }
        if matches!(end, End::Until(_)) && out.len() > MAX_OCCURRENCES {
            return Err(RecurrenceError::TooMany);
        }
        Ok(out)
    }

    fn weekly_days(&self, interval: u32, weekdays: &[u8]) -> Result<Vec<Weekday>, RecurrenceError> {
        if interval == 0 {
            return Err(RecurrenceError::ZeroInterval);
        }
        let mut days: Vec<Weekday> = weekdays.iter().filter_map(|n| weekday(*n)).collect();
        days.sort_by_key(|d| d.num_days_from_monday());
        days.dedup();
        if days.is_empty() || days.len() != weekdays.len() {
            return Err(RecurrenceError::NoWeekday);
        }
        Ok(days)
    }

    /// Walks months from the start's, `interval` at a time, offering `pick(first of month)`.
    fn monthly(
        &self,
        interval: u32,
        pick: impl Fn(NaiveDate) -> Option<NaiveDate>,
        push: &mut impl FnMut(NaiveDate) -> bool,
    ) {
        let Some(first) = self.start_date.with_day(1) else {
            return;
        };
        // Months without the day are skipped; a bounded walk still ends.
        for k in 0..(MAX_OCCURRENCES as u32 * 12) {
            let Some(month) = first.checked_add_months(Months::new(k * interval)) else {
                return;
            };
            if let Some(d) = pick(month) {
                if !push(d) {
                    return;
                }
            }
        }
    }
}

/// The `nth` (1–4, or -1 for the last) `wd` of the month starting at `first`.
fn nth_weekday(first: NaiveDate, nth: i8, wd: Weekday) -> Option<NaiveDate> {
    if nth == -1 {
        let next = first.checked_add_months(Months::new(1))?;
        let last = next.pred_opt()?;
        let back = (7 + last.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
        return last.checked_sub_days(Days::new(u64::from(back)));
    }
    let ahead = (7 + wd.num_days_from_monday() - first.weekday().num_days_from_monday()) % 7;
    first.checked_add_days(Days::new(u64::from(ahead) + 7 * (nth as u64 - 1)))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use chrono_tz::America::Montreal;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn weekly(start: NaiveDate, interval: u32, weekdays: Vec<u8>, end: End) -> Recurrence {
        Recurrence {
            start_date: start,
            start_time: NaiveTime::from_hms_opt(13, 30, 0).unwrap(),
            duration_minutes: 90,
            frequency: Frequency::Weekly { interval, weekdays },
            end: Some(end),
        }
    }

    #[test]
    fn a_weekly_workshop_stays_at_half_past_one_local_across_both_dst_changes() {
        // Thursdays from October 2026 to April 2027: EDT (UTC-4), then EST (UTC-5) from Nov 1,
        // then EDT again from March 14.
        let r = weekly(d(2026, 10, 1), 1, vec![3], End::Until(d(2027, 4, 1)));
        let occ = r.occurrences(Montreal).unwrap();
        for o in &occ {
            let local = Montreal.from_utc_datetime(&o.starts_at);
            assert_eq!(local.time(), NaiveTime::from_hms_opt(13, 30, 0).unwrap());
            assert_eq!(local.weekday(), Weekday::Thu);
            assert_eq!(o.ends_at - o.starts_at, Duration::minutes(90));
        }
        let hour = |date: NaiveDate| {
            occ.iter()
                .find(|o| o.starts_at.date() == date)
                .map(|o| o.starts_at.time().format("%H:%M").to_string())
        };
        assert_eq!(hour(d(2026, 10, 29)).as_deref(), Some("17:30"));
        assert_eq!(hour(d(2026, 11, 5)).as_deref(), Some("18:30"));
        assert_eq!(hour(d(2027, 3, 18)).as_deref(), Some("17:30"));
        assert_eq!(occ.len(), 27);
    }

    #[test]
    fn every_two_weeks_on_two_days_counts_from_the_first_week() {
        // Start on Wednesday 2026-11-04: Monday of that week is skipped (before the start).
        let r = weekly(d(2026, 11, 4), 2, vec![0, 2], End::Count(4));
        assert_eq!(
            r.dates().unwrap(),
            vec![
                d(2026, 11, 4),
                d(2026, 11, 16),
                d(2026, 11, 18),
                d(2026, 11, 30)
            ]
        );
    }

    #[test]
    fn monthly_on_a_date_skips_months_without_it_and_on_the_nth_weekday() {
        let mut r = weekly(d(2027, 1, 31), 1, vec![], End::Count(3));
        r.frequency = Frequency::MonthlyByDate {
            interval: 1,
            day: 31,
        };
        assert_eq!(
            r.dates().unwrap(),
            vec![d(2027, 1, 31), d(2027, 3, 31), d(2027, 5, 31)]
        );
        r.start_date = d(2026, 12, 1);
        r.frequency = Frequency::MonthlyByWeekday {
            interval: 1,
            nth: 2,
            weekday: 1,
        };
        assert_eq!(
            r.dates().unwrap(),
            vec![d(2026, 12, 8), d(2027, 1, 12), d(2027, 2, 9)]
        );
        r.frequency = Frequency::MonthlyByWeekday {
            interval: 1,
            nth: -1,
            weekday: 4,
        };
        assert_eq!(
            r.dates().unwrap(),
            vec![d(2026, 12, 25), d(2027, 1, 29), d(2027, 2, 26)]
        );
    }

    #[test]
    fn nonsense_schedules_are_refused() {
        let start = d(2026, 12, 1);
        let err = |r: Recurrence| r.dates().unwrap_err();
        assert_eq!(
            err(weekly(start, 1, vec![1], End::Until(d(2026, 11, 1)))),
            RecurrenceError::EndBeforeStart
        );
        assert_eq!(
            err(weekly(start, 0, vec![1], End::Count(3))),
            RecurrenceError::ZeroInterval
        );
        assert_eq!(
            err(weekly(start, 1, vec![1], End::Count(10_000))),
            RecurrenceError::TooMany
        );
        assert_eq!(
            err(weekly(
                start,
                1,
                vec![0, 1, 2, 3, 4],
                End::Until(d(2030, 1, 1))
            )),
            RecurrenceError::TooMany
        );
        assert_eq!(
            err(weekly(start, 1, vec![], End::Count(3))),
            RecurrenceError::NoWeekday
        );
        assert_eq!(
            err(weekly(start, 1, vec![9], End::Count(3))),
            RecurrenceError::NoWeekday
        );
    }

    #[test]
    fn a_time_in_the_spring_gap_moves_one_hour_later() {
        // 2027-03-14 02:30 does not exist in Montréal; it becomes 03:30 EDT = 07:30 UTC.
        let t = local_to_utc(Montreal, d(2027, 3, 14).and_hms_opt(2, 30, 0).unwrap());
        assert_eq!(t, d(2027, 3, 14).and_hms_opt(7, 30, 0).unwrap());
    }
}
