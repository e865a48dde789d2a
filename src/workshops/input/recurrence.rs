//! The schedule of the scheduling form: the weekdays ticked, the recurrence, and the registration
//! window checked against the sessions it gives.

use chrono::{NaiveDate, NaiveTime};

use super::workshop::WorkshopInput;
use crate::domain::recurrence::{End, Frequency, Recurrence, RecurrenceError};
use crate::domain::{validate, FieldErrors};

impl WorkshopInput {
    /// The registration window, the reminder and the recurrence, checked together: the sessions
    /// start from today on and the window closes no later than the last.
    pub(super) fn schedule(
        &self,
        e: &mut FieldErrors,
        today: NaiveDate,
    ) -> (
        Option<NaiveDate>,
        Option<NaiveDate>,
        i32,
        Option<Recurrence>,
    ) {
        let opens = validate::date(
            e,
            "registration_opens_on",
            self.registration_opens_on.as_deref(),
        );
        let closes = validate::date(
            e,
            "registration_closes_on",
            self.registration_closes_on.as_deref(),
        );
        let reminder_hours = validate::integer(
            e,
            "reminder_hours",
            self.reminder_hours.as_deref(),
            0,
            336,
            Some(24),
        ) as i32;
        let recurrence = self.recurrence(e);
        if let Some(r) = &recurrence {
            if r.start_date < today {
                e.add("start_date", "err-workshop-past-start");
            }
            match r.dates() {
                Err(err) => e.add(recurrence_field(err), err.key()),
                Ok(dates) => check_window(e, opens, closes, &dates),
            }
        }
        (opens, closes, reminder_hours, recurrence)
    }

    fn weekday_list(&self) -> String {
        let boxes = [
            &self.wd0, &self.wd1, &self.wd2, &self.wd3, &self.wd4, &self.wd5, &self.wd6,
        ];
        let mut list: Vec<String> = boxes
            .iter()
            .enumerate()
            .filter(|(_, b)| validate::checkbox(b.as_deref()))
            .map(|(i, _)| i.to_string())
            .collect();
        if let Some(w) = self.weekdays.as_deref().filter(|w| !w.trim().is_empty()) {
            list.push(w.to_owned());
        }
        list.join(",")
    }

    fn recurrence(&self, e: &mut FieldErrors) -> Option<Recurrence> {
        let start_date = validate::date(e, "start_date", self.start_date.as_deref());
        if self.start_date.as_deref().unwrap_or("").trim().is_empty() {
            e.add("start_date", "err-required");
        }
        let start_time = match NaiveTime::parse_from_str(
            self.start_time.as_deref().unwrap_or("").trim(),
            "%H:%M",
        ) {
            Ok(t) => Some(t),
            Err(_) => {
                e.add("start_time", "err-workshop-time");
                None
            }
        };
        let duration = validate::integer(
            e,
            "duration_minutes",
            self.duration_minutes.as_deref(),
            5,
            720,
            None,
        ) as u32;
        let int = |e: &mut FieldErrors, field: &str, v: &Option<String>, min, max| {
            validate::integer(e, field, v.as_deref(), min, max, Some(1))
        };
        let frequency = match self.frequency.as_deref().unwrap_or("once").trim() {
            "" | "once" => Frequency::Once,
            "weekly" => Frequency::Weekly {
                interval: int(e, "interval", &self.interval, 0, 52) as u32,
                weekdays: self
                    .weekday_list()
                    .split(',')
                    .filter(|s| !s.trim().is_empty())
                    .map(|s| s.trim().parse::<u8>().unwrap_or(9))
                    .collect(),
            },
            "monthly_date" => Frequency::MonthlyByDate {
                interval: int(e, "interval", &self.interval, 0, 12) as u32,
                day: int(e, "month_day", &self.month_day, 1, 31) as u32,
            },
            "monthly_weekday" => Frequency::MonthlyByWeekday {
                interval: int(e, "interval", &self.interval, 0, 12) as u32,
                nth: int(e, "month_nth", &self.month_nth, -1, 4) as i8,
                weekday: int(e, "month_weekday", &self.month_weekday, 0, 6) as u8,
            },
            _ => {
                e.add("frequency", "err-invalid-choice");
                Frequency::Once
            }
        };
        let until = validate::date(e, "until", self.until.as_deref());
        let count = match self.count.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(c) => match c.parse::<u32>() {
                Ok(n) => Some(n),
                Err(_) => {
                    e.add("count", "err-recurrence-too-many");
                    None
                }
            },
        };
        let end = match (until, count) {
            (Some(d), None) => Some(End::Until(d)),
            (None, Some(n)) => Some(End::Count(n)),
            (None, None) => None,
            (Some(_), Some(_)) => {
                e.add("count", "err-recurrence-until-or-count");
                None
            }
        };
        Some(Recurrence {
            start_date: start_date?,
            start_time: start_time?,
            duration_minutes: duration,
            frequency,
            end,
        })
    }
}

fn recurrence_field(err: RecurrenceError) -> &'static str {
    use RecurrenceError::*;
    match err {
        EndBeforeStart => "until",
        ZeroInterval => "interval",
        TooMany => "count",
        NoWeekday => "weekdays",
        NoEnd => "until",
        BadDay => "month_day",
    }
}

/// The registration window must open before it closes, and close no later than the last session
/// (registering for a series after it ended makes no sense); sessions outside it are refused.
fn check_window(
    e: &mut FieldErrors,
    opens: Option<NaiveDate>,
    closes: Option<NaiveDate>,
    dates: &[NaiveDate],
) {
    if let (Some(o), Some(c)) = (opens, closes) {
        if c < o {
            e.add("registration_closes_on", "err-workshop-window-order");
        }
    }
    if let (Some(o), Some(last)) = (opens, dates.last()) {
        if o > *last {
            e.add(
                "registration_opens_on",
                "err-workshop-window-after-sessions",
            );
        }
    }
    if let (Some(c), Some(last)) = (closes, dates.last()) {
        if c > *last {
            e.add(
                "registration_closes_on",
                "err-workshop-window-after-sessions",
            );
        }
    }
}
