//! CSV import of buildings, dwellings and tenants, as offices' spreadsheets export them: comma or
//! semicolon, UTF-8 or Windows-1252, with or without BOM, French or English headers.
//!
//! Every import runs in two steps over the same pure code: `read` turns bytes into a table, `rows`
//! checks every row against the office's records (loaded once by `queries`) and reports each row's
//! errors; the commit checks again inside one write transaction and writes all rows or none.
//! Pages carry the decoded text from the preview to the commit in the confirmation form, so nothing
//! is kept on the server between the two.

pub mod api;
mod columns;
pub mod pages;
pub mod queries;
mod read;
mod rows;
pub mod service;
mod values;

use serde::Serialize;

use crate::i18n::{t, t_args, Lang};

pub use columns::Column;
pub use queries::{check, load_lookups};
pub use read::{decode, detect_delimiter, header_key, parse, Row, Table, MAX_FILE_BYTES};
pub use rows::{Lookups, NewDwelling, NewTenant, Record};
pub use service::{commit, Outcome};

/// What a file holds; chosen by the person importing (or the API path).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Buildings,
    Dwellings,
    Tenants,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Buildings, Kind::Dwellings, Kind::Tenants];

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Buildings => "buildings",
            Kind::Dwellings => "dwellings",
            Kind::Tenants => "tenants",
        }
    }

    /// The columns a file of this kind may have.
    pub fn columns(self) -> &'static [Column] {
        match self {
            Kind::Buildings => &columns::BUILDINGS,
            Kind::Dwellings => &columns::DWELLINGS,
            Kind::Tenants => &columns::TENANTS,
        }
    }

    /// Where the imported rows are listed.
    pub fn list_url(self) -> &'static str {
        match self {
            Kind::Buildings | Kind::Dwellings => "/buildings",
            Kind::Tenants => "/tenants",
        }
    }
}

/// Why a whole file cannot be imported (as opposed to one of its rows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileError {
    /// No kind (buildings, dwellings, tenants) was chosen.
    NoKind,
    Empty,
    NotText,
    TooLarge,
    NoKnownColumns,
    DuplicateColumn(String),
    MissingColumns(Vec<&'static Column>),
    NoRows,
    Malformed(usize),
}

impl FileError {
    /// The catalogue key, also the problem code in the API.
    pub fn code(&self) -> &'static str {
        match self {
            FileError::NoKind => "import-err-no-kind",
            FileError::Empty => "import-err-empty",
            FileError::NotText => "import-err-not-text",
            FileError::TooLarge => "import-err-too-large",
            FileError::NoKnownColumns => "import-err-no-header",
            FileError::DuplicateColumn(_) => "import-err-duplicate-column",
            FileError::MissingColumns(_) => "import-err-missing-columns",
            FileError::NoRows => "import-err-no-rows",
            FileError::Malformed(_) => "import-err-malformed",
        }
    }

    /// The message in `lang`, naming the columns or row concerned.
    pub fn message(&self, lang: Lang, kind: Kind) -> String {
        let names = |cols: &mut dyn Iterator<Item = &Column>| {
            cols.map(|c| c.header(lang)).collect::<Vec<_>>().join(", ")
        };
        match self {
            FileError::NoKnownColumns => t_args(
                lang,
                self.code(),
                &[(
                    "expected",
                    names(&mut kind.columns().iter().filter(|c| c.required)).into(),
                )],
            ),
            FileError::MissingColumns(cols) => t_args(
                lang,
                self.code(),
                &[("columns", names(&mut cols.iter().copied()).into())],
            ),
            FileError::DuplicateColumn(header) => {
                t_args(lang, self.code(), &[("column", header.clone().into())])
            }
            FileError::Malformed(row) => {
                t_args(lang, self.code(), &[("row", (*row as i64).into())])
            }
            _ => t(lang, self.code()),
        }
    }
}

/// One problem with one row: the column as the file names it ("" for the whole row), a catalogue
/// key, and a number for the message (a limit, or the row a duplicate first appeared on).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub column: String,
    pub code: &'static str,
    pub number: Option<i64>,
}

impl RowError {
    pub fn message(&self, lang: Lang) -> String {
        let n = self.number.unwrap_or(0);
        t_args(lang, self.code, &[("limit", n.into()), ("row", n.into())])
    }
}

/// A row as checked: its values (the recognised columns, in the file's order), its errors, and the
/// record to write when it has none.
#[derive(Debug, Clone)]
pub struct CheckedRow {
    pub number: usize,
    pub values: Vec<String>,
    pub errors: Vec<RowError>,
    pub record: Option<Record>,
}

/// The outcome of checking a whole file.
#[derive(Debug, Clone)]
pub struct Report {
    pub kind: Kind,
    /// The recognised headers, as the file writes them.
    pub headers: Vec<String>,
    /// Headers the import does not know, left aside.
    pub ignored: Vec<String>,
    pub rows: Vec<CheckedRow>,
}

impl Report {
    pub fn rows_with_errors(&self) -> usize {
        self.rows.iter().filter(|r| !r.errors.is_empty()).count()
    }

    pub fn is_valid(&self) -> bool {
        self.rows_with_errors() == 0
    }

    /// The records to write; all of them only when every row is valid.
    pub fn into_records(self) -> Vec<Record> {
        self.rows.into_iter().filter_map(|r| r.record).collect()
    }
}

/// After a large import the planner's statistics are stale: refresh them (SQLite; best effort).
pub(crate) async fn after_import(state: &crate::state::AppState) {
    let _ = state
        .read_anonymous(|c| {
            crate::db::refresh_statistics(c);
            Ok(())
        })
        .await;
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse_and_columns_have_distinct_aliases() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
            let mut keys: Vec<String> = kind
                .columns()
                .iter()
                .flat_map(|c| {
                    let mut own: Vec<String> = c.aliases.iter().map(|a| header_key(a)).collect();
                    own.sort();
                    own.dedup();
                    own
                })
                .collect();
            let n = keys.len();
            keys.sort();
            keys.dedup();
            assert_eq!(keys.len(), n, "an alias of {kind:?} names two columns");
            for c in kind.columns() {
                assert!(!c.header(Lang::Fr).is_empty() && !c.header(Lang::En).is_empty());
            }
        }
        assert_eq!(Kind::parse("rooms"), None);
    }

    #[test]
    fn file_errors_name_what_is_missing_in_the_reader_s_language() {
        let err = parse(Kind::Tenants, "prenom;nom\nA;B").unwrap_err();
        assert_eq!(
            err.message(Lang::Fr, Kind::Tenants),
            "Colonnes obligatoires absentes : immeuble, logement."
        );
        assert_eq!(
            err.message(Lang::En, Kind::Tenants),
            "Required columns are missing: building, dwelling."
        );
    }
}
