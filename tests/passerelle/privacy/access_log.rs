//! The access log: a request's reads written in one statement, every read of a tenant's file
//! logged, the administrator's filtered list and CSV, and "who consulted this file".

use diesel::prelude::*;
use passerelle::access::log::{Channel, Reads, RecordKind};
use passerelle::db::schema::access_log;
use passerelle::domain::ids::{OfficeId, TenantId, UserId};
use passerelle::domain::Role;
use reqwest::StatusCode;

use super::{tenant, world, NewTenant};
use crate::helpers::json_of;

fn actor(user: &crate::helpers::TestUser, role: Role) -> passerelle::access::Actor {
    passerelle::access::Actor {
        user_id: UserId(user.id),
        office_id: OfficeId(user.office_id),
        office_name: String::new(),
        email: user.email.clone(),
        name: String::new(),
        role,
        lang: passerelle::i18n::Lang::Fr,
        department: None,
        buildings: Vec::new(),
        tenant: None,
    }
}

#[actix_web::test]
async fn a_requests_reads_are_written_in_one_statement() {
    let w = world("Office d'habitation de Rigaud").await;
    let a = actor(&w.isc, Role::Isc);
    let mut reads = Reads::new(&a, Channel::Page);
    reads.one(RecordKind::Tenant, TenantId(1));
    reads.one(RecordKind::Tenant, TenantId(1));
    reads.one(RecordKind::Request, 7_i64);
    reads.many(RecordKind::Tenant, 340);
    reads.many(RecordKind::Request, 0);
    assert_eq!(
        reads.entries().len(),
        3,
        "a record read twice is logged once, an empty list not"
    );
    let statements = w.app.db(|c| {
        // Counted on the connection already checked out (PostgreSQL's pool checks it first).
        let before = w.app.queries();
        reads.write(c).unwrap();
        w.app.queries() - before
    });
    assert_eq!(statements, 1);
    let rows: Vec<(Option<i64>, i32)> = w.app.db(|c| {
        access_log::table
            .order(access_log::id)
            .select((access_log::record_id, access_log::row_count))
            .load(c)
            .unwrap()
    });
    assert_eq!(rows, [(Some(1), 1), (Some(7), 1), (None, 340)]);
}

#[actix_web::test]
async fn reading_a_tenants_privacy_page_is_logged_and_shown_to_administrators_and_iscs() {
    let w = world("Office d'habitation de Valleyfield").await;
    let t = tenant(
        &w.app,
        NewTenant {
            office_id: w.admin.office_id,
            building_id: w.building,
            ..Default::default()
        },
    );
    let other = tenant(
        &w.app,
        NewTenant {
            office_id: w.admin.office_id,
            building_id: w.building,
            first_name: "Luc",
            ..Default::default()
        },
    );
    let isc = w.app.login(&w.isc).await;
    assert_eq!(
        isc.get(&format!("/privacy/tenants/{t}")).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        isc.get(&format!("/privacy/tenants/{other}")).await.status(),
        StatusCode::OK
    );
    let api = w.app.api(&w.admin).await;
    json_of(
        api.get(&format!("/api/v1/privacy/tenants/{t}/consents"))
            .await,
        StatusCode::OK,
    )
    .await;

    let who = json_of(
        api.get(&format!("/api/v1/privacy/tenants/{t}/consultations"))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(who["total"], 2);
    let channels: Vec<_> = who["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["channel"].clone())
        .collect();
    assert_eq!(channels, ["api", "page"]);
    assert_eq!(who["items"][1]["person"], "Personne isc");

    let admin = w.app.login(&w.admin).await;
    let (status, page) = admin.get_text(&format!("/privacy/tenants/{t}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Personne isc") && page.contains("Intervenante sociocommunautaire"));
    assert!(page.contains(&format!("/privacy/tenants/{t}/export.zip")));

    // The administrator's log, filtered by person, kind and record.
    let query = format!("user_id={}&record_kind=tenant&record_id={t}", w.isc.id);
    let (status, log) = admin
        .get_text(&format!("/privacy/access-log?{query}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(log.contains(&format!("/privacy/tenants/{t}")));
    assert!(!log.contains(&format!("/privacy/tenants/{other}")));
    let res = admin.get(&format!("/privacy/access-log.csv?{query}")).await;
    assert_eq!(res.status(), StatusCode::OK);
    let csv = res.text().await.unwrap();
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(csv.starts_with("moment,personne,role,type_dossier,dossier,canal,nombre"));
    let listed = json_of(
        api.get("/api/v1/privacy/access-log?record_kind=tenant&per_page=2")
            .await,
        StatusCode::OK,
    )
    .await;
    assert!(listed["total"].as_i64().unwrap() >= 4);
    assert_eq!(listed["items"].as_array().unwrap().len(), 2);
    let bad = admin
        .get("/privacy/access-log?from=2026-02-01&to=2026-01-01")
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[actix_web::test]
async fn only_administrators_read_the_access_log_and_only_of_their_office() {
    let w = world("Office d'habitation de Vaudreuil").await;
    let isc = w.app.login(&w.isc).await;
    assert_eq!(
        isc.get("/privacy/access-log").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        isc.get("/privacy/access-log.csv").await.status(),
        StatusCode::FORBIDDEN
    );
    let api = w.app.api(&w.isc).await;
    assert_eq!(
        api.get("/api/v1/privacy/access-log").await.status(),
        StatusCode::FORBIDDEN
    );

    let t = tenant(
        &w.app,
        NewTenant {
            office_id: w.admin.office_id,
            building_id: w.building,
            ..Default::default()
        },
    );
    isc.get(&format!("/privacy/tenants/{t}")).await;
    let other = w.app.office("Office d'habitation de Hudson");
    let api = w.app.api(&other).await;
    let theirs = json_of(api.get("/api/v1/privacy/access-log").await, StatusCode::OK).await;
    assert_eq!(theirs["total"], 0);
    let res = api
        .get(&format!("/api/v1/privacy/tenants/{t}/consultations"))
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}
