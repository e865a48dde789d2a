//! One-click withdrawal from every email to a tenant: a real message over SMTP carries a signed
//! link and the List-Unsubscribe headers; following the link (no sign-in) records the withdrawal
//! once, in the tenant's language, and the next message is not written at all.

use diesel::prelude::*;
use passerelle::db::schema::{consent_events, office_privacy, outbox};
use passerelle::domain::consent::{Decision, How, Purpose};
use passerelle::domain::ids::{OfficeId, TenantId};
use passerelle::email::{Enqueued, Outgoing, Recipient, TenantMail};
use passerelle::i18n::Lang;
use passerelle::privacy::consents::{self, ConsentState};
use reqwest::StatusCode;

use super::{tenant, world_in, NewTenant};
use crate::helpers::spawn_app_with;
use crate::smtp::TestSmtp;

fn send(w: &super::World, t: i64) -> Enqueued {
    let composer = w.app.state.mail.clone();
    let office = w.admin.office_id;
    w.app.db(|c| {
        passerelle::db::write_tx(c, |c| {
            let mail = Outgoing {
                office_id: Some(OfficeId(office)),
                template: "test_message",
                to: Recipient {
                    address: "sam.tremblay@example.org".into(),
                    name: "Sam Tremblay".into(),
                    lang: Lang::En,
                },
                context: &serde_json::json!({}),
                dedup_key: None,
            };
            composer.send_to_tenant(c, TenantMail::email(TenantId(t)), mail)
        })
        .unwrap()
    })
}

/// The first `http…/consent/withdraw/…` address of `text`.
fn link_in(text: &str) -> String {
    let start = text.find("http").expect("a link");
    let rest = &text[start..];
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let link = &rest[..end];
    assert!(link.contains("/consent/withdraw/"), "{link}");
    link.to_owned()
}

#[actix_web::test]
async fn a_tenant_withdraws_email_consent_in_one_click_from_a_message_received_over_smtp() {
    let smtp = TestSmtp::up();
    let app = spawn_app_with(|s| smtp.configure(s)).await;
    let w = world_in(app, "Office d'habitation de Saint-Jérôme");
    let office = w.admin.office_id;
    w.app.db(|c| {
        diesel::update(office_privacy::table.find(office))
            .set((
                office_privacy::privacy_officer_name.eq("Josée Lavoie"),
                office_privacy::privacy_officer_email.eq("vie.privee@oh.example.org"),
            ))
            .execute(c)
            .unwrap()
    });
    let t = tenant(
        &w.app,
        NewTenant {
            office_id: office,
            building_id: w.building,
            first_name: "Sam",
            last_name: "Tremblay",
            email: "sam.tremblay@example.org",
            language: "en",
            consent_email: true,
            ..Default::default()
        },
    );
    assert!(matches!(send(&w, t), Enqueued::Queued(_)));

    let got = smtp.wait_for(1).await;
    assert_eq!(got.len(), 1);
    let mail = &got[0];
    let parsed = mail.parsed();
    let header = |name: &str| {
        parsed
            .header_raw(name)
            .unwrap_or_else(|| panic!("header {name}"))
            .trim()
            .to_owned()
    };
    assert_eq!(
        header("List-Unsubscribe-Post"),
        "List-Unsubscribe=One-Click"
    );
    let text = mail.text();
    assert!(text.contains("Josée Lavoie"), "{text}");
    assert!(
        text.contains("Withdraw your consent in one click"),
        "{text}"
    );
    let link = link_in(&text);
    let unsubscribe = header("List-Unsubscribe").replace(['\r', '\n', ' ', '\t'], "");
    assert_eq!(unsubscribe, format!("<{link}>"));
    assert!(mail.html().contains(&link));
    let path = link
        .split_once("/consent/")
        .map(|(_, p)| format!("/consent/{p}"))
        .unwrap();

    // Following the link shows one button and changes nothing (mail scanners open links).
    let browser = w.app.client();
    let (status, page) = browser.get_text(&path).await;
    assert_eq!(status, StatusCode::OK);
    let form = page
        .split("<form method=\"post\" action=\"/consent/withdraw/")
        .nth(1)
        .and_then(|rest| rest.split("</form>").next())
        .expect("the withdrawal form");
    assert!(form.contains("Withdraw my consent"));
    assert!(
        !form.contains("_csrf"),
        "no session needed: the signed link is the authority"
    );
    let given = w
        .app
        .db(|c| consents::current(c, TenantId(t), Purpose::ContactEmail).unwrap());
    assert!(given.unwrap().is_given());

    // The button: no cookie, no CSRF token; the signed link is the authority.
    let res = w.app.client().post_form_raw(&path, &[]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let page = res.text().await.unwrap();
    assert!(page.contains("Done: your consent"), "{page}");
    let now = w
        .app
        .db(|c| consents::current(c, TenantId(t), Purpose::ContactEmail).unwrap());
    assert_eq!(now.unwrap().state, ConsentState::Withdrawn);

    // A mail client's RFC 8058 one-click POST, and the button again: nothing more is written.
    let res = w
        .app
        .client()
        .post_form_raw(&path, &[("List-Unsubscribe", "One-Click")])
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.text().await.unwrap().contains("was already withdrawn"));
    let history = w.app.db(|c| consents::history(c, TenantId(t)).unwrap());
    assert_eq!(history.len(), 2);
    let last = &history[0].event;
    assert_eq!(
        (last.decision, last.how, last.by_tenant),
        (Decision::Withdrawn, How::EmailLink, true)
    );
    assert_eq!(last.recorded_by, None);

    // Honoured from the next message on: it is not even written.
    assert_eq!(send(&w, t), Enqueued::Withheld);
    let queued: i64 = w.app.db(|c| outbox::table.count().get_result(c).unwrap());
    assert_eq!(queued, 1);
    let withdrawn: i64 = w.app.db(|c| {
        consent_events::table
            .filter(consent_events::decision.eq("withdrawn"))
            .count()
            .get_result(c)
            .unwrap()
    });
    assert_eq!(withdrawn, 1);
}

