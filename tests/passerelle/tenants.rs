//! Tenants, in pages and through the API: accent-insensitive search, consent per channel with its
//! date and recorder, validation, office scope, roles, CSV export, and a bounded number of queries.

use chrono::NaiveDate;
use diesel::prelude::*;
use passerelle::db::schema::{dwellings, tenants};
use passerelle::registry::tenants::{self as reg, TenantInput};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{building, json_of, spawn_app, TestApp};

/// Inserts a dwelling straight into the database.
fn dwelling(app: &TestApp, office_id: i64, building_id: i64, number: &str) -> i64 {
    app.db(|c| {
        diesel::insert_into(dwellings::table)
            .values((
                dwellings::office_id.eq(office_id),
                dwellings::building_id.eq(building_id),
                dwellings::number.eq(number),
                dwellings::created_at.eq(passerelle::db::now()),
            ))
            .returning(dwellings::id)
            .get_result(c)
            .unwrap()
    })
}

/// A building with one dwelling: (building id, dwelling id).
fn place(app: &TestApp, office_id: i64, building_name: &str, number: &str) -> (i64, i64) {
    let b = building(app, office_id, building_name);
    (b, dwelling(app, office_id, b, number))
}

/// Inserts a tenant through the model (no consent given).
fn tenant(app: &TestApp, office_id: i64, dwelling_id: i64, first: &str, last: &str) -> i64 {
    tenant_with(
        app,
        office_id,
        dwelling_id,
        first,
        last,
        TenantInput::default(),
    )
}

fn tenant_with(
    app: &TestApp,
    office_id: i64,
    dwelling_id: i64,
    first: &str,
    last: &str,
    more: TenantInput,
) -> i64 {
    let data = TenantInput {
        dwelling_id: Some(dwelling_id.to_string()),
        first_name: Some(first.into()),
        last_name: Some(last.into()),
        ..more
    }
    .validate()
    .expect("valid tenant");
    app.db(|c| reg::insert(c, office_id, 0, &data)).unwrap()
}

fn stored(app: &TestApp, office_id: i64, id: i64) -> reg::Tenant {
    app.db(|c| reg::queries::find(c, office_id, id)).unwrap()
}

fn count_tenants(app: &TestApp) -> i64 {
    app.db(|c| tenants::table.count().get_result(c)).unwrap()
}

/// Records an email consent given on 2025-03-14 by `user_id`, as if entered long ago.
fn old_email_consent(app: &TestApp, id: i64, user_id: i64) -> chrono::NaiveDateTime {
    let at = NaiveDate::from_ymd_opt(2025, 3, 14)
        .unwrap()
        .and_hms_opt(15, 30, 0)
        .unwrap();
    app.db(|c| {
        diesel::update(tenants::table.find(id))
            .set((
                tenants::consent_email_at.eq(Some(at)),
                tenants::consent_email_by.eq(Some(user_id)),
            ))
            .execute(c)
            .unwrap()
    });
    at
}

#[actix_web::test]
async fn helene_and_cote_find_helene_cote_in_pages_and_api() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let (_, d) = place(&app, admin.office_id, "Les Pins", "101");
    tenant(&app, admin.office_id, d, "Hélène", "Côté");
    tenant(&app, admin.office_id, d, "Marc", "Tremblay");
    let browser = app.login(&admin).await;
    for q in ["helene", "cote", "HELENE%20c%C3%B4t%C3%A9", "côté"] {
        let (status, page) = browser.get_text(&format!("/tenants?q={q}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Côté, Hélène"), "{q}");
        assert!(!page.contains("Tremblay"), "{q}");
        assert!(page.contains("Les Pins") && page.contains("101") && page.contains("Français"));
    }
    let (_, page) = browser.get_text("/tenants?q=helene%20tremblay").await;
    assert!(page.contains("Aucun résultat"), "every word must match");

    let api = app.api(&admin).await;
    for q in ["helene", "cote"] {
        let body = json_of(
            api.get(&format!("/api/v1/tenants?q={q}")).await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(body["total"], 1, "{q}");
        assert_eq!(body["items"][0]["first_name"], "Hélène");
        assert_eq!(body["items"][0]["building_name"], "Les Pins");
        assert_eq!(body["items"][0]["dwelling_number"], "101");
        assert!(body["items"][0]["consent_email"].is_null());
    }
}

