use diesel::prelude::*;
use passerelle::db::schema::{journal_entries, request_categories, request_events, requests};
use reqwest::StatusCode;

use super::{mails, post_request, record, state_of, step, tenant, world, NewTenant};
use crate::helpers::spawn_app;

#[actix_web::test]
async fn every_office_starts_with_the_default_categories_and_an_isc_records_a_request() {
    let app = spawn_app().await;
    let w = world(&app, "OH Laval");
    let office = w.admin.office_id;
    let codes: Vec<String> = app.db(|c| {
        request_categories::table
            .filter(request_categories::office_id.eq(office))
            .order(request_categories::position)
            .select(request_categories::code)
            .load(c)
            .unwrap()
    });
    assert_eq!(
        codes,
        [
            "entretien",
            "salubrite",
            "securite",
            "bruit",
            "accessibilite",
            "loyer",
            "autre"
        ]
    );
    let browser = app.login(&w.isc).await;
    let (status, form) = browser.get_text("/requests/new").await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("Salubrité / vermine") && form.contains("Habitations Papineau"));
    let (b, cat) = (w.building.to_string(), w.category.to_string());
    let res = post_request(
        &browser,
        &[
            ("building_id", &b),
            ("category_id", &cat),
            ("urgency", "urgent"),
            ("description", "Fuite d'eau au plafond"),
        ],
        vec![],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    let (_, page) = browser.get_text(&location).await;
    assert!(
        page.contains("Fuite d&#x27;eau au plafond") || page.contains("Fuite d'eau au plafond")
    );
    assert!(page.contains("Nouvelle"));
    assert!(
        page.contains("Transmettre à la direction"),
        "the first step offered is routing"
    );
    assert!(
        !page.contains("Marquer comme résolue"),
        "a new request is not resolved before routing"
    );
    let (_, list) = browser.get_text("/requests").await;
    assert!(list.contains("Fuite d") && list.contains("Urgente"));
    let journal: Vec<(i32, String, String)> = app.db(|c| {
        journal_entries::table
            .select((
                journal_entries::pole,
                journal_entries::sub_activity,
                journal_entries::source,
            ))
            .load(c)
            .unwrap()
    });
    assert_eq!(
        journal,
        [(
            1,
            "intermediaire_residents".to_owned(),
            "request".to_owned()
        )]
    );
}

