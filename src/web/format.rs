//! Dates as people read them: "23 novembre 2026", "November 23, 2026", in Montréal's time zone
//! (timestamps are stored in UTC). Month names and the order of the parts come from the catalogues.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use chrono_tz::America::Montreal;
use handlebars::{Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext};

use crate::i18n::{t, t_args, Lang};

/// Today's date in Québec. Servers often run in UTC, where "today" changes at 19 h or 20 h, Montréal
/// time: who has moved out, what counts as the future, this month's figures all follow this instead.
pub fn today() -> NaiveDate {
    chrono::Utc::now().with_timezone(&Montreal).date_naive()
}

/// A stored (UTC) time as a Montréal wall-clock time.
pub fn local_time(utc: NaiveDateTime) -> NaiveDateTime {
    utc.and_utc().with_timezone(&Montreal).naive_local()
}

/// "23 novembre 2026" / "November 23, 2026".
pub fn date(lang: Lang, d: NaiveDate) -> String {
    let month = t(lang, &format!("month-{}", d.month()));
    t_args(
        lang,
        "date-format",
        &[
            ("day", d.day().into()),
            ("month", month.into()),
            ("year", d.year().to_string().into()),
        ],
    )
}

/// A UTC timestamp shown in Montréal time: "23 novembre 2026 à 9 h 05".
pub fn datetime(lang: Lang, utc: NaiveDateTime) -> String {
    let local = utc.and_utc().with_timezone(&Montreal);
    let day = date(lang, local.date_naive());
    t_args(
        lang,
        "datetime-format",
        &[
            ("date", day.into()),
            ("hour", local.hour().to_string().into()),
            ("minute", format!("{:02}", local.minute()).into()),
        ],
    )
}

/// `{{date value}}`: formats a `YYYY-MM-DD` date or a timestamp (shown as its Montréal date and time);
/// empty for null; anything else is shown as it is.
pub struct DateHelper;

impl HelperDef for DateHelper {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let lang = ctx
            .data()
            .get("lang")
            .and_then(|v| v.as_str())
            .map(Lang::parse)
            .unwrap_or_default();
        let raw = h.param(0).and_then(|v| v.value().as_str()).unwrap_or("");
        let text = if let Ok(d) = NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
            date(lang, d)
        } else if let Ok(ts) = chrono::DateTime::parse_from_rfc3339(raw) {
            datetime(lang, ts.naive_utc())
        } else if let Ok(ts) = NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S%.f") {
            datetime(lang, ts)
        } else {
            raw.to_owned()
        };
        out.write(&handlebars::html_escape(&text))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_the_quebec_way_in_french_and_english() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
        assert_eq!(date(Lang::Fr, d), "23 novembre 2026");
        assert_eq!(date(Lang::En, d), "November 23, 2026");
        // 14:05 UTC is 9:05 in Montréal in November (EST) and 10:05 in July (EDT).
        let winter = d.and_hms_opt(14, 5, 0).unwrap_or_default();
        assert_eq!(datetime(Lang::Fr, winter), "23 novembre 2026 à 9 h 05");
        let summer = NaiveDate::from_ymd_opt(2026, 7, 1)
            .unwrap_or_default()
            .and_hms_opt(14, 5, 0)
            .unwrap_or_default();
        assert_eq!(datetime(Lang::En, summer), "July 1, 2026 at 10:05");
    }
}
