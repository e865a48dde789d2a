//! Consent that keeps its history: recorded by administrators and ISCs through the page and the
//! API, never erased by a withdrawal, expiring when asked to; nobody else sees it.

use diesel::prelude::*;
use passerelle::db::schema::{consent_events, tenants};
use passerelle::domain::consent::{Decision, Purpose};
use passerelle::domain::ids::TenantId;
use passerelle::privacy::consents::{self, ConsentState};
use reqwest::StatusCode;
use serde_json::json;

use super::{day, tenant, world, NewTenant};
use crate::helpers::json_of;

#[actix_web::test]
async fn an_isc_records_consent_given_then_withdrawn_and_the_history_keeps_both() {
    let w = world("Office d'habitation de Joliette").await;
    let t = tenant(
        &w.app,
        NewTenant {
            office_id: w.admin.office_id,
            building_id: w.building,
            ..Default::default()
        },
    );
    let isc = w.app.login(&w.isc).await;
    let path = format!("/privacy/tenants/{t}/consents");
    let given = [
        ("purpose", "contact_sms"),
        ("decision", "given"),
        ("how", "phone"),
        ("note", "Préfère les textos le soir"),
    ];
    let res = isc.post_form(&path, &given).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let sms_at: Option<chrono::NaiveDateTime> = w.app.db(|c| {
        tenants::table
            .find(t)
            .select(tenants::consent_sms_at)
            .first(c)
            .unwrap()
    });
    assert!(
        sms_at.is_some(),
        "the registry's channel follows the history"
    );
    let withdrawn = [
        ("purpose", "contact_sms"),
        ("decision", "withdrawn"),
        ("how", "in_person"),
    ];
    assert_eq!(
        isc.post_form(&path, &withdrawn).await.status(),
        StatusCode::SEE_OTHER
    );

    let current = w
        .app
        .db(|c| consents::current(c, TenantId(t), Purpose::ContactSms).unwrap())
        .unwrap();
    assert_eq!(current.state, ConsentState::Withdrawn);
    let history = w.app.db(|c| consents::history(c, TenantId(t)).unwrap());
    let decisions: Vec<_> = history.iter().map(|l| l.event.decision).collect();
    assert_eq!(decisions, [Decision::Withdrawn, Decision::Given]);
    assert_eq!(history[1].recorded_by_name, "Personne isc");
    let sms_at: Option<chrono::NaiveDateTime> = w.app.db(|c| {
        tenants::table
            .find(t)
            .select(tenants::consent_sms_at)
            .first(c)
            .unwrap()
    });
    assert_eq!(sms_at, None);

    let (status, page) = isc.get_text(&format!("/privacy/tenants/{t}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Préfère les textos le soir"));
    assert!(page.contains("Consentement retiré") && page.contains("Consentement donné"));
    assert!(page.contains("Retiré"), "the current state is shown");
    assert!(page.contains("Qui a consulté ce dossier"));
    assert!(
        !page.contains("/export.zip"),
        "only administrators download archives"
    );
}

#[actix_web::test]
async fn a_consent_form_with_mistakes_is_shown_again_with_its_messages_and_nothing_is_written() {
    let w = world("Office d'habitation de Sorel").await;
    let t = tenant(
        &w.app,
        NewTenant {
            office_id: w.admin.office_id,
            building_id: w.building,
            ..Default::default()
        },
    );
    let admin = w.app.login(&w.admin).await;
    let bad = [
        ("purpose", "referral"),
        ("decision", "given"),
        ("how", "email_link"),
        ("expires_on", "2001-01-01"),
    ];
    let res = admin
        .post_form(&format!("/privacy/tenants/{t}/consents"), &bad)
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(page.contains("Le formulaire contient des erreurs"));
    assert!(page.contains("aria-invalid=\"true\""));
    assert!(
        page.contains("La date d&#x27;expiration doit être après aujourd&#x27;hui."),
        "{page}"
    );
    let n: i64 = w
        .app
        .db(|c| consent_events::table.count().get_result(c).unwrap());
    assert_eq!(n, 0);
}

