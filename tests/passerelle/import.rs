//! CSV import of buildings, dwellings and tenants: files as offices' spreadsheets write them, the
//! preview with each row's errors, the all-or-nothing commit, scope, roles, and the API.

use diesel::prelude::*;
use passerelle::db::schema::{buildings, dwellings, tenants};
use passerelle::registry::buildings::list_all;
use reqwest::multipart::{Form, Part};
use reqwest::{Response, StatusCode};
use serde_json::Value;

use crate::helpers::{building, json_of, spawn_app, ApiClient, TestApp, TestClient};

/// Sends a file to the preview, as the import form does.
async fn preview(browser: &TestClient, kind: &str, file: Vec<u8>) -> (StatusCode, String) {
    let token = browser.csrf().await;
    let form = Form::new()
        .text("_csrf", token)
        .text("kind", kind.to_owned())
        .part("file", Part::bytes(file).file_name("import.csv"));
    let res = send(browser, "/import/preview", form).await;
    (res.status(), res.text().await.unwrap())
}

async fn send(browser: &TestClient, path: &str, form: Form) -> Response {
    browser
        .http
        .post(format!("{}{path}", browser.address))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// The text the preview's confirmation form carries, as a browser would send it back.
fn carried_text(page: &str) -> String {
    let start = page
        .find("<textarea name=\"content\" hidden>\n")
        .expect("a confirmation form")
        + "<textarea name=\"content\" hidden>\n".len();
    let end = start + page[start..].find("</textarea>").unwrap();
    page[start..end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x60;", "`")
        .replace("&#x3D;", "=")
        .replace("&amp;", "&")
}

/// Posts the confirmation form with `text`.
async fn commit(browser: &TestClient, kind: &str, text: String) -> Response {
    let token = browser.csrf().await;
    let form = Form::new()
        .text("_csrf", token)
        .text("kind", kind.to_owned())
        .text("content", text);
    send(browser, "/import/commit", form).await
}

/// Preview then confirm, asserting the preview was clean; the commit's response.
async fn import(browser: &TestClient, kind: &str, file: Vec<u8>) -> Response {
    let (status, page) = preview(browser, kind, file).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    commit(browser, kind, carried_text(&page)).await
}

fn windows_1252(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

fn with_bom(text: &str) -> Vec<u8> {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    bytes
}

fn dwelling(app: &TestApp, office_id: i64, building_id: i64, number: &str) -> i64 {
    app.db(|c| {
        diesel::insert_into(dwellings::table)
            .values((
                dwellings::office_id.eq(office_id),
                dwellings::building_id.eq(building_id),
                dwellings::number.eq(number),
                dwellings::bedrooms.eq(2),
                dwellings::adapted.eq(false),
                dwellings::created_at.eq(passerelle::db::now()),
            ))
            .returning(dwellings::id)
            .get_result(c)
    })
    .unwrap()
}

fn count(app: &TestApp, table: &str, office_id: i64) -> i64 {
    app.db(|c| match table {
        "buildings" => buildings::table
            .filter(buildings::office_id.eq(office_id))
            .count()
            .get_result(c),
        "dwellings" => dwellings::table
            .filter(dwellings::office_id.eq(office_id))
            .count()
            .get_result(c),
        _ => tenants::table
            .filter(tenants::office_id.eq(office_id))
            .count()
            .get_result(c),
    })
    .unwrap()
}

fn numbers(app: &TestApp, building_id: i64) -> Vec<(String, i32, bool)> {
    app.db(|c| {
        dwellings::table
            .filter(dwellings::building_id.eq(building_id))
            .order(dwellings::number.asc())
            .select((dwellings::number, dwellings::bedrooms, dwellings::adapted))
            .load(c)
    })
    .unwrap()
}

#[actix_web::test]
async fn a_windows_1252_semicolon_file_with_french_headers_imports_with_accents_intact() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let browser = app.login(&admin).await;
    let (status, page) = browser.get_text("/import").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<legend>Type de données</legend>") && page.contains("type=\"file\""));

    let file = windows_1252(
        "Nom;Adresse;Municipalité;Code postal;Logements;Clientèle\r\n\
         Résidence Hélène-Boullé;\"12, rue de l'Église\";Sainte-Thérèse;j7e 2b4;24;Aînés\r\n\
         Les Pins;5 rue des Pins;Laval;;;\r\n",
    );
    let res = import(&browser, "buildings", file).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"], "/buildings");
    let (_, list) = browser.get_text("/buildings").await;
    assert!(list.contains("2 lignes importées."), "{list}");
    assert!(list.contains("Résidence Hélène-Boullé"));

    let rows = app.db(|c| list_all(c, admin.office_id)).unwrap();
    let helene = rows.iter().find(|b| b.name.starts_with("Rés")).unwrap();
    assert_eq!(helene.name, "Résidence Hélène-Boullé");
    assert_eq!(helene.address, "12, rue de l'Église");
    assert_eq!(helene.municipality, "Sainte-Thérèse");
    assert_eq!(
        (helene.postal_code.as_str(), helene.dwelling_count),
        ("J7E 2B4", 24)
    );
    assert_eq!(helene.clientele.as_str(), "aines");
    let (_, found) = browser.get_text("/buildings?q=ste-therese").await;
    assert!(found.contains("Hélène-Boullé"), "search text is set");

    // Tenants in the same encoding, naming the building without its accents or case.
    dwelling(&app, admin.office_id, helene.id.get(), "101");
    let file = windows_1252(
        "Prénom;Nom;Immeuble;Logement;Langue;Téléphone;Courriel;Entrée;Ménage\r\n\
         Hélène;Thérrien;RESIDENCE HELENE-BOULLE;101;français;450 555-0101;Helene@Exemple.ca;15/03/2021;2\r\n",
    );
    let res = import(&browser, "tenants", file).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"], "/tenants");
    let tenant: (
        String,
        String,
        String,
        String,
        Option<chrono::NaiveDate>,
        i32,
        String,
    ) = app
        .db(|c| {
            tenants::table
                .filter(tenants::office_id.eq(admin.office_id))
                .select((
                    tenants::first_name,
                    tenants::last_name,
                    tenants::language,
                    tenants::email,
                    tenants::move_in,
                    tenants::household_size,
                    tenants::search_text,
                ))
                .first(c)
        })
        .unwrap();
    assert_eq!(
        tenant,
        (
            "Hélène".into(),
            "Thérrien".into(),
            "fr".into(),
            "helene@exemple.ca".into(),
            chrono::NaiveDate::from_ymd_opt(2021, 3, 15),
            2,
            "helene therrien helene exemple ca 4505550101".into()
        )
    );
    let consent: Option<chrono::NaiveDateTime> = app
        .db(|c| tenants::table.select(tenants::consent_email_at).first(c))
        .unwrap();
    assert_eq!(consent, None, "consent is never imported");
}

#[actix_web::test]
async fn a_utf8_file_with_bom_commas_and_english_headers_imports_dwellings() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let pins = building(&app, admin.office_id, "Les Pins");
    let browser = app.login(&admin).await;
    let file = with_bom(
        "Building,Number,Bedrooms,Adapted,Notes\r\nles pins,101,2,yes,\"corner, south\"\r\nLes Pins,102,,no,\r\nLes Pins,3A,0,X,\r\n",
    );
    let (status, page) = preview(&browser, "dwellings", file.clone()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Colonnes non reconnues, laissées de côté : Notes."));
    assert!(page.contains("Importer les 3 lignes"));
    assert_eq!(
        count(&app, "dwellings", admin.office_id),
        0,
        "a preview writes nothing"
    );
    let res = commit(&browser, "dwellings", carried_text(&page)).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        numbers(&app, pins),
        [
            ("101".into(), 2, true),
            ("102".into(), 1, false),
            ("3A".into(), 0, true)
        ]
    );
}

#[actix_web::test]
async fn one_bad_row_among_good_ones_is_shown_with_its_number_and_nothing_is_written() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let browser = app.login(&admin).await;
    let file = "nom;adresse;ville;code_postal;logements\n\
                Les Pins;5 rue A;Laval;H7N 1A1;10\n\
                Le Tilleul;6 rue B;Laval;123;beaucoup\n\
                Place Viger;7 rue C;Montréal;;\n";
    let (status, page) = preview(&browser, "buildings", file.as_bytes().to_vec()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("<th scope=\"row\">3</th>"), "{page}");
    assert!(page.contains("code_postal : Entrez un code postal canadien (ex. H2X 1Y4)."));
    assert!(page.contains("logements : Entrez un nombre entier."));
    assert!(page.contains("Une ligne sur 3 contient des erreurs. Rien n&#x27;a été importé"));
    assert!(page.contains("Aucune erreur"), "good rows say so in words");
    assert!(
        !page.contains("/import/commit"),
        "no confirmation while rows are invalid"
    );

    // Posting the text anyway checks it again and writes nothing.
    let res = commit(&browser, "buildings", file.to_owned()).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(page.contains("Entrez un code postal canadien"));
    assert_eq!(count(&app, "buildings", admin.office_id), 0);
}

#[actix_web::test]
async fn a_commit_checks_again_and_writes_nothing_when_the_data_changed_since_the_preview() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let pins = building(&app, admin.office_id, "Les Pins");
    let browser = app.login(&admin).await;
    let file = "immeuble;numero\nLes Pins;1\nLes Pins;2\n";
    let (status, page) = preview(&browser, "dwellings", file.as_bytes().to_vec()).await;
    assert_eq!(status, StatusCode::OK);
    dwelling(&app, admin.office_id, pins, "2");
    let res = commit(&browser, "dwellings", carried_text(&page)).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(page.contains("numero : Ce numéro de logement existe déjà dans cet immeuble."));
    assert_eq!(numbers(&app, pins), [("2".into(), 2, false)]);
}

#[actix_web::test]
async fn duplicate_dwelling_numbers_within_a_file_are_reported() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    building(&app, admin.office_id, "Les Pins");
    let browser = app.login(&admin).await;
    let file = "immeuble;numero;chambres\nLes Pins;101;2\nLes Pins;102;2\nLes Pins;101 ;3\n";
    let (status, page) = preview(&browser, "dwellings", file.as_bytes().to_vec()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("<th scope=\"row\">4</th>"));
    assert!(page.contains("numero : Déjà présent à la ligne 2 du fichier."));
    assert_eq!(count(&app, "dwellings", admin.office_id), 0);
}

#[actix_web::test]
async fn tenants_naming_an_unknown_building_or_dwelling_are_reported_row_by_row() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let pins = building(&app, admin.office_id, "Les Pins");
    dwelling(&app, admin.office_id, pins, "101");
    let browser = app.login(&admin).await;
    let file = "prenom,nom,immeuble,logement,courriel\n\
                Jean,Roy,Les Pins,101,\n\
                Marie,Roy,Les Chênes,101,\n\
                Luc,Roy,Les Pins,999,pas-un-courriel\n";
    let (status, page) = preview(&browser, "tenants", file.as_bytes().to_vec()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let row = |n: usize| {
        let start = page.find(&format!("<th scope=\"row\">{n}</th>")).unwrap();
        let end = page[start..].find("</tr>").unwrap();
        page[start..start + end].to_owned()
    };
    assert!(row(2).contains("Aucune erreur"));
    assert!(row(3).contains("immeuble : Aucun immeuble de votre office ne porte ce nom."));
    assert!(row(4).contains("logement : Ce logement n&#x27;existe pas dans cet immeuble."));
    assert!(row(4).contains("courriel : Entrez une adresse courriel valide."));
    assert_eq!(count(&app, "tenants", admin.office_id), 0);
}

#[actix_web::test]
async fn another_office_s_building_name_is_not_matched() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let other = app.office("OH Ailleurs");
    let theirs = building(&app, other.office_id, "Les Pins");
    dwelling(&app, other.office_id, theirs, "101");
    let browser = app.login(&admin).await;
    let (status, page) = preview(
        &browser,
        "dwellings",
        b"immeuble;numero\nLes Pins;1\n".to_vec(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Aucun immeuble de votre office ne porte ce nom."));
    let by_id = format!("immeuble_id;numero\n{theirs};1\n");
    let (status, page) = preview(&browser, "dwellings", by_id.into_bytes()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Cette fiche n&#x27;existe pas dans votre office."));
    let (status, _) = preview(
        &browser,
        "tenants",
        b"prenom;nom;immeuble;logement\nA;B;Les Pins;101\n".to_vec(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(count(&app, "dwellings", other.office_id), 1);
    assert_eq!(count(&app, "dwellings", admin.office_id), 0);
}

#[actix_web::test]
async fn files_that_cannot_be_read_get_a_clear_message_and_never_a_server_error() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let browser = app.login(&admin).await;
    let cases: [(&[u8], &str); 6] = [
        (b"", "Le fichier est vide, ou aucun fichier n&#x27;a été choisi."),
        (
            b"Les Pins;5 rue A;Laval\nB;C;D\n",
            "Aucune colonne n&#x27;est reconnue. La première ligne doit contenir les en-têtes des colonnes, par exemple : nom, adresse, municipalite.",
        ),
        (
            b"nom;ville\nLes Pins;Laval\n",
            "Colonnes obligatoires absentes : adresse.",
        ),
        (
            b"nom;adresse;ville\n",
            "Le fichier ne contient aucune ligne de données sous les en-têtes.",
        ),
        (
            b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00",
            "Ce fichier n&#x27;est pas un fichier CSV (texte).",
        ),
        (
            b"nom;Nom;adresse;ville\nA;B;C;D\n",
            "La colonne « Nom » figure deux fois.",
        ),
    ];
    for (file, message) in cases {
        let (status, page) = preview(&browser, "buildings", file.to_vec()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{message}");
        assert!(page.contains(message), "{message}\n{page}");
        assert!(page.contains("aria-invalid=\"true\""));
    }
    let (status, page) = preview(&browser, "", b"nom\nA\n".to_vec()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Choisissez le type de données à importer."));

    let mut big = b"nom;adresse;ville\n".to_vec();
    while big.len() <= 2 * 1024 * 1024 {
        big.extend_from_slice(b"Les Pins;5 rue des Pins;Laval\n");
    }
    let (status, page) = preview(&browser, "buildings", big).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(page.contains("Le fichier dépasse 2 Mo."));
    assert_eq!(count(&app, "buildings", admin.office_id), 0);
}

#[actix_web::test]
async fn a_missing_csrf_token_is_refused() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let browser = app.login(&admin).await;
    let file = b"nom;adresse;ville\nLes Pins;5 rue A;Laval\n".to_vec();
    let form = Form::new()
        .text("kind", "buildings")
        .part("file", Part::bytes(file).file_name("a.csv"));
    let res = send(&browser, "/import/preview", form).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let form = Form::new()
        .text("_csrf", "0".repeat(64))
        .text("kind", "buildings")
        .text("content", "nom;adresse;ville\nLes Pins;5 rue A;Laval\n");
    let res = send(&browser, "/import/commit", form).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(res.text().await.unwrap().contains("Le formulaire a expiré"));
    assert_eq!(count(&app, "buildings", admin.office_id), 0);
}

#[actix_web::test]
async fn only_administrators_may_import() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    for role in ["isc", "staff", "committee"] {
        let user = app.user(admin.office_id, role);
        let browser = app.login(&user).await;
        let (status, _) = browser.get_text("/import").await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{role}");
        let (status, _) = preview(
            &browser,
            "buildings",
            b"nom;adresse;ville\nA;B;C\n".to_vec(),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{role}");
        let api = app.api(&user).await;
        let res = post_csv(
            &api,
            "/api/v1/import/buildings",
            "nom;adresse;ville\nA;B;C\n",
        )
        .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{role}");
    }
    assert_eq!(count(&app, "buildings", admin.office_id), 0);
}

async fn post_csv(api: &ApiClient, path: &str, body: &str) -> Response {
    api.http
        .post(format!("{}{path}", api.address))
        .bearer_auth(&api.token)
        .header("content-type", "text/csv")
        .body(body.to_owned())
        .send()
        .await
        .unwrap()
}

#[actix_web::test]
async fn the_api_checks_on_a_dry_run_and_imports_all_rows_or_none() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let api = app.api(&admin).await;
    let good = "name,address,city,postal_code\nLes Pins,5 rue A,Laval,H7N 1A1\nLe Tilleul,6 rue B,Laval,\n";
    let body = json_of(
        post_csv(&api, "/api/v1/import/buildings?dry_run=true", good).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(body["rows"], 2);
    assert_eq!(body["errors"], Value::Array(vec![]));
    assert_eq!(count(&app, "buildings", admin.office_id), 0);

    let bad = "name,address,city,postal_code\nLes Pins,5 rue A,Laval,H7N 1A1\n,6 rue B,Laval,123\n";
    let body = json_of(
        post_csv(&api, "/api/v1/import/buildings?dry_run=true", bad).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(body["valid"], false);
    assert_eq!(body["errors"][0]["row"], 3);
    assert_eq!(body["errors"][0]["field"], "name");
    assert_eq!(body["errors"][0]["message"], "Ce champ est obligatoire.");
    assert_eq!(body["errors"][1]["field"], "postal_code");

    let res = post_csv(&api, "/api/v1/import/buildings", bad).await;
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let problem = json_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(problem["errors"][0]["field"], "row 3: name");
    assert_eq!(problem["errors"][0]["code"], "required");
    assert_eq!(count(&app, "buildings", admin.office_id), 0);

    let body = json_of(
        post_csv(&api, "/api/v1/import/buildings?dry_run=false", good).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(body["imported"], 2);
    assert_eq!(count(&app, "buildings", admin.office_id), 2);
    // The same file again would double the registry: refused.
    let res = post_csv(&api, "/api/v1/import/buildings", good).await;
    let problem = json_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(problem["errors"][0]["code"], "building-exists");

    let res = post_csv(&api, "/api/v1/import/buildings", "").await;
    let problem = json_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(problem["errors"][0]["field"], "file");
    assert_eq!(problem["errors"][0]["code"], "empty");
    let res = post_csv(&api, "/api/v1/import/dwellings", "numero\n1\n").await;
    let problem = json_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(
        problem["detail"],
        "Colonnes obligatoires absentes : immeuble."
    );
    let res = post_csv(&api, "/api/v1/import/rooms", good).await;
    json_of(res, StatusCode::NOT_FOUND).await;
    let res = post_csv(&api, "/api/v1/import/buildings?dry_run=peut-etre", good).await;
    json_of(res, StatusCode::BAD_REQUEST).await;

    let mut big = String::from("nom;adresse;ville\n");
    while big.len() <= 2 * 1024 * 1024 {
        big.push_str("Les Pins;5 rue des Pins;Laval\n");
    }
    let res = post_csv(&api, "/api/v1/import/buildings?dry_run=true", &big).await;
    let problem = json_of(res, StatusCode::PAYLOAD_TOO_LARGE).await;
    assert_eq!(
        problem["detail"],
        "Le fichier dépasse 2 Mo. Divisez-le en plusieurs fichiers."
    );

    let doc = json_of(api.get("/api/v1/openapi.json").await, StatusCode::OK).await;
    assert!(doc["paths"]["/api/v1/import/{kind}"]["post"].is_object());
}

#[actix_web::test]
async fn buildings_exported_from_one_office_import_into_another_unchanged() {
    let app = spawn_app().await;
    let first = app.office("OH Un");
    let browser = app.login(&first).await;
    let res = import(
        &browser,
        "buildings",
        "nom;adresse;municipalite;code_postal;logements;clientele\n\
         Résidence Hélène-Boullé;\"12, rue de l'Église\";Sainte-Thérèse;J7E 2B4;24;aines\n\
         Les Pins;5 rue \"\"Les Pins\"\";Laval;;0;familles\n\
         Place Viger;7 rue C;Montréal;H2X 1Y4;120;personnes_seules\n"
            .as_bytes()
            .to_vec(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let export = browser.get("/buildings.csv").await.bytes().await.unwrap();

    let second = app.office("OH Deux");
    let other = app.login(&second).await;
    let res = import(&other, "buildings", export.to_vec()).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let fields = |office| {
        app.db(|c| list_all(c, office))
            .unwrap()
            .into_iter()
            .map(|b| {
                (
                    b.name,
                    b.address,
                    b.municipality,
                    b.postal_code,
                    b.dwelling_count,
                    b.clientele,
                    b.search_text,
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(fields(first.office_id).len(), 3);
    assert_eq!(fields(first.office_id), fields(second.office_id));
}

#[actix_web::test]
async fn a_preview_runs_the_same_number_of_queries_for_ten_rows_or_five_hundred() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let pins = building(&app, admin.office_id, "Les Pins");
    for n in 0..20 {
        dwelling(&app, admin.office_id, pins, &format!("{n}"));
    }
    let browser = app.login(&admin).await;
    let file = |rows: usize| {
        let mut text = String::from("prenom;nom;immeuble;logement\n");
        for i in 0..rows {
            text.push_str(&format!("P{i};N{i};Les Pins;{}\n", i % 20));
        }
        text.into_bytes()
    };
    let mut spent = Vec::new();
    for rows in [10, 500] {
        let body = file(rows);
        let token = browser.csrf().await;
        let form = Form::new()
            .text("_csrf", token)
            .text("kind", "tenants")
            .part("file", Part::bytes(body).file_name("t.csv"));
        let before = app.queries();
        let res = send(&browser, "/import/preview", form).await;
        spent.push(app.queries() - before);
        assert_eq!(res.status(), StatusCode::OK);
        let page = res.text().await.unwrap();
        if rows == 500 {
            assert!(page.contains("480 lignes sans erreur ne sont pas affichées."));
            assert!(page.contains("Importer les 500 lignes"));
        }
    }
    assert_eq!(spent[0], spent[1], "queries: {spent:?}");
}

#[actix_web::test]
async fn a_file_of_many_bad_rows_is_answered_with_the_first_errors_and_their_count() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let api = app.api(&admin).await;
    // 3,000 rows, each missing its name and with a bad postal code: 6,000 errors.
    let mut bad = String::from("name,address,city,postal_code\n");
    for i in 0..3000 {
        bad.push_str(&format!(",{i} rue A,Laval,123\n"));
    }
    let body = json_of(
        post_csv(&api, "/api/v1/import/buildings?dry_run=true", &bad).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(body["rows"], 3000);
    assert_eq!(body["valid"], false);
    assert_eq!(body["error_count"], 6000);
    assert_eq!(body["errors"].as_array().unwrap().len(), 100);
    assert_eq!(body["errors"][0]["row"], 2);
    assert!(
        body.to_string().len() < bad.len(),
        "the answer stays smaller than the file"
    );

    let res = post_csv(&api, "/api/v1/import/buildings", &bad).await;
    let text = res.text().await.unwrap();
    assert!(
        text.len() < bad.len(),
        "the problem stays smaller than the file"
    );
    let problem: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(problem["status"], 422);
    assert_eq!(problem["error_count"], 6000);
    assert_eq!(problem["errors"].as_array().unwrap().len(), 100);
    assert_eq!(problem["errors"][0]["field"], "row 2: name");
    assert_eq!(
        problem["detail"],
        "Le fichier a 6000 erreurs : les 100 premières sont listées."
    );
    assert_eq!(count(&app, "buildings", admin.office_id), 0);

    // A file with few errors lists them all, with the same count.
    let few = "name,address,city,postal_code\n,6 rue B,Laval,\n";
    let body = json_of(
        post_csv(&api, "/api/v1/import/buildings?dry_run=true", few).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(body["error_count"], 1);
    assert_eq!(body["errors"].as_array().unwrap().len(), 1);
}
