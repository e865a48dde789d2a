//! Retention: what passed its period is destroyed or anonymised once, counts are kept, and two
//! instances running the job at the same instant change and count each record once.

use std::path::Path;
use std::time::Duration;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use passerelle::db::schema::{
    access_log, outbox, request_categories, request_events, request_photos, requests,
    retention_counts, tenants,
};
use passerelle::privacy::retention::jobs::{job, run_and_clean};
use reqwest::StatusCode;

use super::{day, tenant, world_in, NewTenant, World};
use crate::helpers::spawn_app_with;

/// The fixed instant the job runs at.
fn run_at() -> NaiveDateTime {
    day(2030, 6, 1).and_hms_opt(12, 0, 0).unwrap()
}

fn at(y: i32, m: u32, d: u32) -> NaiveDateTime {
    day(y, m, d).and_hms_opt(9, 0, 0).unwrap()
}

struct Data {
    gone_tenant: i64,
    kept_tenant: i64,
    old_request: i64,
    photo_file: std::path::PathBuf,
}

fn request(w: &World, tenant: i64, closed: Option<NaiveDateTime>) -> i64 {
    let office = w.admin.office_id;
    let (building, by) = (w.building, w.isc.id);
    w.app.db(|c| {
        let category: i64 = request_categories::table
            .filter(request_categories::office_id.eq(office))
            .select(request_categories::id)
            .first(c)
            .unwrap();
        let id: i64 = diesel::insert_into(requests::table)
            .values((
                requests::office_id.eq(office),
                requests::building_id.eq(building),
                requests::tenant_id.eq(Some(tenant)),
                requests::category_id.eq(category),
                requests::urgency.eq("normal"),
                requests::description.eq("Moisissure dans la chambre de l'enfant"),
                requests::status.eq(if closed.is_some() { "closed" } else { "new" }),
                requests::created_by.eq(by),
                requests::due_at.eq(at(2025, 1, 1)),
                requests::closed_at.eq(closed),
                requests::referral_contact.eq("Mme Gagnon, 450 555-0199"),
                requests::created_at.eq(at(2025, 1, 1)),
                requests::updated_at.eq(at(2025, 1, 1)),
            ))
            .returning(requests::id)
            .get_result(c)
            .unwrap();
        diesel::insert_into(request_events::table)
            .values((
                request_events::request_id.eq(id),
                request_events::office_id.eq(office),
                request_events::kind.eq("comment"),
                request_events::body.eq("Elle vit seule avec deux enfants"),
                request_events::visible_to_tenant.eq(false),
                request_events::created_at.eq(at(2025, 1, 2)),
            ))
            .execute(c)
            .unwrap();
        id
    })
}

fn message(w: &World, created: NaiveDateTime, status: &str) {
    let office = w.admin.office_id;
    w.app.db(|c| {
        diesel::insert_into(outbox::table)
            .values((
                outbox::office_id.eq(Some(office)),
                outbox::kind.eq("request_update"),
                outbox::to_address.eq("a@example.org"),
                outbox::to_name.eq("A"),
                outbox::reply_to.eq(""),
                outbox::subject.eq("Votre demande"),
                outbox::body_text.eq("Bonjour Hélène"),
                outbox::body_html.eq("<p>Bonjour Hélène</p>"),
                outbox::status.eq(status),
                outbox::attempts.eq(1),
                outbox::next_attempt_at.eq(created),
                outbox::last_error.eq(""),
                outbox::created_at.eq(created),
            ))
            .execute(c)
            .unwrap()
    });
}

fn read(w: &World, tenant: i64, when: NaiveDateTime) {
    let (office, user) = (w.admin.office_id, w.isc.id);
    w.app.db(|c| {
        diesel::insert_into(access_log::table)
            .values((
                access_log::office_id.eq(office),
                access_log::user_id.eq(user),
                access_log::at.eq(when),
                access_log::record_kind.eq("tenant"),
                access_log::record_id.eq(Some(tenant)),
                access_log::channel.eq("page"),
                access_log::row_count.eq(1),
            ))
            .execute(c)
            .unwrap()
    });
}

