//! An office, its departments and its accounts (its buildings are in `buildings`).

use super::gen::{groups, Gen};
use super::places::OfficePlan;
use super::store::{take, OfficeRow, UserRow, WithId};
use super::words;
use crate::domain::ids::OfficeId;
use crate::registry::departments::NewDepartment;

/// The domain of every demo account and department address.
pub const DOMAIN: &str = "demo.passerelle.quebec";

/// Dwellings per community social worker.
const DWELLINGS_PER_ISC: u32 = 700;

const DEPARTMENTS: [(&str, &str); 4] = [
    ("Entretien", "entretien"),
    ("Location", "location"),
    ("Sécurité", "securite"),
    ("Administration", "administration"),
];

/// What later steps need to know of a generated office.
pub struct OfficeMade {
    pub id: i64,
    pub iscs: Vec<i64>,
    pub buildings: Vec<BuildingMade>,
    /// Telephone area codes of the office's territory.
    pub area_codes: [&'static str; 2],
    pub montreal: bool,
}

pub struct BuildingMade {
    pub id: i64,
    pub clientele: &'static str,
    /// (id, bedrooms) of each dwelling.
    pub dwellings: Vec<(i64, i32)>,
}

/// `admin@…` for the first office, `admin+7@…` for the seventh.
pub fn account_email(local: &str, office_number: usize) -> String {
    if office_number == 1 {
        format!("{local}@{DOMAIN}")
    } else {
        format!("{local}+{office_number}@{DOMAIN}")
    }
}

fn area_codes(fsa: &str) -> [&'static str; 2] {
    match fsa {
        f if f.starts_with('H') => ["514", "438"],
        "G8" | "G9" | "J1" | "J8" | "J9" => ["819", "873"],
        f if f.starts_with('G') => ["418", "581"],
        _ => ["450", "579"],
    }
}

impl Gen {
    /// The office, its departments, its accounts and its buildings.
    pub fn office(&mut self, number: usize, plan: &OfficePlan) -> anyhow::Result<OfficeMade> {
        let id = take(&mut self.ids.office);
        let codes = area_codes(plan.fsa[0]);
        self.data.offices.push(OfficeRow {
            id,
            name: plan.name.clone(),
            region: plan.region.into(),
            contact_email: account_email("info", number),
            contact_phone: format!("{} 555-0100", codes[0]),
            created_at: self.now,
        });
        let mut maintenance = 0;
        for (name, local) in DEPARTMENTS {
            let dept = take(&mut self.ids.department);
            if maintenance == 0 {
                maintenance = dept;
            }
            let row = NewDepartment {
                office_id: OfficeId(id),
                name: name.into(),
                email: account_email(local, number),
                created_at: self.now,
            };
            self.data.departments.push(WithId { id: dept, row });
        }
        let iscs = self.accounts(number, id, plan, maintenance);
        let buildings = self.buildings(id, plan)?;
        Ok(OfficeMade {
            id,
            iscs,
            buildings,
            area_codes: codes,
            montreal: plan.montreal,
        })
    }

    /// One account per role in the first office, an administrator and the ISCs in the others; one
    /// ISC per 700 dwellings or so. Returns the ISCs' ids.
    fn accounts(&mut self, number: usize, office: i64, plan: &OfficePlan, dept: i64) -> Vec<i64> {
        let mut roles: Vec<(String, &str, String, Option<i64>)> = vec![(
            account_email("admin", number),
            "admin",
            "Sylvie Lapointe".into(),
            None,
        )];
        let isc_count = groups(plan.dwellings, DWELLINGS_PER_ISC);
        for k in 1..=isc_count {
            let local = if k == 1 {
                "isc".into()
            } else {
                format!("isc{k}")
            };
            let name = if number == 1 && k == 1 {
                "Geneviève Tremblay".into()
            } else {
                self.person_name()
            };
            roles.push((account_email(&local, number), "isc", name, None));
        }
        if number == 1 {
            roles.push((
                account_email("staff", 1),
                "staff",
                "Marc-André Côté".into(),
                Some(dept),
            ));
            roles.push((
                account_email("committee", 1),
                "committee",
                "Réjean Bélanger".into(),
                None,
            ));
            roles.push((
                account_email("tenant", 1),
                "tenant",
                "Thérèse Gagnon".into(),
                None,
            ));
        }
        let mut iscs = Vec::new();
        for (email, role, display_name, department_id) in roles {
            let id = take(&mut self.ids.user);
            if role == "isc" {
                iscs.push(id);
            }
            self.data.users.push(UserRow {
                id,
                office_id: office,
                email,
                display_name,
                password_hash: self.password_hash.clone(),
                role: role.into(),
                language: "fr".into(),
                department_id,
                active: true,
                demo_password: true,
                created_at: self.now,
            });
        }
        iscs
    }

    fn person_name(&mut self) -> String {
        let first = if self.chance(0.7) {
            self.pick(words::FIRST_QC_F)
        } else {
            self.pick(words::FIRST_QC_M)
        };
        format!("{first} {}", self.pick(words::LAST_QC))
    }
}
