//! A tenant's file and who sees it: every read of it (page, API, the list's CSV export with its row
//! count) is written to the access log and the tenant's page shows who consulted it; the form's
//! consent boxes are recorded as consent events, a withdrawal never erasing the history.

use diesel::prelude::*;
use passerelle::access::log::{Channel, RecordKind};
use passerelle::db::schema::{access_log, consent_events};
use passerelle::domain::consent::{Decision, Purpose};
use reqwest::StatusCode;
use serde_json::json;

use super::{dwelling, tenant_in};
use crate::helpers::{building, json_of, spawn_app, TestApp};

/// (channel, record id, row count) of the tenant reads logged for `user_id`, in order.
fn reads_of(app: &TestApp, user_id: i64) -> Vec<(Channel, Option<i64>, i32)> {
    app.db(|c| {
        access_log::table
            .filter(access_log::user_id.eq(user_id))
            .filter(access_log::record_kind.eq(RecordKind::Tenant))
            .order(access_log::id.asc())
            .select((
                access_log::channel,
                access_log::record_id,
                access_log::row_count,
            ))
            .load(c)
    })
    .unwrap()
}

fn first_tenant(app: &TestApp, office: i64) -> i64 {
    use passerelle::db::schema::tenants;
    app.db(|c| {
        tenants::table
            .filter(tenants::office_id.eq(office))
            .select(tenants::id)
            .first(c)
    })
    .unwrap()
}

#[actix_web::test]
async fn reads_of_a_tenants_file_are_logged_and_its_page_shows_who_consulted_it() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let isc = app.user(admin.office_id, "isc");
    let b = building(&app, admin.office_id, "Les Pins");
    for n in ["1", "2", "3"] {
        let d = dwelling(&app, admin.office_id, b, n);
        tenant_in(&app, admin.office_id, d);
    }
    let t = first_tenant(&app, admin.office_id);

    let browser = app.login(&isc).await;
    let (status, _) = browser.get_text(&format!("/tenants/{t}")).await;
    assert_eq!(status, StatusCode::OK);
    let api = app.api(&isc).await;
    json_of(
        api.get(&format!("/api/v1/tenants/{t}")).await,
        StatusCode::OK,
    )
    .await;
    let (status, csv) = browser.get_text("/tenants.csv").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(csv.lines().count(), 4);
    assert_eq!(
        reads_of(&app, isc.id),
        [
            (Channel::Page, Some(t), 1),
            (Channel::Api, Some(t), 1),
            (Channel::Csv, None, 3),
        ]
    );

    // The administrator's page of that tenant lists the consultations, this one included.
    let admin_browser = app.login(&admin).await;
    let (status, page) = admin_browser.get_text(&format!("/tenants/{t}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Qui a consulté ce dossier"), "{page}");
    assert!(page.contains("Personne isc"), "the ISC's visit is shown");
    assert!(page.contains("Personne admin"), "and this one");
    assert!(page.contains("(3 en tout)"), "{page}");
}

#[actix_web::test]
async fn the_forms_consent_boxes_are_recorded_as_events_and_unticking_records_a_withdrawal() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let isc = app.user(admin.office_id, "isc");
    let b = building(&app, admin.office_id, "Les Pins");
    let d = dwelling(&app, admin.office_id, b, "101");
    let d_text = d.to_string();
    let browser = app.login(&isc).await;
    let mut fields = vec![
        ("dwelling_id", d_text.as_str()),
        ("first_name", "Hélène"),
        ("last_name", "Côté"),
        ("email", "helene@example.org"),
        ("phone", "514 555-0101"),
        ("consent_email", "on"),
        ("consent_sms", "on"),
    ];
    let res = browser.post_form("/tenants", &fields).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let t = first_tenant(&app, admin.office_id);
    let events = |app: &TestApp| -> Vec<(Purpose, Decision, Option<i64>)> {
        app.db(|c| {
            consent_events::table
                .filter(consent_events::tenant_id.eq(t))
                .order(consent_events::id.asc())
                .select((
                    consent_events::purpose,
                    consent_events::decision,
                    consent_events::recorded_by,
                ))
                .load(c)
        })
        .unwrap()
    };
    assert_eq!(
        events(&app),
        [
            (Purpose::ContactEmail, Decision::Given, Some(isc.id)),
            (Purpose::ContactSms, Decision::Given, Some(isc.id)),
        ]
    );

    // Saved again unchanged: nothing new. Unticking email: a withdrawal, the history kept.
    let res = browser.post_form(&format!("/tenants/{t}"), &fields).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(events(&app).len(), 2);
    fields.retain(|(k, _)| *k != "consent_email");
    let res = browser.post_form(&format!("/tenants/{t}"), &fields).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        events(&app),
        [
            (Purpose::ContactEmail, Decision::Given, Some(isc.id)),
            (Purpose::ContactSms, Decision::Given, Some(isc.id)),
            (Purpose::ContactEmail, Decision::Withdrawn, Some(isc.id)),
        ]
    );

    // The API the same way: true gives, false withdraws, left out stays.
    let api = app.api(&admin).await;
    let body = json!({"dwelling_id": d, "first_name": "Hélène", "last_name": "Côté",
        "phone": "514 555-0101", "consent_phone": true, "consent_sms": false});
    json_of(
        api.put(&format!("/api/v1/tenants/{t}"), &body).await,
        StatusCode::OK,
    )
    .await;
    let after = events(&app);
    assert_eq!(after.len(), 5);
    assert_eq!(
        after[3..],
        [
            (Purpose::ContactPhone, Decision::Given, Some(admin.id)),
            (Purpose::ContactSms, Decision::Withdrawn, Some(admin.id)),
        ]
    );
}

#[actix_web::test]
async fn the_office_settings_name_the_privacy_officer() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let browser = app.login(&admin).await;
    let (status, page) = browser.get_text("/office").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("name=\"privacy_officer_name\""), "{page}");
    let office = [
        ("name", "OH Test"),
        ("region", "Laurentides"),
        ("contact_email", "office@example.org"),
        ("contact_phone", ""),
    ];
    let mut fields = office.to_vec();
    fields.extend([
        ("privacy_officer_name", "Marie Gagnon"),
        ("privacy_officer_email", ""),
        ("privacy_officer_phone", ""),
    ]);
    let res = browser.post_form("/office", &fields).await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a contact is needed"
    );
    let page = res.text().await.unwrap();
    assert!(page.contains("value=\"Marie Gagnon\""));

    fields.retain(|(k, _)| *k != "privacy_officer_email");
    fields.push(("privacy_officer_email", "prp@example.org"));
    let res = browser.post_form("/office", &fields).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let officer = app
        .db(|c| {
            passerelle::privacy::officer::stored(
                c,
                passerelle::domain::ids::OfficeId(admin.office_id),
            )
        })
        .unwrap();
    assert_eq!(
        (officer.name.as_str(), officer.email.as_str()),
        ("Marie Gagnon", "prp@example.org")
    );

    // The office's own fields alone leave the officer as named.
    let res = browser.post_form("/office", &office).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let officer = app
        .db(|c| {
            passerelle::privacy::officer::stored(
                c,
                passerelle::domain::ids::OfficeId(admin.office_id),
            )
        })
        .unwrap();
    assert_eq!(officer.name, "Marie Gagnon");
}
