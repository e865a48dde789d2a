//! Instants as the API answers them. Passerelle stores instants as UTC without an offset
//! (`NaiveDateTime`, the same on SQLite and PostgreSQL); the API writes them as RFC 3339 with
//! their offset (`2026-11-30T15:04:05.123456Z`), which is what `format: date-time` promises.
//! Serialised fields say `#[serde(serialize_with = "crate::domain::instant::utc")]`
//! (or `utc_option`).

use chrono::{NaiveDateTime, SecondsFormat};
use serde::{Deserialize, Deserializer, Serializer};

/// `at`, a UTC instant, in RFC 3339 with its `Z`.
pub fn rfc3339(at: NaiveDateTime) -> String {
    at.and_utc().to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

pub fn utc<S: Serializer>(at: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&rfc3339(*at))
}

pub fn utc_option<S: Serializer>(at: &Option<NaiveDateTime>, s: S) -> Result<S::Ok, S::Error> {
    match at {
        Some(at) => utc(at, s),
        None => s.serialize_none(),
    }
}

/// An instant a client sends: RFC 3339 with its offset (what the API answers), or without an offset
/// as UTC.
pub fn parse(text: &str) -> Option<NaiveDateTime> {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|at| at.naive_utc())
        .ok()
        .or_else(|| text.parse().ok())
}

pub fn from_client<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
    let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
    parse(&text).ok_or_else(|| serde::de::Error::custom("expected an RFC 3339 date-time"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;

    #[test]
    fn instants_carry_their_offset() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 30)
            .unwrap()
            .and_hms_micro_opt(15, 4, 5, 123_456)
            .unwrap();
        assert_eq!(rfc3339(at), "2026-11-30T15:04:05.123456Z");
        assert!(chrono::DateTime::parse_from_rfc3339(&rfc3339(at)).is_ok());
        let whole = at.with_nanosecond(0).unwrap();
        assert_eq!(rfc3339(whole), "2026-11-30T15:04:05Z");
        assert_eq!(parse(&rfc3339(at)), Some(at));
        assert_eq!(parse("2026-11-30T10:04:05.123456-05:00"), Some(at));
        assert_eq!(parse("2026-11-30T15:04:05.123456"), Some(at));
        assert_eq!(parse("demain"), None);
    }
}
