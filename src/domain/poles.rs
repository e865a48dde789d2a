//! The four poles of ISC practice and their sub-activities (DOMAIN.md section 2). Every journal
//! entry, whoever writes it, names exactly one [`SubActivity`], and its [`Pole`] follows from it;
//! their labels are in the catalogues as `pole-N` and `subactivity-<code>`.

use diesel::deserialize::{FromSql, FromSqlRow};
use diesel::expression::AsExpression;
use diesel::serialize::{Output, ToSql};
use diesel::sql_types::Integer;
use serde::{Deserialize, Serialize};

/// One of the four poles, numbered as the research numbers them (stored and sent as 1 to 4).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    AsExpression,
    FromSqlRow,
)]
#[serde(into = "i32", try_from = "i32")]
#[diesel(sql_type = Integer)]
pub enum Pole {
    /// Service à la clientèle.
    TenantService = 1,
    /// Action aux personnes.
    IndividualAction = 2,
    /// Approche communautaire.
    CommunityApproach = 3,
    /// Partenariat intersectoriel.
    Partnership = 4,
}

crate::text_enum! {
    /// A sub-activity of one pole, by its stored code.
    pub enum SubActivity {
        AccompagnementServices = "accompagnement_services",
        IntermediaireResidents = "intermediaire_residents",
        AccueilEvaluation = "accueil_evaluation",
        OrientationAccompagnement = "orientation_accompagnement",
        EducationSensibilisation = "education_sensibilisation",
        MilieuDeVie = "milieu_de_vie",
        VieAssociative = "vie_associative",
        AteliersGroupe = "ateliers_groupe",
        ProjetsCollectifs = "projets_collectifs",
        TablesConcertation = "tables_concertation",
    }
}

impl SubActivity {
    /// The pole this sub-activity belongs to.
    pub fn pole(self) -> Pole {
        use SubActivity::*;
        match self {
            AccompagnementServices | IntermediaireResidents => Pole::TenantService,
            AccueilEvaluation | OrientationAccompagnement | EducationSensibilisation => {
                Pole::IndividualAction
            }
            MilieuDeVie | VieAssociative | AteliersGroupe => Pole::CommunityApproach,
            ProjetsCollectifs | TablesConcertation => Pole::Partnership,
        }
    }

    /// The catalogue key of the sub-activity's label.
    pub fn label_key(self) -> String {
        sub_activity_key(self.as_str())
    }
}

impl Pole {
    pub const ALL: [Pole; 4] = [
        Pole::TenantService,
        Pole::IndividualAction,
        Pole::CommunityApproach,
        Pole::Partnership,
    ];

    pub fn new(n: i64) -> Option<Pole> {
        Pole::ALL.into_iter().find(|p| i64::from(p.number()) == n)
    }

    pub fn number(self) -> i32 {
        self as i32
    }

    /// The catalogue key of the pole's name.
    pub fn label_key(self) -> String {
        format!("pole-{}", self.number())
    }

    /// This pole's sub-activities, in display order.
    pub fn sub_activities(self) -> impl Iterator<Item = SubActivity> {
        SubActivity::ALL
            .iter()
            .copied()
            .filter(move |s| s.pole() == self)
    }

    /// Whether `sub` is a sub-activity of this pole.
    pub fn has(self, sub: SubActivity) -> bool {
        sub.pole() == self
    }
}

impl From<Pole> for i32 {
    fn from(p: Pole) -> i32 {
        p.number()
    }
}

impl TryFrom<i32> for Pole {
    type Error = String;
    fn try_from(n: i32) -> Result<Pole, String> {
        Pole::new(n.into()).ok_or_else(|| format!("pole {n}: expected 1 to 4"))
    }
}

impl<DB> ToSql<Integer, DB> for Pole
where
    DB: diesel::backend::Backend,
    i32: ToSql<Integer, DB>,
{
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, DB>) -> diesel::serialize::Result {
        // `to_sql` borrows its value for the statement's lifetime: lend it from a static.
        static NUMBERS: [i32; 4] = [1, 2, 3, 4];
        let index = (*self as usize).saturating_sub(1).min(3);
        NUMBERS[index].to_sql(out)
    }
}

impl<DB> FromSql<Integer, DB> for Pole
where
    DB: diesel::backend::Backend,
    i32: FromSql<Integer, DB>,
{
    fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
        Ok(Pole::try_from(i32::from_sql(bytes)?)?)
    }
}

impl utoipa::PartialSchema for Pole {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::schema::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::Integer)
            .minimum(Some(1))
            .maximum(Some(4))
            .description(Some("1 tenant service, 2 individual action, 3 community approach, 4 intersectoral partnership"))
            .into()
    }
}

impl utoipa::ToSchema for Pole {}

/// The pole a sub-activity code belongs to.
pub fn pole_of(code: &str) -> Option<Pole> {
    SubActivity::parse(code).map(SubActivity::pole)
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
            SubActivity::ALL.len()
        );
        assert_eq!(pole_of("ateliers_groupe"), Some(Pole::CommunityApproach));
        assert!(!Pole::CommunityApproach.has(SubActivity::TablesConcertation));
        assert!(Pole::new(0).is_none() && Pole::new(5).is_none());
        assert_eq!(
            serde_json::to_string(&Pole::Partnership).unwrap_or_default(),
            "4"
        );
    }
}
