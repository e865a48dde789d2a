//! Three years of practice-journal entries for every ISC: about 400 a year in an office of 350
//! dwellings or more (fewer in the smallest), on weekdays, spread over the four poles, in the
//! buildings the ISC covers.

use chrono::{Datelike, Duration, NaiveTime, Weekday};

use super::gen::Gen;
use super::registry::OfficeMade;
use super::store::{take, JournalRow};
use super::words;
use crate::domain::poles::SubActivity;

const YEARS: i64 = 3;
const ENTRIES_PER_YEAR: f64 = 400.0;
/// Below this many dwellings an ISC's caseload, and journal, shrink in proportion.
const FULL_CASELOAD: f64 = 350.0;

/// Share of entries per pole (1 to 4).
const POLE_SHARES: [f64; 4] = [0.22, 0.30, 0.33, 0.15];

impl Gen {
    pub fn journal(&mut self, office: &OfficeMade, dwellings: u32) {
        let per_year =
            (ENTRIES_PER_YEAR * (f64::from(dwellings) / FULL_CASELOAD).min(1.0)).max(60.0);
        let entries = (per_year * YEARS as f64).round() as usize;
        let isc_count = office.iscs.len().max(1);
        for (k, &author) in office.iscs.iter().enumerate() {
            // Buildings are shared out among the ISCs in turn.
            let covered: Vec<i64> = office
                .buildings
                .iter()
                .skip(k)
                .step_by(isc_count)
                .map(|b| b.id)
                .collect();
            let mut days: Vec<i64> = (0..entries).map(|_| self.between(1, YEARS * 365)).collect();
            days.sort_unstable_by(|a, b| b.cmp(a));
            for back in days {
                self.entry(office.id, author, &covered, back);
            }
        }
    }

    fn entry(&mut self, office: i64, author: i64, covered: &[i64], days_back: i64) {
        let mut day = self.days_ago(days_back);
        day -= Duration::days(match day.weekday() {
            Weekday::Sat => 1,
            Weekday::Sun => 2,
            _ => 0,
        });
        let pole = self.pole();
        let codes: Vec<&'static str> = SubActivity::ALL
            .iter()
            .filter(|s| s.pole().number() == pole)
            .map(|s| s.as_str())
            .collect();
        let sub_activity = self.pick(&codes);
        let (lo, hi) = match pole {
            1 => (2, 6),
            2 => (3, 8),
            3 => (4, 12),
            _ => (6, 12),
        };
        let duration_minutes = (self.between(lo, hi) * 15) as i32;
        let people_reached = match sub_activity {
            "milieu_de_vie" => self.between(3, 15),
            "vie_associative" => self.between(4, 20),
            "ateliers_groupe" => self.between(5, 25),
            "tables_concertation" | "projets_collectifs" => self.between(0, 8),
            "education_sensibilisation" => self.between(1, 12),
            _ => self.between(1, 2),
        } as i32;
        let in_building = if pole == 4 { 0.2 } else { 0.9 };
        let building_id = if !covered.is_empty() && self.chance(in_building) {
            Some(self.pick(covered))
        } else {
            None
        };
        let notes = words::notes(sub_activity);
        let note = if notes.is_empty() || self.chance(0.3) {
            String::new()
        } else {
            self.pick(notes).to_owned()
        };
        let logged_at =
            NaiveTime::from_hms_opt(16, self.between(0, 59) as u32, 0).unwrap_or(NaiveTime::MIN);
        self.data.journal.push(JournalRow {
            id: take(&mut self.ids.journal),
            office_id: office,
            author_id: author,
            pole,
            sub_activity: sub_activity.into(),
            occurred_on: day,
            duration_minutes,
            building_id,
            people_reached,
            note,
            source: "manual".into(),
            created_at: day.and_time(logged_at),
        });
    }

    fn pole(&mut self) -> i32 {
        let draw = self.unit();
        let mut acc = 0.0;
        for (i, share) in POLE_SHARES.iter().enumerate() {
            acc += share;
            if draw < acc {
                return i as i32 + 1;
            }
        }
        4
    }
}
