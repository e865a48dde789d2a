//! Life of sessions: attendance and the journal, reminders exactly once, cancelled or moved
//! sessions told to the registered.

use chrono::Duration;
use diesel::prelude::*;
use passerelle::db::schema::{journal_entries, outbox, workshop_sessions};
use reqwest::StatusCode;
use serde_json::{json, Value};

use super::fixtures::{tenant, weekly, world, World};
use crate::helpers::json_of;

/// A workshop of `count` sessions with Alice (emailable) and Bruno (no consent) registered for
/// the series; returns (workshop, session ids, Alice, Bruno).
pub(super) async fn with_registrations(w: &World, count: i64) -> (i64, Vec<i64>, i64, i64) {
    let api = w.app.api(&w.isc).await;
    let id = json_of(
        api.post(
            "/api/v1/workshops",
            &weekly(w.building, w.room, w.isc.id, count),
        )
        .await,
        StatusCode::CREATED,
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let alice = tenant(
        &w.app,
        w.admin.office_id,
        w.building,
        "Alice",
        "alice@example.org",
    );
    let bruno = tenant(&w.app, w.admin.office_id, w.building, "Bruno", "");
    for t in [alice, bruno] {
        json_of(
            api.post(
                &format!("/api/v1/workshops/{id}/registrations"),
                &json!({"tenant_id": t}),
            )
            .await,
            StatusCode::CREATED,
        )
        .await;
    }
    let detail = json_of(
        api.get(&format!("/api/v1/workshops/{id}")).await,
        StatusCode::OK,
    )
    .await;
    let sessions = detail["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .collect();
    (id, sessions, alice, bruno)
}

fn outbox_rows(w: &World) -> Vec<(String, String, Option<String>)> {
    w.app.db(|c| {
        outbox::table
            .order(outbox::id.asc())
            .select((outbox::to_address, outbox::subject, outbox::dedup_key))
            .load(c)
            .unwrap()
    })
}

#[actix_web::test]
async fn attendance_marks_the_session_held_and_writes_one_journal_entry_updated_on_resave() {
    let w = world().await;
    let (_, sessions, alice, bruno) = with_registrations(&w, 2).await;
    let api = w.app.api(&w.isc).await;
    let path = format!("/api/v1/sessions/{}/attendance", sessions[0]);
    // Not before it starts.
    let early = api.put(&path, &json!({"walk_ins": 0, "marks": []})).await;
    assert_eq!(early.status(), StatusCode::CONFLICT);
    // Move it into the past (as if time had passed).
    w.app.db(|c| {
        let past = passerelle::db::now() - Duration::days(1);
        diesel::update(workshop_sessions::table.find(sessions[0]))
            .set((
                workshop_sessions::starts_at.eq(past),
                workshop_sessions::ends_at.eq(past + Duration::minutes(90)),
            ))
            .execute(c)
            .unwrap()
    });
    let sheet = json_of(api.get(&path).await, StatusCode::OK).await;
    assert_eq!(sheet.as_array().unwrap().len(), 2);
    let body = json!({"walk_ins": 3, "marks": [
        {"tenant_id": alice, "status": "present"}, {"tenant_id": bruno, "status": "excused"}]});
    let s = json_of(api.put(&path, &body).await, StatusCode::OK).await;
    assert_eq!(s["status"], "held");
    let entries = || -> Vec<(i32, String, i32, i32, String)> {
        w.app.db(|c| {
            journal_entries::table
                .select((
                    journal_entries::pole,
                    journal_entries::sub_activity,
                    journal_entries::people_reached,
                    journal_entries::duration_minutes,
                    journal_entries::source,
                ))
                .load(c)
                .unwrap()
        })
    };
    assert_eq!(
        entries(),
        vec![(3, "ateliers_groupe".into(), 4, 90, "workshop".into())]
    );
    // Re-saving updates the same entry.
    let body = json!({"walk_ins": 5, "marks": [
        {"tenant_id": alice, "status": "present"}, {"tenant_id": bruno, "status": "present"}]});
    json_of(api.put(&path, &body).await, StatusCode::OK).await;
    assert_eq!(
        entries(),
        vec![(3, "ateliers_groupe".into(), 7, 90, "workshop".into())]
    );
    let sheet = json_of(api.get(&path).await, StatusCode::OK).await;
    assert!(sheet
        .as_array()
        .unwrap()
        .iter()
        .all(|l| l["status"] == "present"));
    // A stranger to the workshop or a made-up status is refused.
    let bad = json!({"walk_ins": 0, "marks": [{"tenant_id": alice, "status": "asleep"}]});
    assert_eq!(
        api.put(&path, &bad).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

#[actix_web::test]
async fn reminders_go_once_per_registration_and_session_to_consenting_tenants_only() {
    let w = world().await;
    let (_, sessions, _, _) = with_registrations(&w, 3).await;
    let start: chrono::NaiveDateTime = w.app.db(|c| {
        workshop_sessions::table
            .find(sessions[0])
            .select(workshop_sessions::starts_at)
            .first(c)
            .unwrap()
    });
    let run = |now| {
        let state = w.app.state.clone();
        w.app
            .db(move |c| passerelle::workshops::run_due_reminders(c, &state.mail, now).unwrap())
    };
    assert_eq!(run(start - Duration::hours(25)), 0, "too early");
    assert_eq!(run(start - Duration::hours(23)), 1);
    assert_eq!(run(start - Duration::hours(22)), 0, "exactly once");
    let rows = outbox_rows(&w);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, "alice@example.org");
    assert!(rows[0].1.starts_with("Rappel"), "{rows:?}");
    assert!(rows[0].2.as_deref().unwrap().starts_with("reminder:"));
    // A week later the second session's reminder goes.
    assert_eq!(run(start + Duration::days(7) - Duration::hours(1)), 1);
}

#[actix_web::test]
async fn cancelling_or_moving_one_session_tells_the_registered_and_leaves_the_others() {
    let w = world().await;
    let (id, sessions, _, _) = with_registrations(&w, 3).await;
    let api = w.app.api(&w.isc).await;
    let s = json_of(
        api.post(
            &format!("/api/v1/sessions/{}/cancel", sessions[1]),
            &json!({}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(s["status"], "cancelled");
    let again = api
        .post(
            &format!("/api/v1/sessions/{}/cancel", sessions[1]),
            &json!({}),
        )
        .await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    let detail: Value = json_of(
        api.get(&format!("/api/v1/workshops/{id}")).await,
        StatusCode::OK,
    )
    .await;
    let statuses: Vec<&str> = detail["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["scheduled", "cancelled", "scheduled"]);

    // Move the third one hour later; into another workshop's slot is refused.
    let third = &detail["sessions"][2];
    let start = chrono::DateTime::parse_from_rfc3339(third["starts_at"].as_str().unwrap())
        .unwrap()
        .naive_utc();
    let later =
        json!({"starts_at": start + Duration::hours(1), "ends_at": start + Duration::minutes(150)});
    json_of(
        api.put(&format!("/api/v1/sessions/{}", sessions[2]), &later)
            .await,
        StatusCode::OK,
    )
    .await;
    let onto_first =
        chrono::DateTime::parse_from_rfc3339(detail["sessions"][0]["starts_at"].as_str().unwrap())
            .unwrap()
            .naive_utc();
    let mut other = weekly(w.building, w.room, w.isc.id, 1);
    other["start_date"] =
        json!((super::fixtures::next_thursday() + chrono::Days::new(21)).to_string());
    other["start_time"] = json!("10:00");
    json_of(
        api.post("/api/v1/workshops", &other).await,
        StatusCode::CREATED,
    )
    .await;
    let clash = json!({"starts_at": onto_first, "ends_at": onto_first + Duration::minutes(30)});
    let p = json_of(
        api.put(&format!("/api/v1/sessions/{}", sessions[2]), &clash)
            .await,
        StatusCode::CONFLICT,
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("Café-rencontre"));

    let rows = outbox_rows(&w);
    let subjects: Vec<&str> = rows.iter().map(|r| r.1.as_str()).collect();
    assert_eq!(subjects.len(), 2, "{subjects:?}");
    assert!(subjects[0].starts_with("Rencontre annulée"));
    assert!(subjects[1].starts_with("Rencontre déplacée"));
    assert!(rows.iter().all(|r| r.0 == "alice@example.org"));
}

#[actix_web::test]
async fn attendance_is_taken_from_the_phone_form() {
    let w = world().await;
    let (_, sessions, alice, bruno) = with_registrations(&w, 1).await;
    w.app.db(|c| {
        let past = passerelle::db::now() - Duration::hours(2);
        diesel::update(workshop_sessions::table.find(sessions[0]))
            .set((
                workshop_sessions::starts_at.eq(past),
                workshop_sessions::ends_at.eq(past + Duration::minutes(90)),
            ))
            .execute(c)
            .unwrap()
    });
    let browser = w.app.login(&w.isc).await;
    let path = format!("/sessions/{}/attendance", sessions[0]);
    let (status, page) = browser.get_text(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Alice") && page.contains("type=\"radio\""));
    let (a, b) = (format!("m_{alice}"), format!("m_{bruno}"));
    let res = browser
        .post_form(
            &path,
            &[
                (a.as_str(), "present"),
                (b.as_str(), "absent"),
                ("walk_ins", "2"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let people: i32 = w.app.db(|c| {
        journal_entries::table
            .select(journal_entries::people_reached)
            .first(c)
            .unwrap()
    });
    assert_eq!(people, 3);
    let res = browser
        .post_form(&path, &[(a.as_str(), "present"), ("walk_ins", "beaucoup")])
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("Ce nombre n"));
}

#[actix_web::test]
async fn an_isc_moves_one_session_from_its_page_in_local_time_and_the_registered_are_told() {
    use passerelle::db::schema::workshop_sessions;
    let w = world().await;
    let (id, sessions, _, _) = with_registrations(&w, 3).await;
    let browser = w.app.login(&w.isc).await;
    let (status, page) = browser.get_text(&format!("/workshops/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(&format!("/sessions/{}/move", sessions[1])));
    let (status, form) = browser
        .get_text(&format!("/sessions/{}/move", sessions[1]))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("name=\"date\""));

    // An end before the start is refused and changes nothing.
    let day = (super::fixtures::next_thursday() + chrono::Days::new(60)).to_string();
    let path = format!("/sessions/{}/move", sessions[1]);
    let res = browser
        .post_form(
            &path,
            &[("date", &day), ("start", "15:00"), ("end", "14:00")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(outbox_rows(&w).is_empty());

    // A Saturday in late spring at 15:00 Montréal time is 19:00 UTC (daylight saving time).
    let res = browser
        .post_form(
            &path,
            &[("date", "2027-06-05"), ("start", "15:00"), ("end", "16:30")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (starts, ends): (chrono::NaiveDateTime, chrono::NaiveDateTime) = w.app.db(|c| {
        workshop_sessions::table
            .find(sessions[1])
            .select((workshop_sessions::starts_at, workshop_sessions::ends_at))
            .first(c)
            .unwrap()
    });
    assert_eq!(starts.to_string(), "2027-06-05 19:00:00");
    assert_eq!(ends.to_string(), "2027-06-05 20:30:00");
    let rows = outbox_rows(&w);
    assert_eq!(rows.len(), 1);
    assert!(rows[0].1.starts_with("Rencontre déplacée"));

    // Onto the first session's slot: the room is taken, the form names the session in the way.
    let first: chrono::NaiveDateTime = w.app.db(|c| {
        workshop_sessions::table
            .find(sessions[0])
            .select(workshop_sessions::starts_at)
            .first(c)
            .unwrap()
    });
    let local = passerelle::web::format::local_time(first);
    let res = browser
        .post_form(
            &path,
            &[
                ("date", &local.date().to_string()),
                ("start", &local.format("%H:%M").to_string()),
                (
                    "end",
                    &(local + Duration::minutes(30)).format("%H:%M").to_string(),
                ),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert!(res.text().await.unwrap().contains("Café-rencontre"));
}

#[actix_web::test]
async fn a_tenant_is_registered_for_one_session_from_the_workshop_page() {
    use passerelle::db::schema::workshop_registrations;
    let w = world().await;
    let (id, sessions, _, _) = with_registrations(&w, 3).await;
    let carole = tenant(&w.app, w.admin.office_id, w.building, "Carole", "");
    let dwelling = super::fixtures::dwelling_of(&w.app, carole);
    let browser = w.app.login(&w.isc).await;
    let res = browser
        .post_form(
            &format!("/workshops/{id}/registrations"),
            &[
                ("dwelling", &dwelling),
                ("last_name", "tremblay"),
                ("session_id", &sessions[2].to_string()),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let session: Option<i64> = w.app.db(|c| {
        workshop_registrations::table
            .filter(workshop_registrations::tenant_id.eq(carole))
            .select(workshop_registrations::session_id)
            .first(c)
            .unwrap()
    });
    assert_eq!(session, Some(sessions[2]));
}

#[actix_web::test]
async fn a_wrong_or_missing_dwelling_or_name_shows_the_form_again_with_its_message() {
    use passerelle::db::schema::workshop_registrations;
    let w = world().await;
    let (id, _, _, _) = with_registrations(&w, 2).await;
    let carole = tenant(&w.app, w.admin.office_id, w.building, "Carole", "");
    let dwelling = super::fixtures::dwelling_of(&w.app, carole);
    let count = |w: &super::fixtures::World| -> i64 {
        w.app
            .db(|c| workshop_registrations::table.count().get_result(c).unwrap())
    };
    let before = count(&w);
    let browser = w.app.login(&w.isc).await;
    let path = format!("/workshops/{id}/registrations");
    let res = browser
        .post_form(&path, &[("dwelling", &dwelling), ("last_name", "Personne")])
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(
        page.contains("aria-invalid=\"true\""),
        "the field is marked"
    );
    assert!(
        page.contains(&format!("value=\"{dwelling}\"")),
        "what was typed is kept"
    );
    assert!(page.contains("Aucune personne de ce nom"));
    let res = browser
        .post_form(&path, &[("dwelling", ""), ("last_name", "")])
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("id=\"dwelling-error\""));
    assert_eq!(count(&w), before, "nothing is written");
}
