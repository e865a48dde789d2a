use diesel::prelude::*;
use passerelle::db::schema::{user_buildings, users};
use reqwest::StatusCode;

use super::{record, step, tenant, tenant_account, world, NewTenant};
use crate::helpers::{building, spawn_app};

#[actix_web::test]
async fn each_account_sees_only_the_requests_of_its_scope() {
    let app = spawn_app().await;
    let w = world(&app, "OH Test");
    let office = w.admin.office_id;
    let other_building = building(&app, office, "Tour Saint-Michel");
    let (_, t1) = tenant(
        &app,
        office,
        NewTenant {
            building: w.building,
            email: "a@example.org",
            consent_email: true,
            ..Default::default()
        },
    );
    let (_, t2) = tenant(
        &app,
        office,
        NewTenant {
            building: other_building,
            email: "b@example.org",
            consent_email: true,
            ..Default::default()
        },
    );
    let mine = record(&app, &w.isc, w.building, w.category, Some(t1));
    let noise: i64 = {
        use passerelle::db::schema::request_categories as rc;
        app.db(|c| {
            rc::table
                .filter(rc::office_id.eq(office))
                .filter(rc::code.eq("bruit"))
                .select(rc::id)
                .first(c)
                .unwrap()
        })
    };
    let theirs = record(&app, &w.isc, other_building, noise, Some(t2));

    // Staff of the maintenance department: only its requests.
    let staff = app.user(office, "staff");
    app.db(|c| {
        diesel::update(users::table.find(staff.id))
            .set(users::department_id.eq(w.department))
            .execute(c)
            .unwrap()
    });
    let browser = app.login(&staff).await;
    assert_eq!(
        browser.get(&format!("/requests/{mine}")).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        browser.get(&format!("/requests/{theirs}")).await.status(),
        StatusCode::NOT_FOUND
    );
    let (status, queue) = browser.get_text("/requests/queue").await;
    assert_eq!(status, StatusCode::OK);
    assert!(queue.contains(&format!("#{mine}")) && !queue.contains(&format!("#{theirs}")));

    // A committee member: the building-level issues of their buildings, never a tenant's own
    // request, even in their buildings.
    let collective = record(&app, &w.isc, other_building, noise, None);
    let committee = app.user(office, "committee");
    app.db(|c| {
        diesel::insert_into(user_buildings::table)
            .values((
                user_buildings::user_id.eq(committee.id),
                user_buildings::building_id.eq(other_building),
            ))
            .execute(c)
            .unwrap()
    });
    let browser = app.login(&committee).await;
    let (_, list) = browser.get_text("/requests").await;
    assert!(list.contains(&format!("#{collective}")));
    assert!(!list.contains(&format!("#{theirs}")) && !list.contains(&format!("#{mine}")));
    for private in [mine, theirs] {
        assert_eq!(
            browser.get(&format!("/requests/{private}")).await.status(),
            StatusCode::NOT_FOUND
        );
    }
    assert_eq!(
        step(&browser, collective, 1, "route", &[]).await,
        StatusCode::FORBIDDEN
    );

    // A tenant: only their own, never internal comments.
    let isc = app.login(&w.isc).await;
    isc.post_form(
        &format!("/requests/{mine}/comments"),
        &[("body", "Note interne confidentielle")],
    )
    .await;
    isc.post_form(
        &format!("/requests/{mine}/comments"),
        &[("body", "Réponse au locataire"), ("visible", "on")],
    )
    .await;
    let account = tenant_account(&app, office, t1);
    let browser = app.login(&account).await;
    let (status, page) = browser.get_text(&format!("/requests/{mine}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Réponse au locataire"));
    assert!(!page.contains("Note interne confidentielle"));
    assert!(
        !page.contains("Transmettre à la direction"),
        "tenants take no steps"
    );
    assert_eq!(
        browser.get(&format!("/requests/{theirs}")).await.status(),
        StatusCode::NOT_FOUND
    );
    let (_, list) = browser.get_text("/requests").await;
    assert!(list.contains(&format!("#{mine}")) && !list.contains(&format!("#{theirs}")));

    // Another office's ISC: nothing.
    let stranger = world(&app, "OH Ailleurs");
    let browser = app.login(&stranger.isc).await;
    assert_eq!(
        browser.get(&format!("/requests/{mine}")).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        step(&browser, mine, 1, "route", &[]).await,
        StatusCode::NOT_FOUND
    );
}

#[actix_web::test]
async fn a_tenant_records_a_request_about_their_own_home() {
    let app = spawn_app().await;
    let w = world(&app, "OH Test");
    let office = w.admin.office_id;
    let other = building(&app, office, "Autre immeuble");
    let (dwelling, t) = tenant(
        &app,
        office,
        NewTenant {
            building: w.building,
            email: "a@example.org",
            consent_email: true,
            ..Default::default()
        },
    );
    let account = tenant_account(&app, office, t);
    let browser = app.login(&account).await;
    let (status, form) = browser.get_text("/requests/new").await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("concerne votre logement"));
    let (cat, b) = (w.category.to_string(), other.to_string());
    // The building sent is ignored: a tenant's request is about their home.
    let res = super::post_request(
        &browser,
        &[
            ("building_id", &b),
            ("category_id", &cat),
            ("description", "Coquerelles"),
        ],
        vec![],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    use passerelle::db::schema::requests;
    let row: (i64, Option<i64>, Option<i64>) = app.db(|c| {
        requests::table
            .select((
                requests::building_id,
                requests::dwelling_id,
                requests::tenant_id,
            ))
            .first(c)
            .unwrap()
    });
    assert_eq!(row, (w.building, Some(dwelling), Some(t)));
}

