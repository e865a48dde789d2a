//! The four poles of ISC practice and their sub-activities (DOMAIN.md section 2). Every journal
//! entry, whoever writes it, names exactly one pole and one of its sub-activities by these codes;
//! their labels are in the catalogues as `pole-N` and `subactivity-<code>`.

use serde::Serialize;

/// One of the four poles, numbered as the research numbers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Pole(u8);

/// (pole, sub-activity code) for every sub-activity, in display order.
pub const SUB_ACTIVITIES: [(u8, &str); 10] = [
    (1, "accompagnement_services"),
    (1, "intermediaire_residents"),
    (2, "accueil_evaluation"),
    (2, "orientation_accompagnement"),
    (2, "education_sensibilisation"),
    (3, "milieu_de_vie"),
    (3, "vie_associative"),
    (3, "ateliers_groupe"),
    (4, "projets_collectifs"),
    (4, "tables_concertation"),
];

impl Pole {
    pub const ALL: [Pole; 4] = [Pole(1), Pole(2), Pole(3), Pole(4)];

    pub fn new(n: i64) -> Option<Pole> {
        (1..=4).contains(&n).then_some(Pole(n as u8))
    }

    pub fn number(self) -> i32 {
        i32::from(self.0)
    }

    /// The catalogue key of the pole's name.
    pub fn label_key(self) -> String {
        format!("pole-{}", self.0)
    }

    /// The codes of this pole's sub-activities.
    pub fn sub_activities(self) -> impl Iterator<Item = &'static str> {
        SUB_ACTIVITIES
            .iter()
            .filter(move |(p, _)| *p == self.0)
            .map(|(_, code)| *code)
    }

    /// Whether `code` is a sub-activity of this pole.
    pub fn has(self, code: &str) -> bool {
        self.sub_activities().any(|c| c == code)
    }
}

/// The pole a sub-activity code belongs to.
pub fn pole_of(code: &str) -> Option<Pole> {
    SUB_ACTIVITIES
        .iter()
        .find(|(_, c)| *c == code)
        .map(|(p, _)| Pole(*p))
}

/// The catalogue key of a sub-activity's label.
pub fn sub_activity_key(code: &str) -> String {
    format!("subactivity-{code}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sub_activity_belongs_to_exactly_one_pole() {
        assert_eq!(
            Pole::ALL
                .iter()
                .map(|p| p.sub_activities().count())
                .sum::<usize>(),
            SUB_ACTIVITIES.len()
        );
        assert_eq!(pole_of("ateliers_groupe"), Pole::new(3));
        assert!(Pole::new(3).is_some_and(|p| !p.has("tables_concertation")));
        assert!(Pole::new(0).is_none() && Pole::new(5).is_none());
    }
}