#[actix_web::test]
async fn an_isc_adds_a_tenant_whose_page_shows_the_place_and_who_recorded_consent() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let (b, d) = place(&app, admin.office_id, "Les Pins", "101");
    dwelling(&app, admin.office_id, b, "202");
    place(&app, admin.office_id, "Place Viger", "9");
    let isc = app.user(admin.office_id, "isc");
    let browser = app.login(&isc).await;

    let (_, list) = browser.get_text(&format!("/tenants?building_id={b}")).await;
    assert!(list.contains(&format!("href=\"/tenants/new?building_id&#x3D;{b}\"")));
    let (status, form) = browser.get_text("/tenants/new").await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("<optgroup label=\"Les Pins\">") && form.contains("Place Viger"));
    let (_, form) = browser
        .get_text(&format!("/tenants/new?building_id={b}&dwelling_id={d}"))
        .await;
    assert!(!form.contains("Place Viger"), "restricted to one building");
    assert!(form.contains(&format!("<option value=\"{d}\" selected>")));
    let res = browser
        .post_form(
            &format!("/tenants?building_id={b}"),
            &[("first_name", "Hélène")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let form = res.text().await.unwrap();
    assert!(
        form.contains("Les Pins") && !form.contains("Place Viger"),
        "still restricted"
    );
    assert_eq!(count_tenants(&app), 0);

    let res = browser
        .post_form(
            "/tenants",
            &[
                ("dwelling_id", &d.to_string()),
                ("first_name", "Hélène"),
                ("last_name", "Côté"),
                ("language", "en"),
                ("phone", "514 555-0101"),
                ("email", "Helene@Example.org"),
                ("household_size", "3"),
                ("move_in", "2020-07-01"),
                ("consent_email", "on"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    let id: i64 = location.trim_start_matches("/tenants/").parse().unwrap();
    let t = stored(&app, admin.office_id, id);
    assert_eq!(t.consent_email_by, Some(isc.id));
    assert!(t.consent_email_at.is_some());
    assert_eq!((t.consent_phone_at, t.consent_sms_by), (None, None));
    assert_eq!(t.search_text, "helene cote helene example org 5145550101");

    let (status, page) = browser.get_text(&location).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(&format!("<a href=\"/buildings/{b}\">Les Pins</a>")));
    assert!(
        page.contains("101") && page.contains("helene@example.org") && page.contains("Anglais")
    );
    assert!(page.contains("2020-07-01"));
    let given = t.consent_email_at.unwrap();
    let shown = passerelle::registry::tenants::queries::local_time(given)
        .format("%Y-%m-%d %H:%M")
        .to_string();
    assert!(page.contains(&shown), "consent date {shown} shown");
    assert!(page.contains("Personne isc"), "recorder shown");
    assert!(
        page.contains("Non donné"),
        "phone and SMS consents not given"
    );
}

#[actix_web::test]
async fn an_unchanged_consent_keeps_its_date_and_unchecking_it_clears_it() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let (_, d) = place(&app, admin.office_id, "Les Pins", "101");
    let id = tenant(&app, admin.office_id, d, "Hélène", "Côté");
    let at = old_email_consent(&app, id, admin.id);
    let isc = app.user(admin.office_id, "isc");
    let browser = app.login(&isc).await;
    let (_, page) = browser.get_text(&format!("/tenants/{id}")).await;
    assert!(page.contains("2025-03-14") && page.contains("Personne admin"));
    let (_, form) = browser.get_text(&format!("/tenants/{id}/edit")).await;
    assert!(form.contains("id=\"consent_email\" name=\"consent_email\" value=\"on\" checked"));
    assert!(form.contains("Donné le 2025-03-14"));

    let ds = d.to_string();
    let mut fields = vec![
        ("dwelling_id", ds.as_str()),
        ("first_name", "Hélène"),
        ("last_name", "Côté-Roy"),
        ("consent_email", "on"),
        ("consent_sms", "on"),
    ];
    let res = browser.post_form(&format!("/tenants/{id}"), &fields).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let t = stored(&app, admin.office_id, id);
    assert_eq!(t.last_name, "Côté-Roy");
    assert_eq!(
        (t.consent_email_at, t.consent_email_by),
        (Some(at), Some(admin.id))
    );
    assert_eq!(
        t.consent_sms_by,
        Some(isc.id),
        "a new consent is recorded by the editor"
    );
    assert!(t.search_text.contains("cote roy"));

    fields.retain(|(k, _)| *k != "consent_email");
    let res = browser.post_form(&format!("/tenants/{id}"), &fields).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let t = stored(&app, admin.office_id, id);
    assert_eq!((t.consent_email_at, t.consent_email_by), (None, None));
    assert!(t.consent_sms_at.is_some());

    // The API: a consent left out stays; false withdraws; output is {given_at, recorded_by} or null.
    let api = app.api(&admin).await;
    let path = format!("/api/v1/tenants/{id}");
    let body = json!({"dwelling_id": d, "first_name": "Hélène", "last_name": "Côté", "consent_phone": true});
    let out = json_of(api.put(&path, &body).await, StatusCode::OK).await;
    assert_eq!(out["consent_phone"]["recorded_by"], admin.id);
    assert!(out["consent_phone"]["given_at"].is_string());
    assert_eq!(out["consent_sms"]["recorded_by"], isc.id, "left out: kept");
    assert!(out["consent_email"].is_null());
    let body = json!({"dwelling_id": d, "first_name": "Hélène", "last_name": "Côté", "consent_sms": false});
    let out = json_of(api.put(&path, &body).await, StatusCode::OK).await;
    assert!(out["consent_sms"].is_null());
    assert_eq!(out["consent_phone"]["recorded_by"], admin.id);
}

#[actix_web::test]
async fn invalid_tenants_are_redisplayed_with_messages_and_nothing_is_written() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let (_, d) = place(&app, admin.office_id, "Les Pins", "101");
    let ds = d.to_string();
    let browser = app.login(&admin).await;
    let res = browser
        .post_form(
            "/tenants",
            &[
                ("dwelling_id", ds.as_str()),
                ("first_name", ""),
                ("last_name", " "),
                ("email", "pas-un-courriel"),
                ("phone", "514 555-0101"),
                ("household_size", "0"),
                ("move_in", "2024-05-01"),
                ("move_out", "2024-04-30"),
                ("consent_email", "on"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    for message in [
        "Ce champ est obligatoire.",
        "Entrez une adresse courriel valide.",
        "La valeur doit être d&#x27;au moins 1.",
        "La date de sortie ne peut pas précéder la date d&#x27;entrée.",
    ] {
        assert!(page.contains(message), "{message}");
    }
    assert!(page.contains("aria-describedby=\"move_out-error\""));
    assert!(
        page.contains("value=\"514 555-0101\""),
        "what was typed is kept"
    );
    assert!(page.contains(&format!("<option value=\"{d}\" selected>")));
    assert!(
        page.contains("value=\"on\" checked"),
        "the checked box stays checked"
    );
    assert_eq!(count_tenants(&app), 0);

    let api = app.api(&admin).await;
    let res = api
        .post(
            "/api/v1/tenants",
            &json!({"dwelling_id": d, "first_name": "A", "last_name": "B", "household_size": 21, "move_in": "2024-13-01", "language": "de"}),
        )
        .await;
    let problem = json_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    let codes: Vec<(String, String)> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap().into(),
                e["code"].as_str().unwrap().into(),
            )
        })
        .collect();
    let expected = [
        ("household_size", "too-large"),
        ("language", "invalid-choice"),
        ("move_in", "invalid-date"),
    ];
    assert_eq!(codes, expected.map(|(a, b)| (a.to_owned(), b.to_owned())));
    assert_eq!(count_tenants(&app), 0);

    let id = tenant(&app, admin.office_id, d, "Hélène", "Côté");
    let res = browser
        .post_form(
            &format!("/tenants/{id}"),
            &[
                ("dwelling_id", ds.as_str()),
                ("first_name", "Hélène"),
                ("last_name", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("Modifier le locataire"));
    assert_eq!(stored(&app, admin.office_id, id).last_name, "Côté");
}

#[actix_web::test]
async fn another_offices_tenants_are_not_found_and_its_dwellings_are_refused() {
    let app = spawn_app().await;
    let ours = app.office("OH Laval");
    let theirs = app.office("OH Longueuil");
    let (_, our_d) = place(&app, ours.office_id, "Les Pins", "101");
    let (_, their_d) = place(&app, theirs.office_id, "Chez les voisins", "7");
    let their_t = tenant(&app, theirs.office_id, their_d, "Voisine", "Lointaine");
    let our_t = tenant(&app, ours.office_id, our_d, "Hélène", "Côté");
    let browser = app.login(&ours).await;
    for path in [
        format!("/tenants/{their_t}"),
        format!("/tenants/{their_t}/edit"),
    ] {
        assert_eq!(
            browser.get(&path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let (od, td) = (our_d.to_string(), their_d.to_string());
    for fields in [
        vec![
            ("dwelling_id", od.as_str()),
            ("first_name", "Pris"),
            ("last_name", "Pris"),
        ],
        vec![("first_name", ""), ("last_name", "")],
    ] {
        let res = browser
            .post_form(&format!("/tenants/{their_t}"), &fields)
            .await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
    }
    assert!(!browser
        .get_text("/tenants?status=all")
        .await
        .1
        .contains("Lointaine"));
    assert!(!browser
        .get_text("/tenants.csv?status=all")
        .await
        .1
        .contains("Lointaine"));
    let (_, form) = browser.get_text("/tenants/new").await;
    assert!(
        !form.contains("Chez les voisins"),
        "their dwellings are not offered"
    );

    let res = browser
        .post_form(
            "/tenants",
            &[
                ("dwelling_id", td.as_str()),
                ("first_name", "A"),
                ("last_name", "B"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Cette fiche n&#x27;existe pas dans votre office."));
    let res = browser
        .post_form(
            &format!("/tenants/{our_t}"),
            &[
                ("dwelling_id", td.as_str()),
                ("first_name", "A"),
                ("last_name", "B"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(stored(&app, ours.office_id, our_t).dwelling_id.get(), our_d);

    let api = app.api(&ours).await;
    let path = format!("/api/v1/tenants/{their_t}");
    assert_eq!(api.get(&path).await.status(), StatusCode::NOT_FOUND);
    let body = json!({"dwelling_id": our_d, "first_name": "Pris", "last_name": "Pris"});
    assert_eq!(api.put(&path, &body).await.status(), StatusCode::NOT_FOUND);
    let body = json!({"dwelling_id": their_d, "first_name": "A", "last_name": "B"});
    let problem = json_of(
        api.post("/api/v1/tenants", &body).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "dwelling_id");
    assert_eq!(problem["errors"][0]["code"], "unknown-reference");
    let res = api.put(&format!("/api/v1/tenants/{our_t}"), &body).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let list = json_of(api.get("/api/v1/tenants?status=all").await, StatusCode::OK).await;
    assert_eq!(list["total"], 1);
    assert_eq!(
        stored(&app, theirs.office_id, their_t).first_name,
        "Voisine"
    );
    assert_eq!(count_tenants(&app), 2);
}

#[actix_web::test]
async fn staff_committee_members_and_tenants_get_403_on_tenants() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let (_, d) = place(&app, admin.office_id, "Les Pins", "101");
    let id = tenant(&app, admin.office_id, d, "Hélène", "Côté");
    for role in ["staff", "committee", "tenant"] {
        let user = app.user(admin.office_id, role);
        let browser = app.login(&user).await;
        for path in [
            "/tenants".to_owned(),
            "/tenants.csv".to_owned(),
            "/tenants/new".to_owned(),
            format!("/tenants/{id}"),
            format!("/tenants/{id}/edit"),
        ] {
            assert_eq!(
                browser.get(&path).await.status(),
                StatusCode::FORBIDDEN,
                "{role} {path}"
            );
        }
        let fields = [
            ("dwelling_id", d.to_string()),
            ("first_name", "A".into()),
            ("last_name", "B".into()),
        ];
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let res = browser.post_form(&format!("/tenants/{id}"), &fields).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{role}");
        let res = browser.post_form("/tenants", &fields).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{role}");
        let api = app.api(&user).await;
        assert_eq!(
            api.get("/api/v1/tenants").await.status(),
            StatusCode::FORBIDDEN
        );
        let body = json!({"dwelling_id": d, "first_name": "A", "last_name": "B"});
        assert_eq!(
            api.post("/api/v1/tenants", &body).await.status(),
            StatusCode::FORBIDDEN
        );
    }
    assert_eq!(count_tenants(&app), 1);
    assert_eq!(stored(&app, admin.office_id, id).first_name, "Hélène");
}

#[actix_web::test]
async fn the_csv_export_holds_the_offices_tenants_with_import_headers_and_filters() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let other = app.office("OH Ailleurs");
    let (_, d) = place(&app, admin.office_id, "Les Pins", "101");
    let (_, od) = place(&app, other.office_id, "Ailleurs", "1");
    tenant(&app, other.office_id, od, "Autre", "Office");
    let more = TenantInput {
        language: Some("en".into()),
        phone: Some("514 555-0101".into()),
        email: Some("helene@example.org".into()),
        household_size: Some("3".into()),
        move_in: Some("2020-07-01".into()),
        ..Default::default()
    };
    let id = tenant_with(&app, admin.office_id, d, "Hélène", "Côté", more);
    old_email_consent(&app, id, admin.id);
    let gone = TenantInput {
        move_in: Some("2010-01-01".into()),
        move_out: Some("2019-06-30".into()),
        ..Default::default()
    };
    tenant_with(&app, admin.office_id, d, "Ancien", "Locataire", gone);
    let browser = app.login(&admin).await;
    let res = browser.get("/tenants.csv").await;
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("locataires.csv"));
    let body = res.text().await.unwrap();
    let lines: Vec<&str> = body.lines().collect();
    assert_eq!(
        lines[0],
        "id,prenom,nom,immeuble,logement,langue,telephone,courriel,menage,consentement_courriel,consentement_telephone,consentement_sms,entree,sortie"
    );
    assert_eq!(
        lines[1..],
        [format!("{id},Hélène,Côté,Les Pins,101,en,514 555-0101,helene@example.org,3,2025-03-14,,,2020-07-01,")]
    );
    let (_, all) = browser.get_text("/tenants.csv?status=all").await;
    assert_eq!(all.lines().count(), 3);
    assert!(all.contains("Ancien,Locataire") && !all.contains("Autre"));
    let (_, former) = browser
        .get_text("/tenants.csv?status=former&q=ancien")
        .await;
    assert!(former.contains("2010-01-01,2019-06-30") && !former.contains("Hélène"));

    let (_, page) = browser.get_text("/tenants").await;
    assert!(page.contains("href=\"/tenants.csv?q&#x3D;\""));
    assert!(
        !page.contains("Locataire, Ancien"),
        "the list shows current tenants by default"
    );
    let (_, page) = browser.get_text("/tenants?status=former").await;
    assert!(page.contains("Locataire, Ancien") && page.contains("status&#x3D;former"));
}

#[actix_web::test]
async fn the_tenant_list_and_search_run_as_many_queries_for_ten_tenants_as_for_a_thousand() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let browser = app.login(&admin).await;
    let api = app.api(&admin).await;
    let (b, d) = place(&app, admin.office_id, "Les Pins", "101");
    for i in 0..10 {
        tenant(&app, admin.office_id, d, "Hélène", &format!("Côté {i}"));
    }
    let paths = [
        "/tenants".to_owned(),
        "/tenants?q=helene%20cote".to_owned(),
        format!("/tenants?building_id={b}&status=all"),
        "/tenants.csv?q=cote".to_owned(),
        "/api/v1/tenants?q=helene&per_page=200".to_owned(),
    ];
    let count = |path: String| {
        let (browser, api, app) = (&browser, &api, &app);
        async move {
            let before = app.queries();
            let res = if path.starts_with("/api") {
                api.get(&path).await
            } else {
                browser.get(&path).await
            };
            assert_eq!(res.status(), StatusCode::OK, "{path}");
            app.queries() - before
        }
    };
    count(paths[4].clone()).await; // the token's first use is recorded once
    let mut small = Vec::new();
    for p in &paths {
        small.push(count(p.clone()).await);
    }
    app.db(|c| {
        passerelle::db::write_tx(c, |c| -> Result<(), diesel::result::Error> {
            for i in 0..990 {
                let d = diesel::insert_into(dwellings::table)
                    .values((
                        dwellings::office_id.eq(admin.office_id),
                        dwellings::building_id.eq(b),
                        dwellings::number.eq(format!("{}", 1000 + i)),
                        dwellings::created_at.eq(passerelle::db::now()),
                    ))
                    .returning(dwellings::id)
                    .get_result::<i64>(c)?;
                diesel::insert_into(tenants::table)
                    .values((
                        tenants::office_id.eq(admin.office_id),
                        tenants::dwelling_id.eq(d),
                        tenants::first_name.eq("Hélène"),
                        tenants::last_name.eq(format!("Côté n{i}")),
                        tenants::search_text.eq(format!("helene cote n{i}")),
                        tenants::created_at.eq(passerelle::db::now()),
                        tenants::updated_at.eq(passerelle::db::now()),
                    ))
                    .execute(c)?;
            }
            Ok(())
        })
        .unwrap()
    });
    assert_eq!(count_tenants(&app), 1000);
    for (p, before) in paths.iter().zip(small) {
        assert_eq!(count(p.clone()).await, before, "{p}");
    }
    let (_, csv) = browser.get_text("/tenants.csv?q=cote").await;
    assert_eq!(csv.lines().count(), 1001);
}
