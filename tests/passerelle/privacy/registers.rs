//! The incident register and the access-request register: administrators' pages, API and CSV,
//! the 20-day deadline and overdue requests, bad input answered with messages.

use reqwest::StatusCode;
use serde_json::json;

use super::{tenant, world, NewTenant};
use crate::helpers::json_of;

#[actix_web::test]
async fn an_administrator_records_changes_exports_and_deletes_an_incident() {
    let w = world("Office d'habitation de Shawinigan").await;
    let admin = w.app.login(&w.admin).await;
    let fields = [
        (
            "summary",
            "=Liste de locataires envoyée au mauvais destinataire",
        ),
        ("discovered_on", "2026-03-02"),
        ("occurred_on", "2026-03-01"),
        ("information", "Noms et numéros de logement de 12 ménages"),
        ("people_affected", "12"),
        ("risk", "medium"),
        (
            "measures",
            "Rappel du courriel; destinataire a confirmé la suppression",
        ),
    ];
    let res = admin.post_form("/privacy/incidents", &fields).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (status, list) = admin.get_text("/privacy/incidents").await;
    assert_eq!(status, StatusCode::OK);
    assert!(list.contains("2 mars 2026") && list.contains("Moyen"));
    let api = w.app.api(&w.admin).await;
    let all = json_of(api.get("/api/v1/privacy/incidents").await, StatusCode::OK).await;
    let id = all["items"][0]["id"].as_i64().unwrap();
    assert_eq!(all["items"][0]["people_affected"], 12);

    let change = json!({"summary": "Liste envoyée au mauvais destinataire", "discovered_on": "2026-03-02",
        "information": "Noms", "people_affected": 12, "risk": "serious",
        "commission_notified_on": "2026-03-03", "people_notified_on": "2026-03-04"});
    let changed = json_of(
        api.put(&format!("/api/v1/privacy/incidents/{id}"), &change)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(changed["risk"], "serious");
    assert_eq!(changed["commission_notified_on"], "2026-03-03");

    let csv = admin
        .get("/privacy/incidents.csv")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        csv.contains("Sérieux") && csv.contains("2026-03-04"),
        "{csv}"
    );
    let res = admin
        .post_form(&format!("/privacy/incidents/{id}/delete"), &[])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = api.get(&format!("/api/v1/privacy/incidents/{id}")).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn an_incident_that_makes_no_sense_is_refused_field_by_field() {
    let w = world("Office d'habitation de Louiseville").await;
    let admin = w.app.login(&w.admin).await;
    let fields = [
        ("summary", ""),
        ("discovered_on", "2026-03-02"),
        ("occurred_on", "2026-03-05"),
        ("information", "Noms"),
        ("people_affected", "beaucoup"),
        ("commission_notified_on", "2026-03-01"),
    ];
    let res = admin.post_form("/privacy/incidents", &fields).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(
        page.contains("L&#x27;incident ne peut pas survenir après sa découverte."),
        "{page}"
    );
    let api = w.app.api(&w.admin).await;
    let body = json!({"summary": "x", "discovered_on": "2999-01-01", "information": "y",
        "people_affected": -1, "risk": "apocalyptic"});
    let problem = json_of(
        api.post("/api/v1/privacy/incidents", &body).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let fields: Vec<_> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(fields, ["discovered_on", "people_affected", "risk"]);
}

#[actix_web::test]
async fn access_requests_carry_a_twenty_day_deadline_and_overdue_ones_are_marked() {
    let w = world("Office d'habitation de Nicolet").await;
    let t = tenant(
        &w.app,
        NewTenant {
            office_id: w.admin.office_id,
            building_id: w.building,
            ..Default::default()
        },
    );
    let api = w.app.api(&w.admin).await;
    let old = json!({"received_on": "2026-01-05", "requester": "Hélène Côté", "tenant_id": t,
        "kind": "access", "details": "Copie de son dossier"});
    let made = json_of(
        api.post("/api/v1/privacy/access-requests", &old).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(made["due_on"], "2026-01-25");
    assert_eq!(made["status"], "received");
    assert_eq!(made["overdue"], true);
    let today = passerelle::web::format::today().to_string();
    let fresh = json!({"received_on": today, "requester": "Paul Roy", "kind": "rectification"});
    let fresh = json_of(
        api.post("/api/v1/privacy/access-requests", &fresh).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(fresh["overdue"], false);

    let admin = w.app.login(&w.admin).await;
    let (_, page) = admin.get_text("/privacy/access-requests").await;
    assert!(page.contains("En retard") && page.contains("25 janvier 2026"));
    assert!(page.contains(&format!("/privacy/tenants/{t}")));
    let (_, hub) = admin.get_text("/privacy").await;
    assert!(
        hub.contains("Une demande d&#x27;accès a dépassé son délai"),
        "{hub}"
    );

    let id = made["id"].as_i64().unwrap();
    let answered = [
        ("received_on", "2026-01-05"),
        ("requester", "Hélène Côté"),
        ("tenant_id", &t.to_string()),
        ("kind", "access"),
        ("status", "answered"),
        ("answered_on", "2026-01-20"),
    ];
    let res = admin
        .post_form(&format!("/privacy/access-requests/{id}"), &answered)
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let csv = admin
        .get("/privacy/access-requests.csv")
        .await
        .text()
        .await
        .unwrap();
    assert!(csv.starts_with("numero,recue_le,demandeur"));
    assert!(csv.contains("Répondue,2026-01-20,Non"), "{csv}");

    let missing_answer = [
        ("received_on", "2026-01-05"),
        ("requester", "X"),
        ("kind", "access"),
        ("status", "refused"),
    ];
    let res = admin
        .post_form("/privacy/access-requests", &missing_answer)
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let other = w.app.office("Office d'habitation de Bécancour");
    let theirs = w.app.api(&other).await;
    let res = theirs
        .get(&format!("/api/v1/privacy/access-requests/{id}"))
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let foreign =
        json!({"received_on": "2026-01-05", "requester": "X", "kind": "access", "tenant_id": t});
    let res = theirs
        .post("/api/v1/privacy/access-requests", &foreign)
        .await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "another office's tenant is unknown"
    );
}

#[actix_web::test]
async fn the_registers_and_the_hub_are_for_administrators_only() {
    let w = world("Office d'habitation de Drummondville").await;
    let isc = w.app.login(&w.isc).await;
    for path in [
        "/privacy",
        "/privacy/incidents",
        "/privacy/incidents/new",
        "/privacy/incidents.csv",
        "/privacy/access-requests",
        "/privacy/access-requests/new",
        "/privacy/access-requests.csv",
        "/privacy/officer",
    ] {
        assert_eq!(
            isc.get(path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let api = w.app.api(&w.isc).await;
    for path in [
        "/api/v1/privacy/incidents",
        "/api/v1/privacy/access-requests",
    ] {
        assert_eq!(
            api.get(path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
}
