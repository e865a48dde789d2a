//! The pages: scheduling form, workshop and attendance pages with bounded queries, calendars,
//! secret iCalendar links, the lobby poster and the public registration page.

use diesel::prelude::*;
use passerelle::db::schema::{dwellings, tenants, workshop_registrations, workshop_sessions};
use passerelle::domain::ids::{OfficeId, TenantId, WorkshopId};
use passerelle::workshops::registrations::{register, NewRegistration};
use passerelle::workshops::{service, Channel, WorkshopInput};
use reqwest::StatusCode;
use serde_json::json;

use super::fixtures::{next_thursday, tenant, weekly, world, World};
use crate::helpers::json_of;

/// `n` weekly workshops of `weeks` sessions at an outside place (no room, no account facilitator,
/// so no clash), straight through the service, each with two registrations.
fn add_workshops(w: &World, n: usize, weeks: u32) {
    let actor = w.app.db(|c| crate::requests::actor(c, &w.isc));
    for i in 0..n {
        let input = WorkshopInput {
            title: Some(format!("Atelier {i}")),
            sub_activity: Some("ateliers_groupe".into()),
            building_id: Some(w.building.to_string()),
            place: Some("Parc Lafontaine".into()),
            capacity: Some("10".into()),
            outside_facilitators: Some("Julie Roy, CLSC".into()),
            start_date: Some(next_thursday().to_string()),
            start_time: Some(format!("{:02}:00", 8 + i % 12)),
            duration_minutes: Some("60".into()),
            frequency: Some("weekly".into()),
            weekdays: Some("0,3".into()),
            count: Some(weeks.to_string()),
            ..Default::default()
        };
        let data = input.validate(passerelle::web::format::today()).unwrap();
        let id = w.app.db(|c| {
            service::create(c, &actor, &data)
                .map_err(|_| "clash")
                .unwrap()
                .id
        });
        for name in ["Rita", "Serge"] {
            let t = tenant(&w.app, w.admin.office_id, w.building, name, "");
            w.app.db(|c| {
                let r = NewRegistration {
                    workshop_id: id,
                    session_id: None,
                    tenant_id: TenantId(t),
                    channel: Channel::Staff,
                    registered_by: None,
                };
                register(c, OfficeId(w.admin.office_id), &r).unwrap()
            });
        }
    }
}

#[actix_web::test]
async fn an_isc_schedules_from_the_form_and_a_clash_or_bad_input_re_renders_it() {
    let w = world().await;
    let browser = w.app.login(&w.isc).await;
    let (status, form) = browser.get_text("/workshops/new").await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("Planifier un atelier"));
    let date = next_thursday().to_string();
    let (room, building, me) = (
        w.room.to_string(),
        w.building.to_string(),
        w.isc.id.to_string(),
    );
    let fields = [
        ("title", "Cuisine collective"),
        ("sub_activity", "ateliers_groupe"),
        ("building_id", building.as_str()),
        ("room_id", room.as_str()),
        ("facilitator_ids", me.as_str()),
        ("capacity", "8"),
        ("start_date", date.as_str()),
        ("start_time", "13:30"),
        ("duration_minutes", "120"),
        ("frequency", "weekly"),
        ("interval", "1"),
        ("wd3", "on"),
        ("count", "4"),
        ("language", "fr"),
    ];
    let res = browser.post_form("/workshops", &fields).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    let (_, page) = browser.get_text(&location).await;
    assert!(
        page.contains("Cuisine collective") && page.matches("prévue").count() == 4,
        "{page}"
    );

    let res = browser.post_form("/workshops", &fields).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let body = res.text().await.unwrap();
    assert!(
        body.contains("La salle est déjà réservée pour « Cuisine collective »"),
        "{body}"
    );

    let mut bad = fields.to_vec();
    bad.retain(|(k, _)| *k != "wd3");
    let res = browser.post_form("/workshops", &bad).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Choisissez au moins un jour"));
}