/// Four records past their period (one of each kind) among others that are not.
fn expired_and_current(w: &World, uploads: &Path) -> Data {
    let base = NewTenant {
        office_id: w.admin.office_id,
        building_id: w.building,
        email: "helene@example.org",
        consent_email: true,
        ..Default::default()
    };
    let gone_tenant = tenant(
        &w.app,
        NewTenant {
            move_out: Some(day(2026, 1, 1)),
            ..base
        },
    );
    let kept_tenant = tenant(
        &w.app,
        NewTenant {
            move_out: Some(day(2029, 12, 1)),
            first_name: "Luc",
            ..base
        },
    );
    let old_request = request(w, gone_tenant, Some(at(2026, 1, 1)));
    request(w, kept_tenant, Some(at(2029, 1, 1)));
    request(w, kept_tenant, None);
    let folder = uploads.join(format!("office-{}", w.admin.office_id));
    std::fs::create_dir_all(&folder).unwrap();
    let photo_file = folder.join("0123abcd");
    std::fs::write(&photo_file, b"\xFF\xD8\xFFphoto").unwrap();
    let (office, by) = (w.admin.office_id, w.isc.id);
    w.app.db(|c| {
        diesel::insert_into(request_photos::table)
            .values((
                request_photos::request_id.eq(old_request),
                request_photos::office_id.eq(office),
                request_photos::stored_name.eq("0123abcd"),
                request_photos::content_type.eq("image/jpeg"),
                request_photos::size_bytes.eq(8),
                request_photos::uploaded_by.eq(by),
                request_photos::created_at.eq(at(2025, 1, 1)),
            ))
            .execute(c)
            .unwrap()
    });
    message(w, at(2030, 1, 1), "sent");
    message(w, at(2030, 5, 20), "sent");
    message(w, at(2029, 1, 1), "pending");
    read(w, gone_tenant, at(2027, 1, 1));
    read(w, kept_tenant, at(2030, 1, 1));
    Data {
        gone_tenant,
        kept_tenant,
        old_request,
        photo_file,
    }
}

/// Each expired record changed once, the others untouched, the counts kept.
fn check_done_once(w: &World, d: &Data) {
    let names: Vec<(i64, String, String)> = w.app.db(|c| {
        tenants::table
            .order(tenants::id)
            .select((tenants::id, tenants::first_name, tenants::email))
            .load(c)
            .unwrap()
    });
    assert_eq!(
        names,
        [
            (d.gone_tenant, String::new(), String::new()),
            (d.kept_tenant, "Luc".into(), "helene@example.org".into())
        ]
    );
    let described: Vec<(i64, String, Option<i64>)> = w.app.db(|c| {
        requests::table
            .order(requests::id)
            .select((requests::id, requests::description, requests::tenant_id))
            .load(c)
            .unwrap()
    });
    assert_eq!(described[0], (d.old_request, String::new(), None));
    assert!(described[1..]
        .iter()
        .all(|(_, text, t)| !text.is_empty() && t.is_some()));
    let bodies: Vec<String> = w.app.db(|c| {
        request_events::table
            .order(request_events::id)
            .select(request_events::body)
            .load(c)
            .unwrap()
    });
    assert_eq!(bodies.iter().filter(|b| b.is_empty()).count(), 1);
    let photos: i64 = w
        .app
        .db(|c| request_photos::table.count().get_result(c).unwrap());
    assert_eq!(photos, 0);
    assert!(!d.photo_file.exists(), "the photo's file is deleted too");
    let blank: i64 = w.app.db(|c| {
        outbox::table
            .filter(outbox::body_text.eq(""))
            .count()
            .get_result(c)
            .unwrap()
    });
    assert_eq!(blank, 1);
    let reads: Vec<Option<i64>> = w.app.db(|c| {
        access_log::table
            .select(access_log::record_id)
            .load(c)
            .unwrap()
    });
    assert_eq!(reads, [Some(d.kept_tenant)]);
    let mut counts: Vec<(String, i32)> = w.app.db(|c| {
        retention_counts::table
            .select((retention_counts::kind, retention_counts::records))
            .load(c)
            .unwrap()
    });
    counts.sort();
    let expected = [
        ("access_log", 1),
        ("outbox", 1),
        ("requests", 1),
        ("tenants", 1),
    ];
    assert_eq!(counts, expected.map(|(k, n)| (k.to_owned(), n)));
}

