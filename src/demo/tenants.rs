//! Tenants: a household in nearly every dwelling, a co-tenant in some, a former tenant in nearly half of them; names
//! with their accents, preferred language, contact details for a share, and consent recorded by the
//! office's ISC.

use chrono::NaiveDate;

use super::gen::Gen;
use super::registry::OfficeMade;
use super::store::{take, TenantRow};
use super::words;
use crate::domain::text;

/// Where a household's names come from.
#[derive(Clone, Copy)]
enum Origin {
    Quebec,
    World,
    English,
}

/// One tenant's stay in a dwelling. `reach` scales the chance of having a phone and an email (1
/// for the main tenant, less for a co-tenant, 0 for a former tenant: only what the work needs is
/// kept).
#[derive(Clone, Copy)]
struct Stay {
    dwelling: i64,
    household_size: i32,
    move_in: Option<NaiveDate>,
    move_out: Option<NaiveDate>,
    reach: f64,
}

/// One person's name.
struct Person {
    first: &'static str,
    last: &'static str,
    origin: Origin,
}

const YEAR: i64 = 365;

impl Gen {
    /// Tenants of every dwelling of the office.
    pub fn tenants(&mut self, office: &OfficeMade) {
        for building in &office.buildings {
            for &(dwelling, bedrooms) in &building.dwellings {
                self.household(office, dwelling, building.clientele, bedrooms);
            }
        }
    }

    fn household(&mut self, office: &OfficeMade, dwelling: i64, clientele: &str, bedrooms: i32) {
        let vacant = self.chance(0.03);
        let mut current_since = None;
        if !vacant {
            let size = self.household_size(clientele, bedrooms);
            let main = self.person(office.montreal, None);
            let move_in = self.day_back(10, 30 * YEAR);
            current_since = Some(move_in);
            self.tenant(
                office,
                &main,
                Stay {
                    dwelling,
                    household_size: size,
                    move_in: Some(move_in),
                    move_out: None,
                    reach: 1.0,
                },
            );
            if size >= 2 && self.chance(0.5) {
                let partner = self.person(office.montreal, Some(&main));
                let since = if self.chance(0.7) {
                    move_in
                } else {
                    self.day_between(move_in, self.today)
                };
                self.tenant(
                    office,
                    &partner,
                    Stay {
                        dwelling,
                        household_size: size,
                        move_in: Some(since),
                        move_out: None,
                        reach: 0.5,
                    },
                );
            }
        }
        if self.chance(0.45) {
            // The household before: it left shortly before the current one came in.
            let left = match current_since {
                Some(since) => since - chrono::Duration::days(self.between(1, 60)),
                None => self.day_back(10, 200),
            };
            let earliest = self.days_ago(30 * YEAR);
            if left > earliest + chrono::Duration::days(YEAR) {
                let came = self.day_between(earliest, left - chrono::Duration::days(YEAR));
                let size = self.household_size(clientele, bedrooms);
                let former = self.person(office.montreal, None);
                self.tenant(
                    office,
                    &former,
                    Stay {
                        dwelling,
                        household_size: size,
                        move_in: Some(came),
                        move_out: Some(left),
                        reach: 0.0,
                    },
                );
            }
        }
    }

    fn household_size(&mut self, clientele: &str, bedrooms: i32) -> i32 {
        match clientele {
            "aines" => 1 + i32::from(self.chance(0.3)),
            "personnes_seules" => 1,
            "familles" => (bedrooms + self.between(0, 2) as i32).clamp(2, 7),
            _ => self.between(1, 4) as i32,
        }
    }

    /// A person; a partner shares the family name half of the time.
    fn person(&mut self, montreal: bool, partner_of: Option<&Person>) -> Person {
        let origin = match partner_of {
            Some(p) => p.origin,
            None => {
                let (world, english) = if montreal { (0.3, 0.08) } else { (0.06, 0.04) };
                let draw = self.unit();
                if draw < world {
                    Origin::World
                } else if draw < world + english {
                    Origin::English
                } else {
                    Origin::Quebec
                }
            }
        };
        let first = match origin {
            Origin::Quebec if self.chance(0.55) => self.pick(words::FIRST_QC_F),
            Origin::Quebec => self.pick(words::FIRST_QC_M),
            Origin::World => self.pick(words::FIRST_WORLD),
            Origin::English => self.pick(words::FIRST_EN),
        };
        let last = match (partner_of, origin) {
            (Some(p), _) if self.chance(0.5) => p.last,
            (_, Origin::Quebec) => self.pick(words::LAST_QC),
            (_, Origin::World) => self.pick(words::LAST_WORLD),
            (_, Origin::English) => self.pick(words::LAST_EN),
        };
        Person {
            first,
            last,
            origin,
        }
    }

    /// One tenant row.
    fn tenant(&mut self, office: &OfficeMade, who: &Person, stay: Stay) {
        let Stay {
            dwelling,
            household_size,
            move_in,
            move_out,
            reach,
        } = stay;
        let language = match who.origin {
            Origin::Quebec if self.chance(0.03) => "en",
            Origin::Quebec => "fr",
            Origin::English => self.pick(&["en", "en", "en", "en", "en", "fr"]),
            Origin::World => self.pick(&["fr", "fr", "fr", "en", "other", "other"]),
        };
        let phone = if self.chance(0.8 * reach) {
            let area = self.pick(&office.area_codes);
            format!("{area} 555-{:04}", self.between(0, 9999))
        } else {
            String::new()
        };
        let email = if self.chance(0.75 * reach) {
            let local = |s: &str| text::fold(s).replace(' ', "-");
            let digits = if self.chance(0.4) {
                self.between(1, 99).to_string()
            } else {
                String::new()
            };
            let domain = self.pick(&["example.org", "example.net", "example.com"]);
            format!("{}.{}{digits}@{domain}", local(who.first), local(who.last))
        } else {
            String::new()
        };
        let since = move_in.unwrap_or(self.today);
        let consent = |gen: &mut Gen, has: bool, p: f64| {
            if has && move_out.is_none() && gen.chance(p) {
                let at = gen.office_moment_since(since.max(gen.days_ago(6 * YEAR)));
                (Some(at), Some(gen.pick(&office.iscs)))
            } else {
                (None, None)
            }
        };
        let (consent_email_at, consent_email_by) = consent(self, !email.is_empty(), 0.9);
        let (consent_phone_at, consent_phone_by) = consent(self, !phone.is_empty(), 0.9);
        let (consent_sms_at, consent_sms_by) = consent(self, !phone.is_empty(), 0.35);
        let search_text = text::tenant_search_text(who.first, who.last, &email, &phone);
        self.data.tenants.push(TenantRow {
            id: take(&mut self.ids.tenant),
            office_id: office.id,
            dwelling_id: dwelling,
            first_name: who.first.into(),
            last_name: who.last.into(),
            language: language.into(),
            phone,
            email,
            household_size,
            consent_email_at,
            consent_email_by,
            consent_phone_at,
            consent_phone_by,
            consent_sms_at,
            consent_sms_by,
            move_in,
            move_out,
            search_text,
            created_at: self.now,
            updated_at: self.now,
        });
    }
}
