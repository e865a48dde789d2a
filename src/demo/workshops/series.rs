//! One office's seasons of workshops: which buildings have some, each weekly series, and each of
//! its sessions with attendance and a journal entry once held.

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use diesel::ExpressionMethods;

use super::WorkshopData;
use crate::db::schema::{workshop_sessions, workshops};
use crate::demo::gen::Gen;
use crate::demo::registry::OfficeMade;
use crate::demo::store::{take, JournalRow};
use crate::domain::ids::{
    BuildingId, JournalEntryId, OfficeId, RoomId, SessionId, TenantId, UserId, WorkshopId,
};
use crate::domain::recurrence::{End, Frequency, Occurrence, Recurrence};
use crate::domain::text::fold;
use crate::workshops::{
    Channel, Mark, NewFacilitator, NewMark, NewRegistrationRow, NewSession, NewWorkshopRow,
    RegistrationStatus, SessionStatus, TZ,
};

const SEASONS: i32 = 3;
const WEEKS: u32 = 30;
const TIMES: [(u32, u32); 3] = [(9, 30), (13, 30), (18, 30)];
const TITLES: [(&str, &str, &str); 8] = [
    ("Café-rencontre", "Briser l'isolement", "milieu_de_vie"),
    ("Cuisine collective", "Alimentation", "ateliers_groupe"),
    ("Atelier budget", "Finances personnelles", "ateliers_groupe"),
    ("Tricot-jasette", "Loisirs", "milieu_de_vie"),
    ("Club de marche", "Santé", "milieu_de_vie"),
    ("Devoirs en famille", "Réussite scolaire", "ateliers_groupe"),
    (
        "Comité des locataires",
        "Vie associative",
        "vie_associative",
    ),
    (
        "Prévention des punaises de lit",
        "Salubrité",
        "ateliers_groupe",
    ),
];
const PARTNERS: [(&str, &str); 4] = [
    ("Julie Gagnon", "CLSC du quartier"),
    ("Marc-André Roy", "Banque alimentaire"),
    ("Sophie Lavoie", "Carrefour familial"),
    ("Karim Benali", "Maison des jeunes"),
];

fn season_start(year: i32, weekday: Weekday) -> NaiveDate {
    let mut d = NaiveDate::from_ymd_opt(year, 9, 8).unwrap_or(NaiveDate::MIN);
    while d.weekday() != weekday {
        d = d + Days::new(1);
    }
    d
}

impl Gen {
    /// The office's workshops, into `out`; journal entries of held sessions into the dataset.
    pub fn workshops(&mut self, office: &OfficeMade, out: &mut WorkshopData) {
        let mut rooms: HashMap<i64, i64> = HashMap::new();
        for r in self.data.rooms.iter().filter(|r| r.office_id == office.id) {
            rooms.entry(r.building_id).or_insert(r.id);
        }
        let mut dwelling_building: HashMap<i64, i64> = HashMap::new();
        for b in &office.buildings {
            for (d, _) in &b.dwellings {
                dwelling_building.insert(*d, b.id);
            }
        }
        let mut residents: HashMap<i64, Vec<i64>> = HashMap::new();
        for t in self
            .data
            .tenants
            .iter()
            .filter(|t| t.office_id == office.id && t.move_out.is_none())
        {
            if let Some(b) = dwelling_building.get(&t.dwelling_id) {
                residents.entry(*b).or_default().push(t.id);
            }
        }
        let isc_count = office.iscs.len().max(1);
        let mut led: HashMap<i64, usize> = HashMap::new();
        for (k, b) in office.buildings.iter().enumerate() {
            let (Some(&room), Some(people)) = (rooms.get(&b.id), residents.get(&b.id)) else {
                continue;
            };
            if people.len() < 4 || !self.chance(0.8) {
                continue;
            }
            let Some(&isc) = office.iscs.get(k % isc_count) else {
                return;
            };
            let slot = {
                let n = led.entry(isc).or_insert(0);
                *n += 1;
                *n - 1
            };
            let people = people.clone();
            for season in 0..SEASONS {
                let year =
                    self.today.year() - SEASONS + 1 + season - i32::from(self.today.month() < 9);
                let plan = Series {
                    office: office.id,
                    building: b.id,
                    room,
                    isc,
                    slot,
                    year,
                };
                self.series(&plan, &people, out);
            }
        }
    }