#[actix_web::test]
async fn a_request_without_description_or_with_a_foreign_building_is_refused_and_nothing_is_written(
) {
    let app = spawn_app().await;
    let w = world(&app, "OH A");
    let other = world(&app, "OH B");
    let browser = app.login(&w.isc).await;
    let (b, cat, foreign) = (
        w.building.to_string(),
        w.category.to_string(),
        other.building.to_string(),
    );
    let res = post_request(
        &browser,
        &[
            ("building_id", &b),
            ("category_id", &cat),
            ("description", "  "),
        ],
        vec![],
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Ce champ est obligatoire"));
    let res = post_request(
        &browser,
        &[
            ("building_id", &foreign),
            ("category_id", &cat),
            ("description", "x"),
        ],
        vec![],
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("n&#x27;existe pas dans votre office"));
    let n: i64 = app.db(|c| requests::table.count().get_result(c).unwrap());
    assert_eq!(n, 0);
}

#[actix_web::test]
async fn routing_mails_the_department_and_the_tenant_who_consented_in_their_language() {
    let app = spawn_app().await;
    let w = world(&app, "OH Test");
    let (_, t) = tenant(
        &app,
        w.admin.office_id,
        NewTenant {
            building: w.building,
            email: "helene@example.org",
            consent_email: true,
            language: "en",
        },
    );
    let id = record(&app, &w.isc, w.building, w.category, Some(t));
    let browser = app.login(&w.isc).await;
    assert_eq!(
        step(&browser, id, 1, "route", &[]).await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(state_of(&app, id), ("routed".into(), 2));
    let dept = mails(&app, "request_routed");
    assert_eq!(dept.len(), 1);
    assert_eq!(dept[0].0, "entretien@oh.example.org");
    assert!(dept[0].1.contains(&format!("n° {id}")) && dept[0].1.contains("Entretien"));
    let tenant_mail = mails(&app, "request_update");
    assert_eq!(tenant_mail.len(), 1);
    assert_eq!(tenant_mail[0].0, "helene@example.org");
    assert!(
        tenant_mail[0].2.contains("It is now: Routed"),
        "{}",
        tenant_mail[0].2
    );
    // An internal comment is not the tenant's business: no mail.
    let res = browser
        .post_form(
            &format!("/requests/{id}/comments"),
            &[("body", "Appeler le plombier lundi")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(mails(&app, "request_update").len(), 1);
    // A visible one is.
    browser
        .post_form(
            &format!("/requests/{id}/comments"),
            &[("body", "Le plombier passe lundi"), ("visible", "on")],
        )
        .await;
    let tenant_mail = mails(&app, "request_update");
    assert_eq!(tenant_mail.len(), 2);
    assert!(tenant_mail[1].2.contains("Le plombier passe lundi"));
}

#[actix_web::test]
async fn a_tenant_without_email_consent_is_not_emailed() {
    let app = spawn_app().await;
    let w = world(&app, "OH Test");
    let (_, t) = tenant(
        &app,
        w.admin.office_id,
        NewTenant {
            building: w.building,
            email: "helene@example.org",
            consent_email: false,
            ..Default::default()
        },
    );
    let id = record(&app, &w.isc, w.building, w.category, Some(t));
    let browser = app.login(&w.isc).await;
    assert_eq!(
        step(&browser, id, 1, "route", &[]).await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(mails(&app, "request_routed").len(), 1);
    assert!(mails(&app, "request_update").is_empty());
}

#[actix_web::test]
async fn forbidden_steps_and_stale_versions_are_refused_and_change_nothing() {
    let app = spawn_app().await;
    let w = world(&app, "OH Test");
    let id = record(&app, &w.isc, w.building, w.category, None);
    let browser = app.login(&w.isc).await;
    assert_eq!(
        step(&browser, id, 1, "resolve", &[]).await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        step(&browser, id, 1, "fly", &[]).await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(state_of(&app, id), ("new".into(), 1));
    assert_eq!(
        step(&browser, id, 1, "route", &[]).await,
        StatusCode::SEE_OTHER
    );
    // Someone else read version 1 and now tries to act on it.
    let res = browser
        .post_form(
            &format!("/requests/{id}/step"),
            &[("version", "1"), ("step", "start")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert!(res.text().await.unwrap().contains("modifiée par quelqu"));
    assert_eq!(state_of(&app, id), ("routed".into(), 2));
    let steps: i64 = app.db(|c| {
        request_events::table
            .filter(request_events::kind.eq("step"))
            .count()
            .get_result(c)
            .unwrap()
    });
    assert_eq!(steps, 1);
    for (s, version) in [
        ("start", 2),
        ("wait", 3),
        ("resolve", 4),
        ("close", 5),
        ("reopen", 6),
    ] {
        assert_eq!(
            step(&browser, id, version, s, &[]).await,
            StatusCode::SEE_OTHER,
            "{s}"
        );
    }
    assert_eq!(state_of(&app, id), ("in_progress".into(), 7));
}

#[actix_web::test]
async fn closing_as_not_ours_requires_a_referral_which_the_tenant_is_told() {
    let app = spawn_app().await;
    let w = world(&app, "OH Test");
    let (_, t) = tenant(
        &app,
        w.admin.office_id,
        NewTenant {
            building: w.building,
            email: "helene@example.org",
            consent_email: true,
            ..Default::default()
        },
    );
    let id = record(&app, &w.isc, w.building, w.category, Some(t));
    let browser = app.login(&w.isc).await;
    let res = browser
        .post_form(
            &format!("/requests/{id}/step"),
            &[
                ("version", "1"),
                ("step", "close_not_ours"),
                ("referral_resource", "CLSC"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("aria-invalid=\"true\" aria-describedby=\"referral_contact-error\""));
    assert_eq!(state_of(&app, id), ("new".into(), 1));
    let fields = [
        ("referral_resource", "CLSC du Marigot"),
        ("referral_contact", "450 555-1234"),
        (
            "referral_told",
            "Appelez le CLSC pour un suivi psychosocial.",
        ),
    ];
    assert_eq!(
        step(&browser, id, 1, "close_not_ours", &fields).await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(state_of(&app, id).0, "closed");
    let m = mails(&app, "request_update");
    assert_eq!(m.len(), 1);
    assert!(m[0].2.contains("CLSC du Marigot") && m[0].2.contains("450 555-1234"));
}

#[actix_web::test]
async fn reports_linked_under_a_building_issue_are_resolved_with_it_and_each_tenant_is_told() {
    let app = spawn_app().await;
    let w = world(&app, "OH Test");
    let office = w.admin.office_id;
    let parent = record(&app, &w.isc, w.building, w.category, None);
    let browser = app.login(&w.isc).await;
    // The form proposes the open request of the same building and category.
    let (b, cat) = (w.building.to_string(), w.category.to_string());
    let fields = [
        ("building_id", b.as_str()),
        ("category_id", cat.as_str()),
        ("description", "Ascenseur en panne"),
    ];
    let res = post_request(&browser, &fields, vec![]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let page = res.text().await.unwrap();
    assert!(
        page.contains(&format!("value=\"{parent}\"")),
        "the candidate is offered"
    );
    let mut children = Vec::new();
    for i in 0..2 {
        let (_, t) = tenant(
            &app,
            office,
            NewTenant {
                building: w.building,
                email: &format!("t{i}@example.org"),
                consent_email: true,
                ..Default::default()
            },
        );
        let id = record(&app, &w.isc, w.building, w.category, Some(t));
        let res = browser
            .post_form(
                &format!("/requests/{id}/link"),
                &[("version", "1"), ("parent_id", &parent.to_string())],
            )
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        children.push(id);
    }
    // A child cannot become a parent.
    let other = record(&app, &w.isc, w.building, w.category, None);
    let res = browser
        .post_form(
            &format!("/requests/{other}/link"),
            &[("version", "1"), ("parent_id", &children[0].to_string())],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        step(&browser, parent, 1, "route", &[]).await,
        StatusCode::SEE_OTHER
    );
    let fields = [
        ("comment", "Le technicien a remplacé la pièce."),
        ("visible", "on"),
    ];
    assert_eq!(
        step(&browser, parent, 2, "resolve", &fields).await,
        StatusCode::SEE_OTHER
    );
    for c in &children {
        assert_eq!(state_of(&app, *c).0, "resolved");
    }
    let m = mails(&app, "request_update");
    let to: Vec<&str> = m.iter().map(|x| x.0.as_str()).collect();
    assert_eq!(to, ["t0@example.org", "t1@example.org"]);
    assert!(m[0].2.contains("Le technicien a remplacé la pièce."));
}

#[actix_web::test]
async fn the_admin_routes_a_category_to_a_department_and_sets_its_targets() {
    let app = spawn_app().await;
    let w = world(&app, "OH Test");
    let browser = app.login(&w.admin).await;
    let (status, page) = browser.get_text("/requests/categories").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("Direction de l&#x27;entretien") || page.contains("Direction de l'entretien")
    );
    let office = w.admin.office_id;
    let bruit: i64 = app.db(|c| {
        request_categories::table
            .filter(request_categories::office_id.eq(office))
            .filter(request_categories::code.eq("bruit"))
            .select(request_categories::id)
            .first(c)
            .unwrap()
    });
    let d = w.department.to_string();
    let fields = [
        ("department_id", d.as_str()),
        ("target_hours_low", "240"),
        ("target_hours_normal", "120"),
        ("target_hours_urgent", "12"),
    ];
    let res = browser
        .post_form(&format!("/requests/categories/{bruit}"), &fields)
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let row: (Option<i64>, i32) = app.db(|c| {
        request_categories::table
            .find(bruit)
            .select((
                request_categories::department_id,
                request_categories::target_hours_urgent,
            ))
            .first(c)
            .unwrap()
    });
    assert_eq!(row, (Some(w.department), 12));
    let bad = [
        ("department_id", "999999"),
        ("target_hours_low", "0"),
        ("target_hours_normal", "x"),
        ("target_hours_urgent", "1"),
    ];
    let res = browser
        .post_form(&format!("/requests/categories/{bruit}"), &bad)
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let isc = app.login(&w.isc).await;
    assert_eq!(
        isc.get("/requests/categories").await.status(),
        StatusCode::FORBIDDEN
    );
}
