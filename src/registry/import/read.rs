//! From uploaded bytes to a table: the encoding (UTF-8, else Windows-1252, BOM or not), the delimiter
//! (read from the header line), and which of the file's columns the import recognises.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use super::{Column, FileError, Kind};
use crate::domain::text;

/// The largest file the import accepts.
pub const MAX_FILE_BYTES: usize = 2 * 1024 * 1024;

/// Text from the bytes of a file: a BOM decides when there is one (UTF-8 or UTF-16, as Excel's
/// "Unicode text" writes); otherwise valid UTF-8 is UTF-8 and anything else is Windows-1252, the
/// encoding of "CSV" saved by a French Windows Excel. Control characters other than tabs and line
/// ends mean the file is not text (a spreadsheet, a picture), which Windows-1252 would otherwise
/// decode without complaint.
pub fn decode(bytes: &[u8]) -> Result<String, FileError> {
    let (encoding, bom) = Encoding::for_bom(bytes).unwrap_or((UTF_8, 0));
    let body = &bytes[bom..];
    let text = if encoding == UTF_8 {
        match std::str::from_utf8(body) {
            Ok(s) => s.to_owned(),
            Err(_) => WINDOWS_1252
                .decode_without_bom_handling(body)
                .0
                .into_owned(),
        }
    } else {
        encoding.decode_without_bom_handling(body).0.into_owned()
    };
    // Old DOS tools end files with Ctrl-Z.
    let text = text.trim_end_matches('\u{1a}');
    if text.trim().is_empty() {
        return Err(FileError::Empty);
    }
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        return Err(FileError::NotText);
    }
    Ok(text.to_owned())
}

/// The delimiter of the file: whichever of `;`, tab and `,` appears most in the header line outside
/// quotes. Ties go to `;` then tab, because commas are the likeliest to appear inside a header.
pub fn detect_delimiter(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => counts[0] += 1,
            '\t' if !quoted => counts[1] += 1,
            ',' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let candidates = [b';', b'\t', b','];
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(2);
    if counts[best] == 0 {
        b','
    } else {
        candidates[best]
    }
}

/// A header reduced to what matters: accents, case, spaces and punctuation ignored, so that
/// "Code postal", "code_postal" and "CODE-POSTAL" are the same column.
pub fn header_key(header: &str) -> String {
    text::fold(header).replace(' ', "")
}

/// One data row of the file, numbered as the spreadsheet numbers it (the header is row 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub number: usize,
    pub cells: Vec<String>,
    /// Non-empty cells beyond the last header: usually a delimiter inside an unquoted value.
    pub extra_cells: bool,
}

/// The file as a table: its headers, the column each one was recognised as, and its rows.
#[derive(Debug, Clone)]
pub struct Table {
    pub headers: Vec<String>,
    pub columns: Vec<Option<&'static Column>>,
    pub rows: Vec<Row>,
}

impl Table {
    /// The value of `field` in `row` ("" when the file has no such column or the cell is missing).
    pub fn value<'a>(&self, row: &'a Row, field: &str) -> Option<&'a str> {
        let index = self
            .columns
            .iter()
            .position(|c| c.is_some_and(|c| c.field == field))?;
        Some(row.cells.get(index).map(String::as_str).unwrap_or(""))
    }

    /// Whether the file has a column for `field`.
    pub fn has(&self, field: &str) -> bool {
        self.columns.iter().flatten().any(|c| c.field == field)
    }

    /// The header the file gives to `field`, for messages.
    pub fn header_of(&self, field: &str) -> String {
        self.columns
            .iter()
            .position(|c| c.is_some_and(|c| c.field == field))
            .map(|i| self.headers[i].clone())
            .unwrap_or_else(|| field.to_owned())
    }

    /// Headers the import does not know, left aside.
    pub fn ignored(&self) -> Vec<String> {
        self.headers
            .iter()
            .zip(&self.columns)
            .filter(|(h, c)| c.is_none() && !h.is_empty())
            .map(|(h, _)| h.clone())
            .collect()
    }
}