#[actix_web::test]
async fn month_view_workshop_page_and_attendance_page_run_a_bounded_number_of_queries() {
    let w = world().await;
    let browser = w.app.login(&w.isc).await;
    add_workshops(&w, 1, 2);
    let (wid, sid): (i64, i64) = w.app.db(|c| {
        workshop_sessions::table
            .select((workshop_sessions::workshop_id, workshop_sessions::id))
            .first(c)
            .unwrap()
    });
    w.app.db(|c| {
        let past = passerelle::db::now() - chrono::Duration::hours(2);
        diesel::update(workshop_sessions::table.find(sid))
            .set((
                workshop_sessions::starts_at.eq(past),
                workshop_sessions::ends_at.eq(past + chrono::Duration::hours(1)),
            ))
            .execute(c)
            .unwrap()
    });
    let month = format!(
        "/workshops/calendar?building={}&date={}",
        w.building,
        next_thursday()
    );
    let pages = [
        month,
        format!("/workshops/{wid}"),
        format!("/sessions/{sid}/attendance"),
    ];
    let count = |path: String| {
        let (browser, app) = (&browser, &w.app);
        async move {
            let before = app.queries();
            let (status, body) = browser.get_text(&path).await;
            assert_eq!(status, StatusCode::OK, "{path}: {body}");
            (app.queries() - before, body)
        }
    };
    let mut small = Vec::new();
    for p in &pages {
        small.push(count(p.clone()).await.0);
    }
    add_workshops(&w, 12, 20);
    // 30 more registrations on the first workshop.
    for i in 0..30 {
        let t = tenant(&w.app, w.admin.office_id, w.building, &format!("T{i}"), "");
        w.app.db(|c| {
            let r = NewRegistration {
                workshop_id: WorkshopId(wid),
                session_id: None,
                tenant_id: TenantId(t),
                channel: Channel::Staff,
                registered_by: None,
            };
            register(c, OfficeId(w.admin.office_id), &r).unwrap()
        });
    }
    for (p, n) in pages.iter().zip(small) {
        let (large, body) = count(p.clone()).await;
        assert_eq!(large, n, "{p}");
        assert!(body.contains("Atelier"), "{p}");
    }
    let (_, month) = count(pages[0].clone()).await;
    assert!(
        month.matches("Parc Lafontaine").count() >= 13 * 4,
        "the month lists every workshop"
    );
}

