//! The columns each kind of file may have, with the headers they are known by in French and English.

use crate::i18n::Lang;

/// A column the import knows. Headers are compared through `header_key`, so aliases are written the
/// natural way and still match any case, accents, spaces or underscores. The first alias is the
/// French header (as the exports write it), the second the English one.
#[derive(Debug, PartialEq, Eq)]
pub struct Column {
    /// The field's name in the code.
    pub field: &'static str,
    pub aliases: &'static [&'static str],
    pub required: bool,
    /// Another column that may stand in for this required one (a building's id for its name).
    pub alternative: Option<&'static str>,
}

impl Column {
    /// The header to show in `lang`.
    pub fn header(&self, lang: Lang) -> &'static str {
        let i = usize::from(lang == Lang::En);
        self.aliases
            .get(i)
            .or(self.aliases.first())
            .copied()
            .unwrap_or(self.field)
    }
}

const fn col(field: &'static str, aliases: &'static [&'static str], required: bool) -> Column {
    Column {
        field,
        aliases,
        required,
        alternative: None,
    }
}

const BUILDING_REF: Column = Column {
    alternative: Some("building_id"),
    ..col(
        "building",
        &["immeuble", "building", "nom de l'immeuble"],
        true,
    )
};
const BUILDING_ID: Column = col("building_id", &["immeuble_id", "building_id"], false);

pub static BUILDINGS: [Column; 6] = [
    col("name", &["nom", "name", "nom de l'immeuble"], true),
    col("address", &["adresse", "address", "adresse civique"], true),
    col(
        "municipality",
        &["municipalite", "municipality", "ville", "city"],
        true,
    ),
    col("postal_code", &["code_postal", "postal_code", "cp"], false),
    col(
        "dwelling_count",
        &["logements", "dwellings", "dwelling_count"],
        false,
    ),
    col("clientele", &["clientele", "clientele"], false),
];

pub static DWELLINGS: [Column; 5] = [
    BUILDING_REF,
    BUILDING_ID,
    col(
        "number",
        &["numero", "number", "no", "numero de logement"],
        true,
    ),
    col(
        "bedrooms",
        &["chambres", "bedrooms", "nombre de chambres"],
        false,
    ),
    col("adapted", &["adapte", "adapted", "logement adapte"], false),
];

pub static TENANTS: [Column; 10] = [
    col("first_name", &["prenom", "first_name"], true),
    col("last_name", &["nom", "last_name", "nom de famille"], true),
    BUILDING_REF,
    BUILDING_ID,
    col(
        "dwelling",
        &["logement", "dwelling", "numero de logement"],
        true,
    ),
    col("language", &["langue", "language"], false),
    col("phone", &["telephone", "phone", "tel"], false),
    col("email", &["courriel", "email", "adresse courriel"], false),
    col("move_in", &["entree", "move_in", "date d'entree"], false),
    col(
        "household",
        &["menage", "household", "household_size"],
        false,
    ),
];
