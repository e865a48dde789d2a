//! The main pages in a real headless browser (Debian's Chromium through Playwright), checked with
//! axe-core. `.ci/run` installs Chromium and the node packages; where either is missing the test
//! says it was skipped and why, and passes.

use std::path::Path;
use std::process::Command;

use diesel::prelude::*;
use passerelle::db::now;
use passerelle::db::schema::{dwellings, tenants};
use passerelle::domain::text::tenant_search_text;

use crate::helpers::{building, spawn_app, PASSWORD};

fn missing_tools() -> Option<String> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        return Some(format!(
            "{chromium} is not installed (apt-get install chromium chromium-driver)"
        ));
    }
    if !Path::new("tests/browser/node_modules/playwright-core").exists() {
        return Some(
            "tests/browser/node_modules is missing (npm ci --prefix tests/browser)".into(),
        );
    }
    if Command::new("node").arg("--version").output().is_err() {
        return Some("node is not installed".into());
    }
    None
}

#[actix_web::test]
async fn the_main_pages_work_in_a_real_browser_and_pass_axe() {
    if let Some(why) = missing_tools() {
        eprintln!("SKIPPED browser tests: {why}");
        return;
    }
    let app = spawn_app().await;
    let admin = app.office("OH de Sainte-Thérèse");
    let jardins = building(&app, admin.office_id, "Les Jardins Sainte-Thérèse");
    building(&app, admin.office_id, "Place Viger");
    app.db(|c| {
        let dwelling: i64 = diesel::insert_into(dwellings::table)
            .values((
                dwellings::office_id.eq(admin.office_id),
                dwellings::building_id.eq(jardins),
                dwellings::number.eq("101"),
                dwellings::created_at.eq(now()),
            ))
            .returning(dwellings::id)
            .get_result(c)
            .unwrap();
        diesel::insert_into(tenants::table)
            .values((
                tenants::office_id.eq(admin.office_id),
                tenants::dwelling_id.eq(dwelling),
                tenants::first_name.eq("Hélène"),
                tenants::last_name.eq("Côté"),
                tenants::search_text.eq(tenant_search_text("Hélène", "Côté", "", "")),
                tenants::created_at.eq(now()),
                tenants::updated_at.eq(now()),
            ))
            .execute(c)
            .unwrap();
    });
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("immeubles.csv");
    // As a spreadsheet saves it on Windows: semicolons and Windows-1252.
    let text = "Nom;Adresse;Municipalité;Code postal\r\nHabitations du Fleuve;5 rue du Quai;Québec;G1K 4A1\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    std::fs::write(&csv, &bytes).unwrap();

    let address = app.address.clone();
    let email = admin.email.clone();
    let output = actix_web::web::block(move || {
        Command::new("node")
            .arg("tests/browser/run.mjs")
            .env("BASE_URL", address)
            .env("ADMIN_EMAIL", email)
            .env("PASSWORD", PASSWORD)
            .env("CSV_FILE", &csv)
            .env("BUILDING_ID", jardins.to_string())
            .output()
    })
    .await
    .unwrap()
    .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "browser tests failed:\n{stdout}\n{stderr}"
    );
}