#[actix_web::test]
async fn a_link_whose_signature_does_not_hold_changes_nothing() {
    let app = spawn_app_with(|s| s.mail.worker = false).await;
    let w = world_in(app, "Office d'habitation de Lachute");
    let t = tenant(
        &w.app,
        NewTenant {
            office_id: w.admin.office_id,
            building_id: w.building,
            email: "x@example.org",
            consent_email: true,
            ..Default::default()
        },
    );
    let good = w
        .app
        .state
        .mail
        .links()
        .withdrawal_token(TenantId(t), Purpose::ContactEmail);
    let forged = good.replacen(&format!("{t}."), &format!("{}.", t + 1), 1);
    for token in [forged.as_str(), "1.contact_email.00", "nonsense"] {
        let res = w
            .app
            .client()
            .post_form_raw(&format!("/consent/withdraw/{token}"), &[])
            .await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{token}");
    }
    let (status, page) = w
        .app
        .client()
        .get_text(&format!("/consent/withdraw/{good}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("Retirer mon consentement"),
        "French for a French-speaking tenant"
    );
    let n: i64 = w
        .app
        .db(|c| consent_events::table.count().get_result(c).unwrap());
    assert_eq!(n, 1);
}

#[actix_web::test]
async fn messages_that_are_not_to_a_tenant_carry_no_withdrawal_link() {
    let app = spawn_app_with(|s| s.mail.worker = false).await;
    let w = world_in(app, "Office d'habitation de Gatineau");
    let composer = w.app.state.mail.clone();
    let office = w.admin.office_id;
    w.app.db(|c| {
        let mail = Outgoing {
            office_id: Some(OfficeId(office)),
            template: "test_message",
            to: Recipient {
                address: "dg@example.org".into(),
                name: String::new(),
                lang: Lang::Fr,
            },
            context: &serde_json::json!({}),
            dedup_key: None,
        };
        composer.send(c, mail).unwrap()
    });
    let (text, header): (String, String) = w.app.db(|c| {
        outbox::table
            .select((outbox::body_text, outbox::list_unsubscribe))
            .first(c)
            .unwrap()
    });
    assert!(!text.contains("/consent/withdraw/"));
    assert_eq!(header, "");
}
