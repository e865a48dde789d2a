//! Three seasons of workshops (September to early April, weekly) in most buildings with a community room:
//! sessions expanded by the real recurrence rules (so DST holds), registrations, attendance and a
//! journal entry for every session already held, a few cancelled sessions, and the current season
//! still ahead. An ISC leads at most 15 series at once (five weekdays × three times), so the
//! generated schedule has no clash; further buildings are led by a partner organisation.

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use diesel::prelude::*;

use super::gen::Gen;
use super::registry::OfficeMade;
use super::store::{take, JournalRow};
use crate::db::schema::{
    workshop_attendance, workshop_facilitators, workshop_registrations, workshop_sessions,
    workshops,
};
use crate::db::DbConnection;
use crate::domain::recurrence::{End, Frequency, Recurrence};
use crate::domain::text::fold;
use crate::workshops::TZ;

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

#[derive(Insertable)]
#[diesel(table_name = workshops, treat_none_as_default_value = false)]
pub struct WorkshopRow {
    pub id: i64,
    pub office_id: i64,
    pub title: String,
    pub description: String,
    pub theme: String,
    pub sub_activity: String,
    pub building_id: i64,
    pub room_id: Option<i64>,
    pub place: String,
    pub language: String,
    pub capacity: i32,
    pub audience: String,
    pub registration_opens_on: Option<NaiveDate>,
    pub registration_closes_on: Option<NaiveDate>,
    pub reminder_hours: i32,
    pub recurrence: String,
    pub duration_minutes: i32,
    pub registration_version: i32,
    pub search_text: String,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = workshop_facilitators, treat_none_as_default_value = false)]
pub struct FacilitatorRow {
    pub workshop_id: i64,
    pub user_id: Option<i64>,
    pub name: String,
    pub organisation: String,
}

#[derive(Insertable)]
#[diesel(table_name = workshop_sessions, treat_none_as_default_value = false)]
pub struct SessionRow {
    pub id: i64,
    pub office_id: i64,
    pub workshop_id: i64,
    pub building_id: i64,
    pub room_id: Option<i64>,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub status: &'static str,
    pub walk_ins: i32,
    pub journal_entry_id: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = workshop_registrations, treat_none_as_default_value = false)]
pub struct RegistrationRow {
    pub office_id: i64,
    pub workshop_id: i64,
    pub session_id: Option<i64>,
    pub tenant_id: i64,
    pub status: &'static str,
    pub channel: &'static str,
    pub registered_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = workshop_attendance)]
pub struct AttendanceRow {
    pub session_id: i64,
    pub tenant_id: i64,
    pub status: &'static str,
    pub recorded_at: NaiveDateTime,
}

/// The workshop rows, kept apart from the registry's `Dataset`.
#[derive(Default)]
pub struct WorkshopData {
    pub workshops: Vec<WorkshopRow>,
    pub facilitators: Vec<FacilitatorRow>,
    pub sessions: Vec<SessionRow>,
    pub registrations: Vec<RegistrationRow>,
    pub attendance: Vec<AttendanceRow>,
    next_workshop: i64,
    next_session: i64,
}

impl WorkshopData {
    pub fn new(conn: &mut DbConnection) -> QueryResult<WorkshopData> {
        use diesel::dsl::max;
        Ok(WorkshopData {
            next_workshop: workshops::table
                .select(max(workshops::id))
                .first::<Option<i64>>(conn)?
                .unwrap_or(0)
                + 1,
            next_session: workshop_sessions::table
                .select(max(workshop_sessions::id))
                .first::<Option<i64>>(conn)?
                .unwrap_or(0)
                + 1,
            ..Default::default()
        })
    }