/// Reads `text` as a table of `kind`: the first line must be the headers, every required column must
/// be there, and at least one data row must follow. Rows whose cells are all empty are skipped (a
/// spreadsheet exports them as `;;;;`) but still counted, so row numbers match the spreadsheet.
pub fn parse(kind: Kind, text: &str) -> Result<Table, FileError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(detect_delimiter(text))
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let headers: Vec<String> = match records.next() {
        Some(Ok(r)) => r.iter().map(str::to_owned).collect(),
        Some(Err(_)) => return Err(FileError::Malformed(1)),
        None => return Err(FileError::Empty),
    };
    let columns = recognise(kind, &headers)?;
    let mut rows = Vec::new();
    for (index, record) in records.enumerate() {
        let number = index + 2;
        let record = record.map_err(|_| FileError::Malformed(number))?;
        if record.iter().all(str::is_empty) {
            continue;
        }
        let mut cells: Vec<String> = record.iter().map(str::to_owned).collect();
        let extra_cells = cells.iter().skip(headers.len()).any(|c| !c.is_empty());
        cells.resize(headers.len(), String::new());
        rows.push(Row {
            number,
            cells,
            extra_cells,
        });
    }
    if rows.is_empty() {
        return Err(FileError::NoRows);
    }
    Ok(Table {
        headers,
        columns,
        rows,
    })
}

