//! The row checks of the import, on small tables read from text.

use super::super::parse;
use super::*;

fn codes(report: &Report) -> Vec<(usize, Vec<(String, &'static str)>)> {
    report
        .rows
        .iter()
        .map(|r| {
            let errs = r
                .errors
                .iter()
                .map(|e| (e.column.clone(), e.code))
                .collect();
            (r.number, errs)
        })
        .collect()
}

fn lookups() -> Lookups {
    let mut l = Lookups::default();
    l.building_names.insert("les pins".into(), vec![7]);
    l.building_names.insert("le tilleul".into(), vec![8, 9]);
    l.building_ids.extend([7, 8, 9]);
    l.dwellings.insert((7, "101".into()), 70);
    l.tenants.insert((70, "helene tremblay".into()));
    l
}

#[test]
fn buildings_reuse_the_form_rules_and_read_clienteles_as_written() {
    let t = parse(
        Kind::Buildings,
        "nom;adresse;ville;code postal;clientèle\nA;1 rue A;Laval;h7n1a1;Aînés\n;2 rue B;Laval;123;zzz",
    )
    .unwrap();
    let report = check(Kind::Buildings, &t, &Lookups::default());
    assert_eq!(
        codes(&report)[1],
        (
            3,
            vec![
                ("clientèle".into(), "err-invalid-choice"),
                ("nom".into(), "err-required"),
                ("code postal".into(), "err-postal-code"),
            ]
        )
    );
    match &report.rows[0].record {
        Some(Record::Building(b)) => {
            assert_eq!(
                (b.clientele.as_str(), b.postal_code.as_str()),
                ("aines", "H7N 1A1")
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn dwelling_numbers_are_unique_in_their_building_in_the_file_and_the_registry() {
    let t = parse(
        Kind::Dwellings,
        "immeuble;numero;chambres;adapte\nLES PINS;101;2;non\nLes Pins;102;2;oui\nles pins;102 ;1;\nLe Tilleul;1;1;\nAilleurs;1;11;peut-être",
    )
    .unwrap();
    let report = check(Kind::Dwellings, &t, &lookups());
    assert_eq!(
        codes(&report),
        [
            (2, vec![("numero".into(), "import-err-dwelling-exists")]),
            (3, vec![]),
            (4, vec![("numero".into(), "import-err-duplicate-in-file")]),
            (
                5,
                vec![("immeuble".into(), "import-err-ambiguous-building")]
            ),
            (
                6,
                vec![
                    ("adapte".into(), "import-err-yes-no"),
                    ("chambres".into(), "err-too-large"),
                    ("immeuble".into(), "import-err-unknown-building"),
                ]
            ),
        ]
    );
    assert_eq!(report.rows[2].errors[0].number, Some(3));
    assert!(matches!(
        &report.rows[1].record,
        Some(Record::Dwelling(NewDwelling {
            building_id: 7,
            adapted: true,
            ..
        }))
    ));
}

#[test]
fn tenants_find_their_dwelling_and_read_french_dates_and_languages() {
    let t = parse(
        Kind::Tenants,
        "prénom,nom,immeuble,logement,langue,entrée,ménage,courriel\n\
         Hélène,Tremblay,Les Pins,101,,,,\n\
         Jean,Roy,Les Pins,101,Anglais,15/03/2021,3,JEAN@EXEMPLE.CA\n\
         Luc,Roy,Les Pins,999,klingon,2021-02-30,0,luc@\n\
         ,,,,,,,",
    )
    .unwrap();
    let report = check(Kind::Tenants, &t, &lookups());
    assert_eq!(
        codes(&report),
        [
            (2, vec![("prénom".into(), "import-err-tenant-exists")]),
            (3, vec![]),
            (
                4,
                vec![
                    ("logement".into(), "import-err-unknown-dwelling"),
                    ("courriel".into(), "err-invalid-email"),
                    ("ménage".into(), "err-too-small"),
                    ("langue".into(), "import-err-language"),
                    ("entrée".into(), "import-err-date"),
                ]
            ),
        ]
    );
    match &report.rows[1].record {
        Some(Record::Tenant(t)) => {
            assert_eq!(t.language, "en");
            assert_eq!(t.move_in, NaiveDate::from_ymd_opt(2021, 3, 15));
            assert_eq!((t.household_size, t.email.as_str()), (3, "jean@exemple.ca"));
            assert_eq!(t.search_text, "jean roy jean exemple ca");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_building_id_of_another_office_is_an_unknown_reference() {
    let t = parse(Kind::Dwellings, "building_id,number\n7,5\n42,6\nabc,7").unwrap();
    let report = check(Kind::Dwellings, &t, &lookups());
    assert_eq!(
        codes(&report),
        [
            (2, vec![]),
            (3, vec![("building_id".into(), "err-unknown-reference")]),
            (4, vec![("building_id".into(), "err-not-a-number")]),
        ]
    );
}
