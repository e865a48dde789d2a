//! A person's own data: everything held about a tenant as one archive of JSON and CSV files, for
//! the administrator of the tenant's office, the download logged.

use std::io::Read;

use diesel::prelude::*;
use passerelle::db::schema::access_log;
use reqwest::StatusCode;
use serde_json::json;

use super::{tenant, world, NewTenant};
use crate::helpers::json_of;

#[actix_web::test]
async fn the_administrator_downloads_everything_held_about_a_tenant_as_one_archive() {
    let w = world("Office d'habitation de Magog").await;
    let t = tenant(
        &w.app,
        NewTenant {
            office_id: w.admin.office_id,
            building_id: w.building,
            first_name: "Éloïse",
            last_name: "=Bouchard",
            email: "eloise@example.org",
            consent_email: true,
            ..Default::default()
        },
    );
    let api = w.app.api(&w.isc).await;
    let body = json!({"purpose": "photos", "decision": "given", "how": "in_person"});
    json_of(
        api.post(&format!("/api/v1/privacy/tenants/{t}/consents"), &body)
            .await,
        StatusCode::CREATED,
    )
    .await;
    let isc = w.app.login(&w.isc).await;
    isc.get(&format!("/privacy/tenants/{t}")).await;

    let admin = w.app.login(&w.admin).await;
    let res = admin.get(&format!("/privacy/tenants/{t}/export.zip")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/zip");
    let bytes = res.bytes().await.unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut names: Vec<String> = archive.file_names().map(str::to_owned).collect();
    names.sort();
    for expected in [
        "registry/tenant.json",
        "registry/tenant.csv",
        "consents/history.json",
        "consents/history.csv",
        "requests/requests.json",
        "requests/steps.csv",
        "requests/photos.csv",
        "workshops/registrations.csv",
        "workshops/attendance.json",
        "access_log/consultations.json",
        "LISEZ-MOI_README.txt",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
    let mut read = |name: &str| {
        let mut text = String::new();
        archive
            .by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    let registry: serde_json::Value = serde_json::from_str(&read("registry/tenant.json")).unwrap();
    assert_eq!(registry["first_name"], "Éloïse");
    assert_eq!(registry["building"], "Habitations des Érables");
    assert!(
        read("registry/tenant.csv").contains("'=Bouchard"),
        "formulas neutralised"
    );
    let consents: serde_json::Value = serde_json::from_str(&read("consents/history.json")).unwrap();
    assert_eq!(consents.as_array().unwrap().len(), 2);
    let who: serde_json::Value =
        serde_json::from_str(&read("access_log/consultations.json")).unwrap();
    assert!(who
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["person"] == "Personne isc"));
    assert!(read("LISEZ-MOI_README.txt").contains("Passerelle"));

    let archived: i64 = w.app.db(|c| {
        access_log::table
            .filter(access_log::channel.eq("archive"))
            .filter(access_log::record_id.eq(Some(t)))
            .count()
            .get_result(c)
            .unwrap()
    });
    assert_eq!(archived, 1, "the download is logged");
}

#[actix_web::test]
async fn only_the_administrator_of_the_tenants_office_downloads_the_archive() {
    let w = world("Office d'habitation de Coaticook").await;
    let t = tenant(
        &w.app,
        NewTenant {
            office_id: w.admin.office_id,
            building_id: w.building,
            ..Default::default()
        },
    );
    let isc = w.app.login(&w.isc).await;
    let path = format!("/privacy/tenants/{t}/export.zip");
    assert_eq!(isc.get(&path).await.status(), StatusCode::FORBIDDEN);
    let other = w.app.office("Office d'habitation de Stanstead");
    let stranger = w.app.login(&other).await;
    assert_eq!(stranger.get(&path).await.status(), StatusCode::NOT_FOUND);
}
