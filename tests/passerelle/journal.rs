//! The practice journal, in pages and through the API: quick entry, validation, filters and their
//! totals, who may change what, entries written by capabilities, scope, roles, CSV export, and a
//! bounded number of queries whatever the journal's size.

use chrono::NaiveDate;
use passerelle::domain::ids::{BuildingId, OfficeId, UserId};
use passerelle::domain::poles::SubActivity;
use passerelle::journal::{self, JournalEntry, Recording, Source};
use passerelle::web::format::today as local_today;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{building, json_of, spawn_app, TestApp, TestUser};

fn today() -> String {
    local_today().format("%Y-%m-%d").to_string()
}

/// An entry as stored.
fn stored(app: &TestApp, id: i64) -> JournalEntry {
    use diesel::prelude::*;
    use passerelle::db::schema::journal_entries;
    app.db(|c| journal_entries::table.find(id).first(c))
        .unwrap()
}

/// Records an entry straight through `journal::record`, as a capability would.
fn entry(
    app: &TestApp,
    author: &TestUser,
    sub: &str,
    minutes: i32,
    people: i32,
    source: &str,
) -> i64 {
    let new = Recording {
        office_id: OfficeId(author.office_id),
        author_id: UserId(author.id),
        sub_activity: SubActivity::parse(sub).unwrap(),
        occurred_on: local_today(),
        duration_minutes: minutes,
        building_id: None,
        people_reached: people,
        note: String::new(),
        source: Source::parse(source).unwrap(),
    };
    app.db(|c| journal::record(c, &new)).unwrap().get()
}

fn count_entries(app: &TestApp, office_id: i64) -> i64 {
    use diesel::prelude::*;
    use passerelle::db::schema::journal_entries;
    app.db(|c| {
        journal_entries::table
            .filter(journal_entries::office_id.eq(office_id))
            .count()
            .get_result(c)
            .unwrap()
    })
}

