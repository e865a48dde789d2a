//! Buildings with their community rooms, and dwellings numbered by floor.

use std::collections::HashSet;

use super::gen::{groups, Gen};
use super::places::OfficePlan;
use super::registry::BuildingMade;
use super::store::{take, RoomRow, WithId};
use super::words;
use crate::domain::ids::{BuildingId, OfficeId};
use crate::registry::buildings::BuildingInput;
use crate::registry::buildings::NewBuilding;
use crate::registry::dwellings::NewDwelling;

/// Dwellings per building on average (Montréal: 20,810 in 833).
const DWELLINGS_PER_BUILDING: u32 = 25;

impl Gen {
    /// About one building per 25 dwellings; seniors' buildings are larger than family ones, and hold a
    /// little over half of the dwellings (Montréal: 11,002 of 20,810).
    pub(super) fn buildings(
        &mut self,
        office: i64,
        plan: &OfficePlan,
    ) -> anyhow::Result<Vec<BuildingMade>> {
        let count = groups(plan.dwellings, DWELLINGS_PER_BUILDING) as usize;
        let mut kinds = Vec::with_capacity(count);
        let mut weights = Vec::with_capacity(count);
        for _ in 0..count {
            let draw = self.unit();
            let (clientele, lo, hi) = match draw {
                // A few seniors' towers of 100 to 200 dwellings, as in the large cities.
                d if d < 0.015 => ("aines", 100, 200),
                d if d < 0.42 => ("aines", 20, 70),
                d if d < 0.8 => ("familles", 10, 45),
                d if d < 0.9 => ("personnes_seules", 10, 50),
                _ => ("mixte", 8, 60),
            };
            kinds.push(clientele);
            weights.push(self.between(lo, hi) as f64);
        }
        let scale = f64::from(plan.dwellings) / weights.iter().sum::<f64>();
        let mut sizes: Vec<i64> = weights
            .iter()
            .map(|w| ((w * scale).round() as i64).max(4))
            .collect();
        // Put the rounding difference on the largest building, so the office's total is exact.
        let diff = i64::from(plan.dwellings) - sizes.iter().sum::<i64>();
        if let Some(largest) = sizes.iter_mut().max() {
            *largest = (*largest + diff).max(4);
        }
        let mut names = HashSet::new();
        let mut made = Vec::with_capacity(count);
        for (clientele, size) in kinds.into_iter().zip(sizes) {
            made.push(self.building(office, plan, clientele, size, &mut names)?);
        }
        Ok(made)
    }

    fn building(
        &mut self,
        office: i64,
        plan: &OfficePlan,
        clientele: &'static str,
        size: i64,
        names: &mut HashSet<String>,
    ) -> anyhow::Result<BuildingMade> {
        let name = self.building_name(names);
        let streets = if plan.montreal {
            words::STREETS_MONTREAL
        } else {
            words::STREETS_TOWN
        };
        let civic = if plan.montreal {
            self.between(100, 9999)
        } else {
            self.between(10, 2500)
        };
        let address = format!("{civic}, {}", self.pick(streets));
        let town = if self.chance(0.5) {
            plan.towns[0]
        } else {
            self.pick(&plan.towns)
        };
        let postal_code = self.postal_code(plan);
        let data = BuildingInput {
            name: Some(name),
            address: Some(address),
            municipality: Some(town.into()),
            postal_code: Some(postal_code),
            dwelling_count: Some(size.to_string()),
            clientele: Some(clientele.into()),
        }
        .validate()
        .map_err(|e| anyhow::anyhow!("generated building is invalid: {e:?}"))?;
        let id = take(&mut self.ids.building);
        let row = NewBuilding::of(OfficeId(office), data, self.now);
        self.data.buildings.push(WithId { id, row });
        self.rooms(office, id, size);
        let dwellings = self.dwellings(office, id, clientele, size);
        Ok(BuildingMade {
            id,
            clientele,
            dwellings,
        })
    }

    /// "Habitations Saint-Michel", "Résidence Les Érables"; a repeated name gets "II", "III"…
    fn building_name(&mut self, taken: &mut HashSet<String>) -> String {
        let mut name = String::new();
        for _ in 0..6 {
            name = format!(
                "{} {}",
                self.pick(words::BUILDING_KINDS),
                self.pick(words::BUILDING_ROOTS)
            );
            if !taken.contains(&name) {
                taken.insert(name.clone());
                return name;
            }
        }
        const ROMAN: [&str; 8] = ["II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
        for (i, numeral) in ROMAN.iter().enumerate() {
            let candidate = format!("{name} {numeral}");
            if !taken.contains(&candidate) || i == ROMAN.len() - 1 {
                taken.insert(candidate.clone());
                return candidate;
            }
        }
        name
    }

    /// "H2X 1Y4": the office's forward sortation area, then letters and digits as Canada Post uses them.
    fn postal_code(&mut self, plan: &OfficePlan) -> String {
        const LETTERS: &[char] = &[
            'A', 'B', 'C', 'E', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'R', 'S', 'T', 'V', 'W',
            'X', 'Y', 'Z',
        ];
        let fsa = self.pick(&plan.fsa);
        format!(
            "{fsa}{} {}{}{}",
            self.pick(LETTERS),
            self.between(1, 9),
            self.pick(LETTERS),
            self.between(0, 9)
        )
    }

    /// Most buildings of a dozen dwellings or more have a "Salle communautaire"; large ones a second room.
    fn rooms(&mut self, office: i64, building: i64, size: i64) {
        let has_room = if size >= 12 {
            self.chance(0.85)
        } else {
            self.chance(0.3)
        };
        let mut names = Vec::new();
        if has_room {
            names.push("Salle communautaire");
        }
        if size >= 80 && self.chance(0.5) {
            names.push(self.pick(words::EXTRA_ROOMS));
        }
        for name in names {
            let capacity = self.between(20, 60) as i32;
            let accessible = self.chance(0.85);
            self.data.rooms.push(RoomRow {
                id: take(&mut self.ids.room),
                office_id: office,
                building_id: building,
                name: name.into(),
                capacity,
                accessible,
                created_at: self.now,
            });
        }
    }

    /// Dwellings "101", "102"… "412": floor, then door on two digits.
    fn dwellings(
        &mut self,
        office: i64,
        building: i64,
        clientele: &str,
        size: i64,
    ) -> Vec<(i64, i32)> {
        let floors = match size {
            ..=6 => 2,
            7..=16 => 3,
            17..=40 => 4,
            41..=80 => 6,
            _ => (size + 13) / 14,
        };
        let per_floor = (size + floors - 1) / floors;
        let mut made = Vec::with_capacity(size as usize);
        for i in 0..size {
            let (floor, door) = (i / per_floor + 1, i % per_floor + 1);
            let bedrooms = match clientele {
                "aines" | "personnes_seules" => 1 + i64::from(self.chance(0.1)),
                "familles" => self.pick(&[2, 2, 3, 3, 3, 4, 4, 5]),
                _ => self.between(1, 3),
            } as i32;
            let adapted = self.chance(match (clientele, floor) {
                ("aines", 1) => 0.4,
                ("aines", _) => 0.1,
                (_, 1) => 0.15,
                _ => 0.02,
            });
            let id = take(&mut self.ids.dwelling);
            let row = NewDwelling {
                office_id: OfficeId(office),
                building_id: BuildingId(building),
                number: format!("{floor}{door:02}"),
                bedrooms,
                adapted,
                created_at: self.now,
            };
            self.data.dwellings.push(WithId { id, row });
            made.push((id, bedrooms));
        }
        made
    }
}