#[actix_web::test]
async fn the_api_records_and_lists_consents_with_a_named_partner_for_a_referral() {
    let w = world("Office d'habitation de Granby").await;
    let t = tenant(
        &w.app,
        NewTenant {
            office_id: w.admin.office_id,
            building_id: w.building,
            consent_email: true,
            email: "lucie@example.org",
            ..Default::default()
        },
    );
    let api = w.app.api(&w.isc).await;
    let path = format!("/api/v1/privacy/tenants/{t}/consents");
    let body = json!({"purpose": "referral", "partner": "CLSC de la Haute-Yamaska",
        "decision": "given", "how": "in_person", "expires_on": "2099-12-31"});
    let made = json_of(api.post(&path, &body).await, StatusCode::CREATED).await;
    assert_eq!(made["partner"], "CLSC de la Haute-Yamaska");
    assert_eq!(made["by_tenant"], false);
    let bad = json!({"purpose": "photos", "partner": "x", "decision": "maybe", "how": "form"});
    let problem = json_of(
        api.post(&path, &bad).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let fields: Vec<_> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(fields, ["decision", "partner"]);

    let listed = json_of(api.get(&path).await, StatusCode::OK).await;
    let current = listed["current"].as_array().unwrap();
    assert_eq!(current.len(), 2);
    assert_eq!(current[0]["purpose"], "contact_email");
    assert_eq!(current[1]["purpose"], "referral");
    assert_eq!(current[1]["state"], "given");
    assert_eq!(listed["history"].as_array().unwrap().len(), 2);
    let referral = w.app.db(|c| {
        consents::current_on(
            c,
            TenantId(t),
            Purpose::Referral,
            "CLSC de la Haute-Yamaska",
            day(2100, 1, 1),
        )
        .unwrap()
    });
    assert_eq!(referral.unwrap().state, ConsentState::Expired);
}

#[actix_web::test]
async fn an_expired_contact_consent_stops_the_channel_once() {
    let w = world("Office d'habitation de Mirabel").await;
    let t = tenant(
        &w.app,
        NewTenant {
            office_id: w.admin.office_id,
            building_id: w.building,
            email: "paul@example.org",
            ..Default::default()
        },
    );
    let api = w.app.api(&w.admin).await;
    let body = json!({"purpose": "contact_email", "decision": "given", "how": "form",
        "expires_on": (passerelle::web::format::today() + chrono::Days::new(10)).to_string()});
    let path = format!("/api/v1/privacy/tenants/{t}/consents");
    json_of(api.post(&path, &body).await, StatusCode::CREATED).await;
    let later = passerelle::web::format::today() + chrono::Days::new(11);
    let mirror = |app: &crate::helpers::TestApp| -> Option<chrono::NaiveDateTime> {
        app.db(|c| {
            tenants::table
                .find(t)
                .select(tenants::consent_email_at)
                .first(c)
                .unwrap()
        })
    };
    assert!(mirror(&w.app).is_some());
    let stopped = w.app.db(|c| consents::service::expire(c, later).unwrap());
    assert_eq!(stopped, 1);
    assert_eq!(mirror(&w.app), None);
    assert_eq!(
        w.app.db(|c| consents::service::expire(c, later).unwrap()),
        0
    );
}

#[actix_web::test]
async fn only_administrators_and_iscs_of_the_office_see_consents() {
    let w = world("Office d'habitation de Terrebonne").await;
    let t = tenant(
        &w.app,
        NewTenant {
            office_id: w.admin.office_id,
            building_id: w.building,
            ..Default::default()
        },
    );
    for role in ["staff", "committee", "tenant"] {
        let user = w.app.user(w.admin.office_id, role);
        let client = w.app.login(&user).await;
        let res = client.get(&format!("/privacy/tenants/{t}")).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{role}");
        let res = client
            .post_form(
                &format!("/privacy/tenants/{t}/consents"),
                &[("purpose", "photos")],
            )
            .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{role}");
        let api = w.app.api(&user).await;
        let res = api
            .get(&format!("/api/v1/privacy/tenants/{t}/consultations"))
            .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{role}");
    }
    let other = w.app.office("Office d'habitation de Blainville");
    let stranger = w.app.login(&other).await;
    let res = stranger.get(&format!("/privacy/tenants/{t}")).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let api = w.app.api(&other).await;
    let res = api
        .post(
            &format!("/api/v1/privacy/tenants/{t}/consents"),
            &json!({"purpose": "photos", "decision": "given", "how": "form"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let n: i64 = w
        .app
        .db(|c| consent_events::table.count().get_result(c).unwrap());
    assert_eq!(n, 0);
}

#[actix_web::test]
async fn consents_written_only_in_the_registry_columns_get_their_first_event_once() {
    let w = world("Office d'habitation de Lévis").await;
    let office = w.admin.office_id;
    let t = tenant(
        &w.app,
        NewTenant {
            office_id: office,
            building_id: w.building,
            ..Default::default()
        },
    );
    let at = passerelle::db::now();
    w.app.db(|c| {
        diesel::update(tenants::table.find(t))
            .set((
                tenants::consent_phone_at.eq(Some(at)),
                tenants::consent_sms_at.eq(Some(at)),
            ))
            .execute(c)
            .unwrap()
    });
    let written = w
        .app
        .db(|c| consents::service::adopt_registry_consents(c).unwrap());
    assert_eq!(written, 2);
    assert_eq!(
        w.app
            .db(|c| consents::service::adopt_registry_consents(c).unwrap()),
        0
    );
    let phone = w
        .app
        .db(|c| consents::current(c, TenantId(t), Purpose::ContactPhone).unwrap());
    let phone = phone.unwrap();
    assert!(phone.is_given());
    assert_eq!(phone.since, at);
}
