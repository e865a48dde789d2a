//! The mail outbox: messages written with the change that causes them, delivered by the worker over
//! real SMTP, kept through an outage, sent once even by two instances, retried by an administrator.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use diesel::prelude::*;
use passerelle::db::schema::outbox;
use passerelle::domain::ids::OfficeId;
use passerelle::email::{Enqueued, Outgoing, Recipient};
use passerelle::i18n::Lang;
use passerelle::startup::Application;
use reqwest::StatusCode;

use crate::helpers::{spawn_app_with, TestApp};
use crate::smtp::TestSmtp;

/// Polls `check` until it holds (up to 20 s, a liveness bound, not a speed requirement).
async fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !check() {
        assert!(Instant::now() < deadline, "never happened: {what}");
        actix_web::rt::time::sleep(Duration::from_millis(25)).await;
    }
}

fn statuses(app: &TestApp) -> Vec<(String, i32, String)> {
    app.db(|c| {
        outbox::table
            .order(outbox::id)
            .select((outbox::status, outbox::attempts, outbox::last_error))
            .load(c)
            .unwrap()
    })
}

/// Enqueues `n` test messages for `office` in one transaction, as a capability would.
fn enqueue_many(app: &TestApp, office: i64, n: usize) {
    let mail_composer = app.state.mail.clone();
    app.db(|c| {
        passerelle::db::write_tx(c, |c| {
            for i in 0..n {
                let to = Recipient {
                    address: format!("locataire{i}@example.org"),
                    name: format!("Hélène Côté {i}"),
                    lang: Lang::Fr,
                };
                let mail = Outgoing {
                    office_id: Some(OfficeId(office)),
                    template: "test_message",
                    to,
                    context: &serde_json::json!({}),
                    dedup_key: None,
                };
                mail_composer.send(c, mail)?;
            }
            Ok::<_, passerelle::error::AppError>(())
        })
        .unwrap()
    });
}