    pub fn counts(&self) -> [(&'static str, usize); 4] {
        [
            ("workshops", self.workshops.len()),
            ("workshop_sessions", self.sessions.len()),
            ("registrations", self.registrations.len()),
            ("attendance", self.attendance.len()),
        ]
    }
}

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
                self.series(office.id, b.id, room, isc, slot, year, &people, out);
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn series(
        &mut self,
        office: i64,
        building: i64,
        room: i64,
        isc: i64,
        slot: usize,
        year: i32,
        people: &[i64],
        out: &mut WorkshopData,
    ) {
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
        out.workshops.push(WorkshopRow {
            id,
            office_id: office,
            title: title.into(),
            description: format!("{title} : {theme}."),
            theme: theme.into(),
            sub_activity: sub.into(),
            building_id: building,
            room_id: Some(room),
            place: String::new(),
            language: "fr".into(),
            capacity: 12,
            audience: "building".into(),
            registration_opens_on: None,
            registration_closes_on: None,
            reminder_hours: 24,
            recurrence: serde_json::to_string(&recurrence).unwrap_or_default(),
            duration_minutes: 90,
            registration_version: 0,
            search_text: fold(&format!("{title} {theme}")),
            created_by: author,
            created_at: created,
            updated_at: created,
        });
        match (slot < 15).then_some(isc) {
            Some(user) => out.facilitators.push(FacilitatorRow {
                workshop_id: id,
                user_id: Some(user),
                name: String::new(),
                organisation: String::new(),
            }),
            None => {
                let (name, org) = self.pick(&PARTNERS);
                out.facilitators.push(FacilitatorRow {
                    workshop_id: id,
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
            out.registrations.push(RegistrationRow {
                office_id: office,
                workshop_id: id,
                session_id: None,
                tenant_id: *t,
                status: "confirmed",
                channel: "staff",
                registered_by: Some(isc),
                created_at: created,
                updated_at: created,
            });
        }
        for o in occurrences {
            self.session(
                office,
                id,
                building,
                room,
                author,
                sub,
                title,
                o,
                &registered,
                out,
            );
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn session(
        &mut self,
        office: i64,
        workshop: i64,
        building: i64,
        room: i64,
        author: i64,
        sub: &str,
        title: &str,
        o: crate::domain::recurrence::Occurrence,
        registered: &[i64],
        out: &mut WorkshopData,
    ) {
        let id = take(&mut out.next_session);
        let past = o.ends_at < self.now;
        let cancelled = self.chance(0.02);
        let (status, walk_ins, journal) = if cancelled {
            ("cancelled", 0, None)
        } else if past {
            let mut present = 0;
            for t in registered {
                let draw = self.unit();
                let status = if draw < 0.75 {
                    "present"
                } else if draw < 0.9 {
                    "absent"
                } else {
                    "excused"
                };
                present += i32::from(status == "present");
                out.attendance.push(AttendanceRow {
                    session_id: id,
                    tenant_id: *t,
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
            ("held", walk_ins, Some(entry))
        } else {
            ("scheduled", 0, None)
        };
        out.sessions.push(SessionRow {
            id,
            office_id: office,
            workshop_id: workshop,
            building_id: building,
            room_id: Some(room),
            starts_at: o.starts_at,
            ends_at: o.ends_at,
            status,
            walk_ins,
            journal_entry_id: journal,
            created_at: o.starts_at - chrono::Duration::days(20),
            updated_at: o.starts_at - chrono::Duration::days(20),
        });
    }
}

/// Inserts the workshop rows (after the dataset, whose journal entries they point at).
pub fn insert(conn: &mut DbConnection, data: &WorkshopData) -> QueryResult<()> {
    use super::store::ROWS_PER_STATEMENT;
    macro_rules! rows {
        ($table:expr, $rows:expr) => {
            for chunk in $rows.chunks(ROWS_PER_STATEMENT) {
                match &mut *conn {
                    DbConnection::Sqlite(c) => {
                        diesel::insert_into($table).values(chunk).execute(c)?
                    }
                    DbConnection::Postgres(c) => {
                        diesel::insert_into($table).values(chunk).execute(c)?
                    }
                };
            }
        };
    }
    rows!(workshops::table, data.workshops);
    rows!(workshop_facilitators::table, data.facilitators);
    rows!(workshop_sessions::table, data.sessions);
    rows!(workshop_registrations::table, data.registrations);
    // Four narrow columns: 8,000 rows a statement stay under SQLite's 32,766 bound parameters and
    // spare PostgreSQL seven round trips in eight on the largest table.
    for chunk in data.attendance.chunks(8_000) {
        match &mut *conn {
            DbConnection::Sqlite(c) => diesel::insert_into(workshop_attendance::table)
                .values(chunk)
                .execute(c)?,
            DbConnection::Postgres(c) => diesel::insert_into(workshop_attendance::table)
                .values(chunk)
                .execute(c)?,
        };
    }
    if let DbConnection::Postgres(c) = conn {
        use diesel::connection::SimpleConnection;
        let sql: String = [
            "workshops",
            "workshop_facilitators",
            "workshop_sessions",
            "workshop_registrations",
        ]
        .iter()
        .map(|t| {
            format!(
                "SELECT setval(pg_get_serial_sequence('{t}', 'id'), \
                     (SELECT COALESCE(MAX(id), 0) + 1 FROM {t}), false);"
            )
        })
        .collect();
        c.batch_execute(&sql)?;
    }
    Ok(())
}