#[actix_web::test]
async fn a_secret_link_serves_an_icalendar_feed_until_it_is_revoked() {
    let w = world().await;
    let api = w.app.api(&w.isc).await;
    let id = json_of(
        api.post(
            "/api/v1/workshops",
            &weekly(w.building, w.room, w.isc.id, 3),
        )
        .await,
        StatusCode::CREATED,
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let detail = json_of(
        api.get(&format!("/api/v1/workshops/{id}")).await,
        StatusCode::OK,
    )
    .await;
    let second = detail["sessions"][1]["id"].as_i64().unwrap();
    json_of(
        api.post(&format!("/api/v1/sessions/{second}/cancel"), &json!({}))
            .await,
        StatusCode::OK,
    )
    .await;

    let browser = w.app.login(&w.isc).await;
    let b = w.building.to_string();
    let res = browser
        .post_form(
            "/calendar-feeds",
            &[("kind", "building"), ("target", b.as_str())],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let page = res.text().await.unwrap();
    let start = page.find("/calendar/").unwrap();
    let end = page[start..].find('"').unwrap();
    let path = page[start..start + end].to_owned();
    let anonymous = w.app.client();
    let res = anonymous.get(&path).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    let ics = res.text().await.unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR"));
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 3);
    assert_eq!(ics.matches("STATUS:CANCELLED").count(), 1);
    assert!(ics.contains(&format!("UID:session-{second}@")));
    assert!(ics.contains("SUMMARY:Café-rencontre"));
    // The same UIDs on the next fetch; a revoked link answers 404, a made-up one too.
    assert_eq!(
        anonymous
            .get(&path)
            .await
            .text()
            .await
            .unwrap()
            .matches("UID:")
            .count(),
        3
    );
    let feeds = browser
        .get_text(&format!("/calendar-feeds?kind=building&target={b}"))
        .await
        .1;
    let at = feeds.find("/calendar-feeds/").unwrap();
    let revoke = &feeds[at..at + feeds[at..].find('"').unwrap()];
    assert_eq!(
        browser.post_form(revoke, &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(anonymous.get(&path).await.status(), StatusCode::NOT_FOUND);
    let made_up = format!("/calendar/{}.ics", "ab".repeat(24));
    assert_eq!(
        anonymous.get(&made_up).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[actix_web::test]
async fn the_lobby_poster_has_the_months_sessions_and_a_qr_code_to_the_public_page() {
    let w = world().await;
    let api = w.app.api(&w.isc).await;
    json_of(
        api.post(
            "/api/v1/workshops",
            &weekly(w.building, w.room, w.isc.id, 2),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let browser = w.app.login(&w.isc).await;
    let month = next_thursday().format("%Y-%m").to_string();
    let (status, fr) = browser
        .get_text(&format!("/buildings/{}/poster?month={month}", w.building))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        fr.contains("Activités du mois") && fr.contains("Café-rencontre") && fr.contains("13:30")
    );
    assert!(fr.contains("<svg") && fr.contains(&format!("/activites/{}", w.building)));
    assert!(fr.contains("/static/poster.css"));
    let (_, en) = browser
        .get_text(&format!(
            "/buildings/{}/poster?month={month}&lang=en",
            w.building
        ))
        .await;
    assert!(
        en.contains("This month's activities") || en.contains("This month&#x27;s activities"),
        "{en}"
    );
    let css = browser
        .get("/static/poster.css")
        .await
        .text()
        .await
        .unwrap();
    assert!(css.contains("@media print"));
    let stranger = w.app.office("Office de Gaspé");
    let theirs = w.app.login(&stranger).await;
    let (status, _) = theirs
        .get_text(&format!("/buildings/{}/poster", w.building))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn a_tenant_registers_from_the_public_page_with_dwelling_and_last_name() {
    let w = world().await;
    let api = w.app.api(&w.isc).await;
    let id = json_of(
        api.post(
            "/api/v1/workshops",
            &weekly(w.building, w.room, w.isc.id, 2),
        )
        .await,
        StatusCode::CREATED,
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let t = tenant(&w.app, w.admin.office_id, w.building, "Hélène", "");
    let (dwelling, last): (String, String) = w.app.db(|c| {
        tenants::table
            .inner_join(dwellings::table)
            .filter(tenants::id.eq(t))
            .select((dwellings::number, tenants::last_name))
            .first(c)
            .unwrap()
    });
    let anonymous = w.app.client();
    let page_path = format!("/activites/{}", w.building);
    let (status, page) = anonymous.get_text(&page_path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Café-rencontre"));
    let wid = id.to_string();
    let res = anonymous
        .post_form(
            &page_path,
            &[
                ("workshop_id", wid.as_str()),
                ("dwelling", "nope"),
                ("last_name", "Tremblay"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Nous ne vous trouvons pas"));
    let shouted = last.to_uppercase();
    let res = anonymous
        .post_form(
            &page_path,
            &[
                ("workshop_id", wid.as_str()),
                ("dwelling", dwelling.as_str()),
                ("last_name", shouted.as_str()),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.text().await.unwrap().contains("vous êtes inscrit"));
    let channel: String = w.app.db(|c| {
        workshop_registrations::table
            .filter(workshop_registrations::tenant_id.eq(t))
            .select(workshop_registrations::channel)
            .first(c)
            .unwrap()
    });
    assert_eq!(channel, "public");
    let res = anonymous
        .post_form(
            &page_path,
            &[
                ("workshop_id", wid.as_str()),
                ("dwelling", dwelling.as_str()),
                ("last_name", last.as_str()),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("déjà inscrite"));
}

#[actix_web::test]
async fn guessing_last_names_for_one_dwelling_on_the_public_page_is_bounded() {
    let w = world().await;
    let api = w.app.api(&w.isc).await;
    let id = json_of(
        api.post(
            "/api/v1/workshops",
            &weekly(w.building, w.room, w.isc.id, 2),
        )
        .await,
        StatusCode::CREATED,
    )
    .await["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let page_path = format!("/activites/{}", w.building);
    // Five guesses a minute for one dwelling (the test settings), however it is spelled.
    for (n, dwelling) in ["101", " 101", "101 ", "\t101", "101"].iter().enumerate() {
        let res = w
            .app
            .client()
            .post_form(
                &page_path,
                &[
                    ("workshop_id", id.as_str()),
                    ("dwelling", dwelling),
                    ("last_name", &format!("Nom{n}")),
                ],
            )
            .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "guess {n}");
    }
    let res = w
        .app
        .client()
        .post_form(
            &page_path,
            &[
                ("workshop_id", id.as_str()),
                ("dwelling", "101"),
                ("last_name", "Tremblay"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[actix_web::test]
async fn week_and_room_calendars_show_local_times_and_mark_cancelled_sessions() {
    let w = world().await;
    let api = w.app.api(&w.isc).await;
    let id = json_of(
        api.post(
            "/api/v1/workshops",
            &weekly(w.building, w.room, w.isc.id, 2),
        )
        .await,
        StatusCode::CREATED,
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let detail = json_of(
        api.get(&format!("/api/v1/workshops/{id}")).await,
        StatusCode::OK,
    )
    .await;
    let first = detail["sessions"][0]["id"].as_i64().unwrap();
    json_of(
        api.post(&format!("/api/v1/sessions/{first}/cancel"), &json!({}))
            .await,
        StatusCode::OK,
    )
    .await;
    let browser = w.app.login(&w.isc).await;
    let day = next_thursday();
    let (status, week) = browser
        .get_text(&format!(
            "/workshops/calendar?room={}&view=week&date={day}",
            w.room
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        week.contains("semaine du") && week.contains("<del>13:30"),
        "{week}"
    );
    let next = day + chrono::Days::new(7);
    let (_, mine) = browser
        .get_text(&format!("/workshops/calendar?view=week&date={next}"))
        .await;
    assert!(
        mine.contains("13:30 <a href=\"/workshops/") && !mine.contains("<del>"),
        "{mine}"
    );
}