#[actix_web::test]
async fn an_isc_records_an_activity_in_a_few_taps_and_the_list_shows_its_pole() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let b = building(&app, admin.office_id, "Habitations Papineau");
    let isc = app.user(admin.office_id, "isc");
    let browser = app.login(&isc).await;
    let (status, form) = browser.get_text("/journal/new").await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("<optgroup label=\"Approche communautaire\">"));
    assert!(
        form.contains(&format!("value=\"{}\"", today())),
        "the date defaults to today"
    );
    assert!(form.contains("value=\"60\""), "one hour by default");
    assert!(form.contains("Habitations Papineau"));
    assert!(
        form.contains("le nom des locataires"),
        "the note's hint speaks of privacy"
    );
    let res = browser
        .post_form(
            "/journal",
            &[
                ("sub_activity", "ateliers_groupe"),
                ("occurred_on", &today()),
                ("duration_minutes", "90"),
                ("building_id", &b.to_string()),
                ("people_reached", "12"),
                ("note", "Atelier cuisine collective"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (status, list) = browser.get_text("/journal").await;
    assert_eq!(status, StatusCode::OK);
    assert!(list.contains("Activité consignée au journal."));
    assert!(list.contains("<strong>Approche communautaire</strong>"));
    assert!(list.contains("ateliers de groupe") && list.contains("Habitations Papineau"));
    assert!(list.contains("Atelier cuisine collective") && list.contains("Personne isc"));
    assert!(
        list.contains("<span class=\"stat-number\">1,5</span>"),
        "90 minutes are 1.5 hours"
    );
    let (_, home) = browser.get_text("/").await;
    assert!(home.contains("<span class=\"stat-number\">1</span> activités au journal"));
}

#[actix_web::test]
async fn bad_entries_are_refused_with_messages_and_nothing_is_written() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let other = app.office("OH Ailleurs");
    let foreign = building(&app, other.office_id, "Chez les voisins");
    let isc = app.user(admin.office_id, "isc");
    let browser = app.login(&isc).await;
    let in_ten_days = (local_today() + chrono::Days::new(10)).to_string();
    let res = browser
        .post_form(
            "/journal",
            &[
                ("pole", "1"),
                ("sub_activity", "ateliers_groupe"),
                ("occurred_on", &in_ten_days),
                ("duration_minutes", "0"),
                ("people_reached", "beaucoup"),
                ("note", &"x".repeat(501)),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(page.contains("appartient pas au pôle choisi"));
    assert!(
        page.contains("plus d&#x27;un jour dans l&#x27;avenir") || page.contains("un jour dans")
    );
    assert!(page.contains("La valeur doit être d&#x27;au moins 1") || page.contains("au moins 1."));
    assert!(page.contains("Entrez un nombre entier."));
    assert!(page.contains("500 caractères au plus"));
    assert!(page.contains("aria-describedby=\"sub_activity-hint sub_activity-error\""));
    let res = browser
        .post_form(
            "/journal",
            &[
                ("sub_activity", "ateliers_groupe"),
                ("occurred_on", &today()),
                ("duration_minutes", "60"),
                ("building_id", &foreign.to_string()),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("existe pas dans votre office"));

    let api = app.api(&isc).await;
    let res = api
        .post(
            "/api/v1/journal",
            &json!({"pole": 4, "sub_activity": "milieu_de_vie", "occurred_on": today(), "duration_minutes": 30}),
        )
        .await;
    let problem = json_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(problem["errors"][0]["field"], "sub_activity");
    assert_eq!(problem["errors"][0]["code"], "journal-subactivity-pole");
    let res = api
        .post(
            "/api/v1/journal",
            &json!({"sub_activity": "milieu_de_vie", "occurred_on": today(), "duration_minutes": 30, "building_id": foreign}),
        )
        .await;
    let problem = json_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(problem["errors"][0]["code"], "unknown-reference");
    assert_eq!(count_entries(&app, admin.office_id), 0);

    let created = json_of(
        api.post(
            "/api/v1/journal",
            &json!({"sub_activity": "milieu_de_vie", "occurred_on": today(), "duration_minutes": 30}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(created["pole"], 3, "the pole follows from the sub-activity");
    assert_eq!(created["source"], "manual");
    assert_eq!(created["author_id"], isc.id);
}

#[actix_web::test]
async fn totals_add_up_the_filtered_entries_only() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let isc = app.user(admin.office_id, "isc");
    entry(&app, &isc, "ateliers_groupe", 60, 5, "manual");
    entry(&app, &isc, "vie_associative", 90, 7, "workshop");
    entry(&app, &admin, "accueil_evaluation", 45, 1, "manual");
    entry(&app, &admin, "accompagnement_services", 30, 2, "manual");
    let browser = app.login(&isc).await;
    let (_, all) = browser.get_text("/journal").await;
    assert!(all.contains("<span class=\"stat-number\">4</span>"));
    assert!(
        all.contains("<span class=\"stat-number\">3,8</span>"),
        "225 minutes"
    );
    let (_, pole3) = browser.get_text("/journal?pole=3").await;
    assert!(pole3.contains("<span class=\"stat-number\">2</span>"));
    assert!(pole3.contains("<span class=\"stat-number\">2,5</span>"));
    assert!(pole3.contains("<span class=\"stat-number\">12</span>"));
    assert!(!pole3.contains("<strong>Action aux personnes</strong>"));
    let (_, mine) = browser
        .get_text("/journal?author=me&sub_activity=ateliers_groupe")
        .await;
    assert!(mine.contains("<span class=\"stat-number\">1</span>"));
    let tomorrow = local_today().succ_opt().unwrap();
    let (_, later) = browser.get_text(&format!("/journal?from={tomorrow}")).await;
    assert!(later.contains("Aucune activité ne correspond"));
    let (status, bad) = browser.get_text("/journal?pole=9&from=hier").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.contains("Entrez une date valide"));

    let api = app.api(&isc).await;
    let body = json_of(api.get("/api/v1/journal?pole=3").await, StatusCode::OK).await;
    assert_eq!(body["total"], 2);
    let body = json_of(
        api.get("/api/v1/journal?author=me&per_page=1").await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (
            body["total"].as_i64(),
            body["items"].as_array().unwrap().len()
        ),
        (Some(2), 1)
    );
    json_of(
        api.get("/api/v1/journal?to=demain").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
}

#[actix_web::test]
async fn only_the_author_or_an_administrator_changes_an_entry() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let author = app.user(admin.office_id, "isc");
    let colleague = app.user(admin.office_id, "isc");
    let id = entry(&app, &author, "tables_concertation", 120, 15, "manual");
    let fields = [
        ("sub_activity", "projets_collectifs"),
        ("occurred_on", "2024-05-01"),
        ("duration_minutes", "60"),
    ];
    let other = app.login(&colleague).await;
    assert_eq!(
        other.get(&format!("/journal/{id}/edit")).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        other
            .post_form(&format!("/journal/{id}"), &fields)
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        other
            .post_form(&format!("/journal/{id}/delete"), &[])
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let (_, list) = other.get_text("/journal").await;
    assert!(
        !list.contains(&format!("/journal/{id}/edit")),
        "no edit link where it would be refused"
    );
    let api = app.api(&colleague).await;
    let path = format!("/api/v1/journal/{id}");
    let body = json!({"sub_activity": "projets_collectifs", "occurred_on": "2024-05-01", "duration_minutes": 60});
    assert_eq!(api.put(&path, &body).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(api.delete(&path).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(count_entries(&app, admin.office_id), 1);

    let boss = app.login(&admin).await;
    assert_eq!(
        boss.post_form(&format!("/journal/{id}"), &fields)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let stored = stored(&app, id);
    assert_eq!(
        (stored.pole.number(), stored.author_id.get()),
        (4, author.id),
        "the author stays"
    );
    assert_eq!(
        stored.occurred_on,
        NaiveDate::from_ymd_opt(2024, 5, 1).unwrap()
    );

    let mine = app.login(&author).await;
    assert_eq!(
        mine.get(&format!("/journal/{id}/edit")).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        mine.post_form(&format!("/journal/{id}/delete"), &[])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(count_entries(&app, admin.office_id), 0);
}

#[actix_web::test]
async fn entries_written_by_a_capability_are_not_changed_from_the_journal() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let isc = app.user(admin.office_id, "isc");
    let id = entry(&app, &isc, "ateliers_groupe", 120, 9, "workshop");
    let browser = app.login(&isc).await;
    let (status, page) = browser.get_text(&format!("/journal/{id}/edit")).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("inscrite automatiquement"));
    let res = browser
        .post_form(
            &format!("/journal/{id}"),
            &[
                ("sub_activity", "ateliers_groupe"),
                ("occurred_on", &today()),
                ("duration_minutes", "5"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert_eq!(
        browser
            .post_form(&format!("/journal/{id}/delete"), &[])
            .await
            .status(),
        StatusCode::CONFLICT
    );
    let (_, list) = browser.get_text("/journal").await;
    assert!(list.contains("Inscrite par un atelier"));
    let api = app.api(&admin).await;
    let path = format!("/api/v1/journal/{id}");
    let res = api
        .put(&path, &json!({"sub_activity": "ateliers_groupe", "occurred_on": today(), "duration_minutes": 5}))
        .await;
    let problem = json_of(res, StatusCode::CONFLICT).await;
    assert!(problem["title"]
        .as_str()
        .unwrap()
        .contains("automatiquement"));
    assert_eq!(api.delete(&path).await.status(), StatusCode::CONFLICT);
    assert_eq!(stored(&app, id).duration_minutes, 120);
}

#[actix_web::test]
async fn another_offices_entries_are_not_found_in_pages_and_api() {
    let app = spawn_app().await;
    let ours = app.office("OH Laval");
    let theirs = app.office("OH Longueuil");
    let id = entry(&app, &theirs, "vie_associative", 60, 3, "manual");
    let browser = app.login(&ours).await;
    assert_eq!(
        browser.get(&format!("/journal/{id}/edit")).await.status(),
        StatusCode::NOT_FOUND
    );
    for fields in [
        vec![
            ("sub_activity", "vie_associative"),
            ("occurred_on", "2024-01-01"),
            ("duration_minutes", "30"),
        ],
        vec![("sub_activity", ""), ("duration_minutes", "")],
    ] {
        let res = browser.post_form(&format!("/journal/{id}"), &fields).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
    }
    assert_eq!(
        browser
            .post_form(&format!("/journal/{id}/delete"), &[])
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let (_, list) = browser.get_text("/journal").await;
    assert!(!list.contains("<strong>Approche communautaire</strong>"));
    let (_, csv) = browser.get_text("/journal.csv").await;
    assert_eq!(csv.lines().count(), 1, "headers only");

    let api = app.api(&ours).await;
    let path = format!("/api/v1/journal/{id}");
    assert_eq!(api.get(&path).await.status(), StatusCode::NOT_FOUND);
    let body = json!({"sub_activity": "vie_associative", "occurred_on": "2024-01-01", "duration_minutes": 30});
    assert_eq!(api.put(&path, &body).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(api.delete(&path).await.status(), StatusCode::NOT_FOUND);
    let body = json_of(api.get("/api/v1/journal").await, StatusCode::OK).await;
    assert_eq!(body["total"], 0);
    assert_eq!(count_entries(&app, theirs.office_id), 1);
}

#[actix_web::test]
async fn staff_and_tenants_have_no_journal() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let id = entry(&app, &admin, "vie_associative", 60, 3, "manual");
    for role in ["staff", "tenant", "committee"] {
        let user = app.user(admin.office_id, role);
        let browser = app.login(&user).await;
        for path in [
            "/journal".to_owned(),
            "/journal/new".into(),
            "/journal.csv".into(),
            format!("/journal/{id}/edit"),
        ] {
            assert_eq!(
                browser.get(&path).await.status(),
                StatusCode::FORBIDDEN,
                "{role} {path}"
            );
        }
        let res = browser
            .post_form(
                "/journal",
                &[
                    ("sub_activity", "vie_associative"),
                    ("occurred_on", &today()),
                    ("duration_minutes", "30"),
                ],
            )
            .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        let api = app.api(&user).await;
        assert_eq!(
            api.get("/api/v1/journal").await.status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            api.get(&format!("/api/v1/journal/{id}")).await.status(),
            StatusCode::FORBIDDEN
        );
    }
    assert_eq!(count_entries(&app, admin.office_id), 1);
}

#[actix_web::test]
async fn the_csv_export_lists_the_filtered_entries_with_labels() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let b = building(&app, admin.office_id, "Résidence Hélène");
    let isc = app.user(admin.office_id, "isc");
    let api = app.api(&isc).await;
    json_of(
        api.post(
            "/api/v1/journal",
            &json!({"sub_activity": "tables_concertation", "occurred_on": "2025-03-04", "duration_minutes": 120,
                    "building_id": b, "people_reached": 8, "note": "=Table de quartier"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    entry(&app, &isc, "accueil_evaluation", 30, 1, "request");
    let browser = app.login(&isc).await;
    let res = browser.get("/journal.csv?pole=4").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    let body = res.text().await.unwrap();
    let lines: Vec<&str> = body.lines().collect();
    assert_eq!(
        lines,
        [
            "date,pole,sous_activite,duree_minutes,immeuble,personnes_rejointes,note,auteur,source",
            "2025-03-04,Partenariat intersectoriel,Tables de concertation,120,Résidence Hélène,8,'=Table de quartier,Personne isc,manual",
        ]
    );
    let (_, all) = browser.get_text("/journal.csv").await;
    assert_eq!(all.lines().count(), 3);
    assert!(all.contains("Action aux personnes,Accueil et évaluation,30,,1,,Personne isc,request"));
    let (_, list) = browser.get_text("/journal?pole=4").await;
    assert!(
        list.contains("href=\"/journal.csv?pole&#x3D;4\""),
        "the export keeps the filters"
    );
}

#[actix_web::test]
async fn the_journal_list_runs_as_many_queries_for_ten_entries_as_for_a_thousand() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let isc = app.user(admin.office_id, "isc");
    let b = building(&app, admin.office_id, "Les Pins");
    let add = |n: usize| {
        app.db(|c| {
            passerelle::db::write_tx(c, |c| -> Result<(), passerelle::error::AppError> {
                for i in 0..n {
                    let new = Recording {
                        office_id: OfficeId(admin.office_id),
                        author_id: UserId(if i % 3 == 0 { admin.id } else { isc.id }),
                        sub_activity: SubActivity::MilieuDeVie,
                        occurred_on: local_today(),
                        duration_minutes: 30,
                        building_id: (i % 2 == 0).then_some(BuildingId(b)),
                        people_reached: 2,
                        note: format!("Activité {i}"),
                        source: Source::Manual,
                    };
                    journal::record(c, &new)?;
                }
                Ok(())
            })
            .unwrap()
        })
    };
    let browser = app.login(&isc).await;
    let count = |path: &'static str| {
        let (browser, app) = (&browser, &app);
        async move {
            let before = app.queries();
            assert_eq!(browser.get(path).await.status(), StatusCode::OK, "{path}");
            app.queries() - before
        }
    };
    add(10);
    let small = count("/journal").await;
    let small_filtered = count("/journal?pole=3&author=me").await;
    add(990);
    assert_eq!(count("/journal").await, small);
    assert_eq!(count("/journal?pole=3&author=me").await, small_filtered);
    let (_, page) = browser.get_text("/journal").await;
    assert!(page.contains("<span class=\"stat-number\">1000</span>"));
    assert!(page.contains("<span class=\"stat-number\">500,0</span>"));
}

/// The list's date column shows each entry's date (a template helper named `date` once hid it).
#[actix_web::test]
async fn the_journal_list_shows_the_date_of_each_entry() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let isc = app.user(admin.office_id, "isc");
    entry(&app, &isc, "ateliers_groupe", 60, 4, "manual");
    let (_, list) = app.login(&isc).await.get_text("/journal").await;
    assert!(
        list.contains(&format!("<td>{}</td>", today())),
        "the date cell is filled"
    );
}