/// Which column each header is; an error when none is known, one is given twice, or a required
/// one is missing.
fn recognise(kind: Kind, headers: &[String]) -> Result<Vec<Option<&'static Column>>, FileError> {
    let columns: Vec<Option<&'static Column>> = headers
        .iter()
        .map(|h| {
            let key = header_key(h);
            kind.columns()
                .iter()
                .find(|c| c.aliases.iter().any(|a| header_key(a) == key))
        })
        .collect();
    if columns.iter().all(Option::is_none) {
        return Err(FileError::NoKnownColumns);
    }
    for (i, c) in columns.iter().enumerate() {
        if let Some(c) = c {
            if columns[..i].iter().flatten().any(|o| o.field == c.field) {
                return Err(FileError::DuplicateColumn(headers[i].clone()));
            }
        }
    }
    let present = |field: &str| columns.iter().flatten().any(|c| c.field == field);
    let missing: Vec<&'static Column> = kind
        .columns()
        .iter()
        .filter(|c| c.required && !present(c.field) && !c.alternative.is_some_and(present))
        .collect();
    if !missing.is_empty() {
        return Err(FileError::MissingColumns(missing));
    }
    Ok(columns)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_kept_and_anything_else_is_windows_1252() {
        assert_eq!(decode("nom\nHélène".as_bytes()).unwrap(), "nom\nHélène");
        assert_eq!(
            decode(b"\xEF\xBB\xBFname\nSainte-Th\xC3\xA9r\xC3\xA8se").unwrap(),
            "name\nSainte-Thérèse"
        );
        assert_eq!(
            decode(b"nom;ville\r\nH\xE9l\xE8ne;Sainte-Th\xE9r\xE8se\r\n").unwrap(),
            "nom;ville\r\nHélène;Sainte-Thérèse\r\n"
        );
        // Windows-1252's curly apostrophe and the euro sign, not their Latin-1 control codes.
        assert_eq!(decode(b"l\x92\xE9t\xE9 \x80").unwrap(), "l\u{2019}été €");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("nom\tcité".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16).unwrap(), "nom\tcité");
    }

    #[test]
    fn empty_files_and_binary_files_are_refused() {
        assert_eq!(decode(b""), Err(FileError::Empty));
        assert_eq!(decode(b"\xEF\xBB\xBF \r\n"), Err(FileError::Empty));
        assert_eq!(
            decode(b"PK\x03\x04\x14\x00\x06\x00"),
            Err(FileError::NotText)
        );
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\x00\x00"),
            Err(FileError::NotText)
        );
        assert_eq!(decode(b"nom\nLes Pins\n\x1a").unwrap(), "nom\nLes Pins\n");
    }

    #[test]
    fn the_delimiter_is_read_from_the_header_line() {
        assert_eq!(detect_delimiter("nom;adresse;ville\n1,2;3;4"), b';');
        assert_eq!(detect_delimiter("name,address,city\na;b,c,d"), b',');
        assert_eq!(detect_delimiter("\n\nnom\tadresse\n"), b'\t');
        assert_eq!(detect_delimiter("\"nom;x\",adresse,ville"), b',');
        assert_eq!(detect_delimiter("nom"), b',');
    }

    #[test]
    fn headers_match_whatever_their_case_accents_spaces_or_language() {
        for h in [
            "Code postal",
            "code_postal",
            "POSTAL CODE",
            " Code-Postal ",
            "Postal code",
        ] {
            let table = parse(Kind::Buildings, &format!("nom;adresse;ville;{h}\nA;B;C;D")).unwrap();
            assert_eq!(
                table.columns[3].map(|c| c.field),
                Some("postal_code"),
                "{h}"
            );
        }
        assert_eq!(header_key("Municipalité"), "municipalite");
        let table = parse(
            Kind::Buildings,
            "Nom;Adresse;Municipalité;Code postal;Logements;Clientèle;Remarque\nA;1 rue B;Laval;;;;x",
        )
        .unwrap();
        let fields: Vec<_> = table.columns.iter().map(|c| c.map(|c| c.field)).collect();
        assert_eq!(
            fields,
            [
                Some("name"),
                Some("address"),
                Some("municipality"),
                Some("postal_code"),
                Some("dwelling_count"),
                Some("clientele"),
                None
            ]
        );
        assert_eq!(table.ignored(), ["Remarque"]);
    }

    #[test]
    fn quoted_values_blank_rows_and_row_numbers_follow_the_spreadsheet() {
        let text = "name,address,city\r\n\"Les Pins, phase 2\",\"5, rue A\",Laval\r\n,,\r\nB,2 rue C,Laval,,\r\nC,3,Laval,oops\r\n";
        let table = parse(Kind::Buildings, text).unwrap();
        let numbers: Vec<_> = table.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [2, 4, 5]);
        assert_eq!(
            table.rows[0].cells,
            ["Les Pins, phase 2", "5, rue A", "Laval"]
        );
        assert!(!table.rows[1].extra_cells && table.rows[2].extra_cells);
        assert_eq!(table.value(&table.rows[0], "municipality"), Some("Laval"));
        assert_eq!(table.value(&table.rows[0], "postal_code"), None);
    }

    #[test]
    fn unknown_duplicate_or_missing_columns_are_named() {
        assert_eq!(
            parse(Kind::Buildings, "Les Pins;5 rue A;Laval\nB;C;D").unwrap_err(),
            FileError::NoKnownColumns
        );
        assert_eq!(
            parse(Kind::Buildings, "nom,name,adresse,ville\na,b,c,d").unwrap_err(),
            FileError::DuplicateColumn("name".into())
        );
        let missing = match parse(Kind::Buildings, "nom;ville\nA;Laval").unwrap_err() {
            FileError::MissingColumns(c) => c.iter().map(|c| c.field).collect::<Vec<_>>(),
            other => panic!("{other:?}"),
        };
        assert_eq!(missing, ["address"]);
        assert_eq!(
            parse(Kind::Buildings, "nom;adresse;ville\r\n;;\r\n").unwrap_err(),
            FileError::NoRows
        );
        // A dwelling's building may be given by name or by id.
        assert!(parse(Kind::Dwellings, "immeuble_id;numero\n3;101").is_ok());
        assert!(parse(Kind::Dwellings, "Immeuble;Numéro\nLes Pins;101").is_ok());
        assert!(matches!(
            parse(Kind::Dwellings, "numero\n101"),
            Err(FileError::MissingColumns(_))
        ));
    }
}