async fn setup(office: &str) -> (World, tempfile::TempDir, Data) {
    let uploads = tempfile::tempdir().unwrap();
    let dir = uploads.path().display().to_string();
    let app = spawn_app_with(move |s| {
        s.uploads.dir = dir;
        s.mail.worker = false;
    })
    .await;
    let w = world_in(app, office);
    let data = expired_and_current(&w, uploads.path());
    (w, uploads, data)
}

#[actix_web::test]
async fn a_run_destroys_or_anonymises_what_expired_and_a_second_run_changes_nothing() {
    let (w, uploads, d) = setup("Office d'habitation de Beloeil").await;
    let periods = w.app.state.settings.retention;
    let dir = uploads.path().display().to_string();
    let first = w
        .app
        .db(|c| run_and_clean(c, &periods, &dir, run_at()).unwrap());
    assert_eq!(first.total(), 4);
    check_done_once(&w, &d);
    let again = w
        .app
        .db(|c| run_and_clean(c, &periods, &dir, run_at()).unwrap());
    assert_eq!(again.total(), 0);
    check_done_once(&w, &d);
}

/// Runs `f` on two connections of the pool at the same instant (a barrier), as two instances.
fn twice_at_once<T: Send>(
    w: &World,
    f: impl Fn(&mut passerelle::db::DbConnection) -> T + Sync,
) -> Vec<T> {
    let barrier = std::sync::Barrier::new(2);
    std::thread::scope(|s| {
        let runs: Vec<_> = (0..2)
            .map(|_| {
                let (pool, barrier, f) = (w.app.state.pool.clone(), &barrier, &f);
                s.spawn(move || {
                    let mut conn = pool.get().unwrap();
                    barrier.wait();
                    f(&mut conn)
                })
            })
            .collect();
        runs.into_iter().map(|h| h.join().unwrap()).collect()
    })
}

#[actix_web::test]
async fn two_instances_running_the_job_at_the_same_instant_run_it_once() {
    let (w, uploads, d) = setup("Office d'habitation de Chambly").await;
    let periods = w.app.state.settings.retention;
    let retention = job(periods, uploads.path().display().to_string());
    let every = Duration::from_secs(24 * 3600);
    let outcomes = twice_at_once(&w, |c| {
        passerelle::jobs::run_once(c, &retention, every, run_at()).unwrap()
    });
    let mut ran: Vec<_> = outcomes.into_iter().collect();
    ran.sort();
    assert_eq!(
        ran,
        [None, Some(4)],
        "one instance claims the period, the other skips it"
    );
    check_done_once(&w, &d);
}

#[actix_web::test]
async fn two_runs_at_the_same_instant_without_the_claim_still_change_and_count_each_record_once() {
    let (w, uploads, d) = setup("Office d'habitation de Boucherville").await;
    let periods = w.app.state.settings.retention;
    let dir = uploads.path().display().to_string();
    let totals = twice_at_once(&w, |c| {
        run_and_clean(c, &periods, &dir, run_at()).unwrap().total()
    });
    assert_eq!(totals.iter().sum::<usize>(), 4, "{totals:?}");
    check_done_once(&w, &d);
}

#[actix_web::test]
async fn the_administrator_sees_what_goes_at_the_next_run_and_others_do_not() {
    let (w, _uploads, _) = setup("Office d'habitation de Varennes").await;
    let three_years_ago = passerelle::web::format::today() - chrono::Days::new(3 * 365);
    tenant(
        &w.app,
        NewTenant {
            office_id: w.admin.office_id,
            building_id: w.building,
            move_out: Some(three_years_ago),
            ..Default::default()
        },
    );
    let admin = w.app.login(&w.admin).await;
    let (status, page) = admin.get_text("/privacy/retention").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Locataires partis") && page.contains("Prochain passage"));
    let api = w.app.api(&w.admin).await;
    let body =
        crate::helpers::json_of(api.get("/api/v1/privacy/retention").await, StatusCode::OK).await;
    let at_next: Vec<(String, i64)> = body["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            (
                k["kind"].as_str().unwrap().to_owned(),
                k["at_next_run"].as_i64().unwrap(),
            )
        })
        .collect();
    // The tenant who left three years ago goes; the one who left in January 2026 stays two years.
    assert_eq!(at_next.len(), 4);
    assert_eq!(at_next[0], ("tenants".to_owned(), 1));
    let isc = w.app.login(&w.isc).await;
    assert_eq!(
        isc.get("/privacy/retention").await.status(),
        StatusCode::FORBIDDEN
    );
}