#[actix_web::test]
async fn an_administrators_test_message_arrives_over_smtp_in_their_language_with_accents_intact() {
    let smtp = TestSmtp::up();
    let app = spawn_app_with(|s| smtp.configure(s)).await;
    let admin = app.office("Office d'habitation Sainte-Thérèse & Laurentides");
    let client = app.login(&admin).await;

    let res = client.post_form("/outbox/test", &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    let got = smtp.wait_for(1).await;
    assert_eq!(got.len(), 1);
    let mail = &got[0];
    assert_eq!(mail.to, vec![admin.email.clone()]);
    assert_eq!(
        mail.subject(),
        "Message d'essai de Office d'habitation Sainte-Thérèse & Laurentides"
    );
    assert!(mail
        .text()
        .contains("Ce message confirme que l'envoi des courriels"));
    assert!(mail
        .text()
        .contains("envoyé par Office d'habitation Sainte-Thérèse & Laurentides"));
    assert!(mail.html().contains("Sainte-Thérèse &amp; Laurentides"));
    assert_eq!(mail.reply_to(), "office@example.org");
    eventually("the message is marked sent", || {
        statuses(&app).iter().all(|(s, ..)| s == "sent")
    })
    .await;

    let (status, page) = client.get_text("/outbox?status=sent").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Message d&#x27;essai de Office"), "{page}");
}

#[actix_web::test]
async fn mail_waits_through_an_smtp_outage_and_then_arrives_exactly_once() {
    let mut smtp = TestSmtp::down();
    let app = spawn_app_with(|s| {
        smtp.configure(s);
        s.mail.retry_base_ms = 50;
        s.mail.max_attempts = 30;
    })
    .await;
    let admin = app.office("Office municipal d'habitation de Montréal");
    let client = app.login(&admin).await;

    // The server is down: the action still succeeds, the mail waits.
    for _ in 0..3 {
        let res = client.post_form("/outbox/test", &[]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
    }
    eventually("every message failed twice and still waits", || {
        let rows = statuses(&app);
        rows.len() == 3
            && rows
                .iter()
                .all(|(s, attempts, err)| s == "pending" && *attempts >= 2 && !err.is_empty())
    })
    .await;
    assert!(smtp.received().is_empty());

    smtp.start();
    let got = smtp.wait_for(3).await;
    eventually("every message is marked sent", || {
        statuses(&app).iter().all(|(s, ..)| s == "sent")
    })
    .await;
    // Give a duplicate every chance to show up before counting.
    actix_web::rt::time::sleep(Duration::from_millis(300)).await;
    let got_after = smtp.received();
    assert_eq!(got_after.len(), 3, "each message exactly once");
    let ids: BTreeSet<_> = got.iter().map(|m| m.message_id()).collect();
    assert_eq!(ids.len(), 3);
    assert!(got[0].subject().contains("Montréal"));
}

#[actix_web::test]
async fn after_its_last_attempt_a_message_is_failed_until_an_administrator_retries_it() {
    let mut smtp = TestSmtp::down();
    let app = spawn_app_with(|s| {
        smtp.configure(s);
        s.mail.retry_base_ms = 20;
        s.mail.max_attempts = 2;
    })
    .await;
    let admin = app.office("Office de Rimouski");
    let client = app.login(&admin).await;
    client.post_form("/outbox/test", &[]).await;
    eventually("the message is marked failed", || {
        statuses(&app)
            .first()
            .is_some_and(|(s, a, _)| s == "failed" && *a == 2)
    })
    .await;
    let id: i64 = app.db(|c| outbox::table.select(outbox::id).first(c).unwrap());

    // The administrator sees it among the failures, with the reason.
    let (_, page) = client.get_text("/outbox?status=failed").await;
    assert!(page.contains(&format!("/outbox/{id}")));
    let (_, detail) = client.get_text(&format!("/outbox/{id}")).await;
    assert!(detail.contains(&format!("/outbox/{id}/retry")));

    // Another office's administrator does not see it at all.
    let other = app.office("Office de Gaspé");
    let stranger = app.login(&other).await;
    let res = stranger.get(&format!("/outbox/{id}")).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = stranger
        .post_form(&format!("/outbox/{id}/retry"), &[])
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    smtp.start();
    let res = client.post_form(&format!("/outbox/{id}/retry"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(smtp.wait_for(1).await.len(), 1);
    eventually("the retried message is sent", || {
        statuses(&app).first().is_some_and(|(s, ..)| s == "sent")
    })
    .await;
    // Only a failed message can be retried: a sent one is not sent again.
    let res = client.post_form(&format!("/outbox/{id}/retry"), &[]).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    actix_web::rt::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(smtp.received().len(), 1);
}

#[actix_web::test]
async fn two_instances_sharing_one_database_send_each_message_once() {
    let smtp = TestSmtp::up();
    let app = spawn_app_with(|s| {
        smtp.configure(s);
        s.mail.batch_size = 4;
        s.mail.poll_interval_ms = 10;
    })
    .await;
    let second = Application::build((*app.state.settings).clone())
        .await
        .expect("a second instance on the same database");
    actix_web::rt::spawn(second.run_until_stopped());
    let admin = app.office("Office régional");

    enqueue_many(&app, admin.office_id, 60);

    let got = smtp.wait_for(60).await;
    eventually("all 60 are marked sent", || {
        statuses(&app).iter().filter(|(s, ..)| s == "sent").count() == 60
    })
    .await;
    actix_web::rt::time::sleep(Duration::from_millis(300)).await;
    let got_after = smtp.received();
    assert_eq!(got_after.len(), 60, "no message sent twice");
    let recipients: BTreeSet<_> = got.iter().flat_map(|m| m.to.clone()).collect();
    assert_eq!(recipients.len(), 60);
}

#[actix_web::test]
async fn a_message_with_a_deduplication_key_is_enqueued_once() {
    let app = spawn_app_with(|s| s.mail.worker = false).await;
    let admin = app.office("Office de Laval");
    let composer = app.state.mail.clone();
    let results: Vec<Enqueued> = (0..2)
        .map(|_| {
            app.db(|c| {
                let mail = Outgoing {
                    office_id: Some(OfficeId(admin.office_id)),
                    template: "test_message",
                    to: Recipient {
                        address: "a@example.org".into(),
                        name: String::new(),
                        lang: Lang::En,
                    },
                    context: &serde_json::json!({}),
                    dedup_key: Some("reminder:1:2".into()),
                };
                composer.send(c, mail).unwrap()
            })
        })
        .collect();
    assert!(matches!(results[0], Enqueued::Queued(_)));
    assert_eq!(results[1], Enqueued::AlreadyQueued);
    let subjects: Vec<String> = app.db(|c| outbox::table.select(outbox::subject).load(c).unwrap());
    assert_eq!(
        subjects,
        vec!["Test message from Office de Laval".to_owned()]
    );
}

#[actix_web::test]
async fn in_development_messages_are_written_to_files_instead_of_sent() {
    let app = spawn_app_with(|_| {}).await;
    let admin = app.office("Office de Sherbrooke");
    let client = app.login(&admin).await;
    client.post_form("/outbox/test", &[]).await;
    let dir = app.mail_dir.path().to_owned();
    eventually("a message file is written", || {
        std::fs::read_dir(&dir).is_ok_and(|d| d.count() == 1)
    })
    .await;
    let file = std::fs::read_dir(&dir).unwrap().next().unwrap().unwrap();
    let raw = std::fs::read(file.path()).unwrap();
    let parsed = mail_parser::MessageParser::default().parse(&raw).unwrap();
    assert_eq!(
        parsed.subject(),
        Some("Message d'essai de Office de Sherbrooke")
    );
}

#[actix_web::test]
async fn only_administrators_see_the_outbox() {
    let app = spawn_app_with(|_| {}).await;
    let admin = app.office("Office de Lévis");
    let isc = app.user(admin.office_id, "isc");
    let client = app.login(&isc).await;
    assert_eq!(client.get("/outbox").await.status(), StatusCode::FORBIDDEN);
    let res = client.post_form("/outbox/test", &[]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[actix_web::test]
async fn routing_a_request_delivers_the_department_notice_and_the_tenants_update_over_smtp() {
    use crate::requests::{record, step, tenant, world, NewTenant};
    let smtp = TestSmtp::up();
    let app = spawn_app_with(|s| smtp.configure(s)).await;
    let w = world(&app, "Office d'habitation de Trois-Rivières");
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
    let isc = app.login(&w.isc).await;
    assert_eq!(step(&isc, id, 1, "route", &[]).await, StatusCode::SEE_OTHER);

    let got = smtp.wait_for(2).await;
    assert_eq!(got.len(), 2);
    let to_department = got
        .iter()
        .find(|m| m.to == vec!["entretien@oh.example.org".to_owned()])
        .expect("the department is told");
    assert!(to_department
        .subject()
        .starts_with(&format!("Demande n° {id} transmise")));
    let to_tenant = got
        .iter()
        .find(|m| m.to == vec!["helene@example.org".to_owned()])
        .expect("the tenant is told");
    assert!(to_tenant
        .subject()
        .starts_with(&format!("Votre demande n° {id}")));
    assert!(to_tenant.text().contains("Elle est maintenant"));
    assert!(to_tenant.text().contains("Trois-Rivières"));
}