    fn series(&mut self, plan: &Series, people: &[i64], out: &mut WorkshopData) {
        let Series {
            office,
            building,
            room,
            isc,
            slot,
            year,
        } = *plan;
        let (title, theme, sub) = self.pick(&TITLES);
        let weekday = Weekday::try_from((slot % 5) as u8).unwrap_or(Weekday::Tue);
        let (h, m) = TIMES[(slot / 5) % 3];
        let recurrence = Recurrence {
            start_date: season_start(year, weekday),
            start_time: NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN),
            duration_minutes: 90,
            frequency: Frequency::Weekly {
                interval: 1,
                weekdays: vec![weekday.num_days_from_monday() as u8],
            },
            end: Some(End::Count(WEEKS)),
        };
        let Ok(occurrences) = recurrence.occurrences(TZ) else {
            return;
        };
        let id = take(&mut out.next_workshop);
        let created = recurrence
            .start_date
            .and_hms_opt(10, 0, 0)
            .unwrap_or_default()
            - chrono::Duration::days(14);
        let author = isc;
        let row = workshop_row(plan, (title, theme, sub), &recurrence, created);
        out.workshops.push((workshops::id.eq(id), row));
        match (slot < 15).then_some(isc) {
            Some(user) => out.facilitators.push(NewFacilitator {
                workshop_id: WorkshopId(id),
                user_id: Some(UserId(user)),
                name: String::new(),
                organisation: String::new(),
            }),
            None => {
                let (name, org) = self.pick(&PARTNERS);
                out.facilitators.push(NewFacilitator {
                    workshop_id: WorkshopId(id),
                    user_id: None,
                    name: name.into(),
                    organisation: org.into(),
                });
            }
        }
        let count = (self.between(3, 9) as usize).min(people.len());
        let start = self.between(0, people.len() as i64 - 1) as usize;
        let registered: Vec<i64> = (0..count)
            .map(|i| people[(start + i) % people.len()])
            .collect();
        for t in &registered {
            out.registrations.push(NewRegistrationRow {
                office_id: OfficeId(office),
                workshop_id: WorkshopId(id),
                session_id: None,
                tenant_id: TenantId(*t),
                status: RegistrationStatus::Confirmed,
                channel: Channel::Staff,
                registered_by: Some(UserId(isc)),
                created_at: created,
                updated_at: created,
            });
        }
        let of = SessionOf {
            office,
            workshop: id,
            building,
            room,
            author,
            sub,
            title,
        };
        for o in occurrences {
            self.session(&of, o, &registered, out);
        }
    }

    fn session(
        &mut self,
        of: &SessionOf<'_>,
        o: Occurrence,
        registered: &[i64],
        out: &mut WorkshopData,
    ) {
        let SessionOf {
            office,
            workshop,
            building,
            room,
            author,
            sub,
            title,
        } = *of;
        let id = take(&mut out.next_session);
        let past = o.ends_at < self.now;
        let cancelled = self.chance(0.02);
        let (status, walk_ins, journal) = if cancelled {
            (SessionStatus::Cancelled, 0, None)
        } else if past {
            let mut present = 0;
            for t in registered {
                let draw = self.unit();
                let status = if draw < 0.75 {
                    Mark::Present
                } else if draw < 0.9 {
                    Mark::Absent
                } else {
                    Mark::Excused
                };
                present += i32::from(status == Mark::Present);
                out.attendance.push(NewMark {
                    session_id: SessionId(id),
                    tenant_id: TenantId(*t),
                    status,
                    recorded_at: o.ends_at,
                });
            }
            let walk_ins = self.between(0, 4) as i32;
            let entry = take(&mut self.ids.journal);
            self.data.journal.push(JournalRow {
                id: entry,
                office_id: office,
                author_id: author,
                pole: 3,
                sub_activity: sub.into(),
                occurred_on: crate::web::format::local_time(o.starts_at).date(),
                duration_minutes: 90,
                building_id: Some(building),
                people_reached: present + walk_ins,
                note: title.into(),
                source: "workshop".into(),
                created_at: o.ends_at,
            });
            (SessionStatus::Held, walk_ins, Some(entry))
        } else {
            (SessionStatus::Scheduled, 0, None)
        };
        out.sessions.push((
            workshop_sessions::id.eq(id),
            NewSession {
                office_id: OfficeId(office),
                workshop_id: WorkshopId(workshop),
                building_id: BuildingId(building),
                room_id: Some(RoomId(room)),
                starts_at: o.starts_at,
                ends_at: o.ends_at,
                status,
                walk_ins,
                journal_entry_id: journal.map(JournalEntryId),
                created_at: o.starts_at - chrono::Duration::days(20),
                updated_at: o.starts_at - chrono::Duration::days(20),
            },
        ));
    }
}

/// One weekly series to make: where, led by whom (`slot`: how many the ISC already leads), which
/// season.
#[derive(Clone, Copy)]
struct Series {
    office: i64,
    building: i64,
    room: i64,
    isc: i64,
    slot: usize,
    year: i32,
}

/// What every session of a series shares.
#[derive(Clone, Copy)]
struct SessionOf<'a> {
    office: i64,
    workshop: i64,
    building: i64,
    room: i64,
    author: i64,
    sub: &'a str,
    title: &'a str,
}

/// The workshop row of a series (no draw of chance: the generator's sequence stays the same).
fn workshop_row(
    plan: &Series,
    (title, theme, sub): (&str, &str, &str),
    recurrence: &Recurrence,
    created: NaiveDateTime,
) -> NewWorkshopRow {
    NewWorkshopRow {
        office_id: OfficeId(plan.office),
        title: title.into(),
        description: format!("{title} : {theme}."),
        theme: theme.into(),
        sub_activity: sub.into(),
        building_id: BuildingId(plan.building),
        room_id: Some(RoomId(plan.room)),
        place: String::new(),
        language: "fr".into(),
        capacity: 12,
        audience: "building".into(),
        registration_opens_on: None,
        registration_closes_on: None,
        reminder_hours: 24,
        recurrence: serde_json::to_string(recurrence).unwrap_or_default(),
        duration_minutes: 90,
        registration_version: 0,
        search_text: fold(&format!("{title} {theme}")),
        created_by: UserId(plan.isc),
        created_at: created,
        updated_at: created,
    }
}
