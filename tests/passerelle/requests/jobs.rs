use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use passerelle::db::schema::requests;
use passerelle::requests::jobs::{run_due_followups, run_due_late_digests};
use reqwest::StatusCode;

use super::{mails, record, record_at, state_of, step, tenant, world, NewTenant, Report};
use crate::helpers::spawn_app;

/// A Monday, 10 h in Montréal: days counted from it never cross midnight within a test.
fn monday_morning() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 3, 2)
        .and_then(|d| d.and_hms_opt(15, 0, 0))
        .unwrap()
}

#[actix_web::test]
async fn late_requests_make_one_digest_a_day_for_the_department_and_the_isc() {
    let app = spawn_app().await;
    let w = world(&app, "OH Test");
    let now = monday_morning();
    let report = || Report {
        building: w.building,
        category: w.category,
        tenant: None,
        at: now,
    };
    let a = record_at(&app, &w.isc, report());
    let b = record_at(&app, &w.isc, report());
    let browser = app.login(&w.isc).await;
    step(&browser, a, 1, "route", &[]).await;
    step(&browser, b, 1, "route", &[]).await;
    let mail = app.state.mail.clone();
    let run = |at| app.db(|c| run_due_late_digests(c, &mail, at).unwrap());
    assert_eq!(run(now), 0, "nothing is late yet");
    let later = now + Duration::days(8);
    assert_eq!(run(later), 2, "one for the department, one for the ISC");
    assert_eq!(run(later + Duration::minutes(30)), 0, "once a day");
    let digests = mails(&app, "request_late_digest");
    assert_eq!(digests.len(), 2);
    let dept = digests
        .iter()
        .find(|m| m.0 == "entretien@oh.example.org")
        .unwrap();
    assert!(dept.1.contains("2 demande(s) en retard"));
    assert!(dept.2.contains(&format!("#{a}")) && dept.2.contains(&format!("#{b}")));
    let key = format!("late-digest:dept:{}:", w.department);
    let keys: Vec<Option<String>> = app.db(|c| {
        use passerelle::db::schema::outbox;
        outbox::table.select(outbox::dedup_key).load(c).unwrap()
    });
    assert!(keys.iter().flatten().any(|k| k.starts_with(&key)));
    assert_eq!(run(later + Duration::days(1)), 2, "the next day, again");
}

#[actix_web::test]
async fn weeks_after_resolution_the_tenant_is_asked_and_no_reopens_the_request() {
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
    step(&browser, id, 1, "route", &[]).await;
    step(&browser, id, 2, "resolve", &[]).await;
    let mail = app.state.mail.clone();
    let days = app.state.settings.requests.followup_days;
    assert_eq!(days, 21);
    let run = |at| app.db(|c| run_due_followups(c, &mail, days, at).unwrap());
    // Days are counted from the instant the request was resolved, not from the clock.
    let resolved: NaiveDateTime = app.db(|c| {
        requests::table
            .find(id)
            .select(requests::resolved_at.assume_not_null())
            .first(c)
            .unwrap()
    });
    assert_eq!(run(resolved + Duration::days(20)), 0, "too early");
    let at = resolved + Duration::days(22);
    assert_eq!(run(at), 1);
    assert_eq!(run(at), 0, "asked once");
    let asked = mails(&app, "request_followup");
    assert_eq!(asked.len(), 1);
    let body = &asked[0].2;
    let start = body.find("/requests/followup/").unwrap();
    let link: String = body[start..].split_whitespace().next().unwrap().to_owned();
    assert!(link.ends_with("?answer=yes"));
    let token = link
        .trim_start_matches("/requests/followup/")
        .trim_end_matches("?answer=yes")
        .to_owned();
    assert!(token.len() >= 32);
    // No sign-in needed: a fresh client answers.
    let tenant_client = app.client();
    let (status, page) = tenant_client
        .get_text(&format!("/requests/followup/{token}?answer=no"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("vraiment réglé"));
    let res = tenant_client
        .post_form(&format!("/requests/followup/{token}"), &[("answer", "no")])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(state_of(&app, id).0, "in_progress");
    let reopened = mails(&app, "request_reopened");
    assert_eq!(reopened.len(), 1);
    assert_eq!(reopened[0].0, "entretien@oh.example.org");
    // Answering twice changes nothing more.
    tenant_client
        .post_form(&format!("/requests/followup/{token}"), &[("answer", "no")])
        .await;
    assert_eq!(mails(&app, "request_reopened").len(), 1);
    assert_eq!(
        tenant_client
            .get("/requests/followup/guessed-token-0000000000000000000000000000")
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let answer: String = app.db(|c| {
        requests::table
            .find(id)
            .select(requests::followup_answer)
            .first(c)
            .unwrap()
    });
    assert_eq!(answer, "no");
}