#[actix_web::test]
async fn the_request_list_and_page_run_a_bounded_number_of_queries() {
    let app = spawn_app().await;
    let w = world(&app, "OH Test");
    let staff = app.user(w.admin.office_id, "staff");
    app.db(|c| {
        diesel::update(users::table.find(staff.id))
            .set(users::department_id.eq(w.department))
            .execute(c)
            .unwrap()
    });
    let add = |n: usize| {
        for _ in 0..n {
            record(&app, &w.isc, w.building, w.category, None);
        }
    };
    add(10);
    let isc = app.login(&w.isc).await;
    let staff = app.login(&staff).await;
    let first = record(&app, &w.isc, w.building, w.category, None);
    let count = |b: &'static str, path: String| {
        let (browser, app) = (if b == "isc" { &isc } else { &staff }, &app);
        async move {
            let before = app.queries();
            assert_eq!(browser.get(&path).await.status(), StatusCode::OK, "{path}");
            app.queries() - before
        }
    };
    let list = count("isc", "/requests".into()).await;
    let filtered = count("isc", "/requests?status=open&urgency=normal&late=1".into()).await;
    let queue = count("staff", "/requests/queue".into()).await;
    let page = count("isc", format!("/requests/{first}")).await;
    let building_page = count("isc", format!("/buildings/{}/requests", w.building)).await;
    add(190);
    assert_eq!(count("isc", "/requests".into()).await, list);
    assert_eq!(
        count("isc", "/requests?status=open&urgency=normal&late=1".into()).await,
        filtered
    );
    assert_eq!(count("staff", "/requests/queue".into()).await, queue);
    assert_eq!(count("isc", format!("/requests/{first}")).await, page);
    assert_eq!(
        count("isc", format!("/buildings/{}/requests", w.building)).await,
        building_page
    );
    let (_, overview) = isc
        .get_text(&format!("/buildings/{}/requests", w.building))
        .await;
    assert!(overview.contains("<span class=\"stat-number\">201</span>"));
    let csv = isc.get("/requests.csv?status=open").await;
    assert_eq!(csv.status(), StatusCode::OK);
    assert_eq!(csv.text().await.unwrap().lines().count(), 202);
}

#[actix_web::test]
async fn the_admin_gives_a_committee_account_its_buildings_and_a_tenant_account_its_tenant() {
    let app = spawn_app().await;
    let w = world(&app, "OH Test");
    let office = w.admin.office_id;
    let stranger = world(&app, "OH Ailleurs");
    let committee = app.user(office, "committee");
    let account = app.user(office, "tenant");
    let (_, t) = tenant(
        &app,
        office,
        NewTenant {
            building: w.building,
            email: "a@example.org",
            consent_email: true,
            ..Default::default()
        },
    );
    let id = record(&app, &w.isc, w.building, w.category, Some(t));
    let collective = record(&app, &w.isc, w.building, w.category, None);
    let admin = app.login(&w.admin).await;
    let (status, page) = admin
        .get_text(&format!("/users/{}/scope", committee.id))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Habitations Papineau"));
    let foreign = stranger.building.to_string();
    let res = admin
        .post_form(
            &format!("/users/{}/scope", committee.id),
            &[("building_id", &foreign)],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let mine = w.building.to_string();
    let res = admin
        .post_form(
            &format!("/users/{}/scope", committee.id),
            &[("building_id", &mine)],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let browser = app.login(&committee).await;
    assert_eq!(
        browser
            .get(&format!("/requests/{collective}"))
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        browser.get(&format!("/requests/{id}")).await.status(),
        StatusCode::NOT_FOUND,
        "a tenant's own request is not the committee's business"
    );
    let res = admin
        .post_form(
            &format!("/users/{}/scope", account.id),
            &[("tenant_id", &t.to_string())],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let browser = app.login(&account).await;
    assert_eq!(
        browser.get(&format!("/requests/{id}")).await.status(),
        StatusCode::OK
    );
    let isc = app.login(&w.isc).await;
    assert_eq!(
        isc.get(&format!("/users/{}/scope", account.id))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}

#[actix_web::test]
async fn the_building_page_links_to_its_requests_only_for_those_who_handle_them() {
    let app = spawn_app().await;
    let w = world(&app, "OH Lien");
    let link = format!("/buildings/{}/requests", w.building);
    let (status, page) = app
        .login(&w.isc)
        .await
        .get_text(&format!("/buildings/{}", w.building))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(&link));
    let committee = app.user(w.admin.office_id, "committee");
    let member = app.login(&committee).await;
    let (status, page) = member.get_text(&format!("/buildings/{}", w.building)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !page.contains(&link),
        "no link to a page that would refuse them"
    );
    assert_eq!(member.get(&link).await.status(), StatusCode::FORBIDDEN);
}
