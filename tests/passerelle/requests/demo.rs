use diesel::dsl::count_star;
use diesel::prelude::*;
use passerelle::db::schema::{dwellings, request_events, requests, users};
use passerelle::demo::{generate, Scale};
use reqwest::StatusCode;

use crate::helpers::spawn_app;

#[actix_web::test]
async fn the_demo_has_years_of_requests_in_every_status_and_its_accounts_see_their_share() {
    let app = spawn_app().await;
    let report = app
        .db(|c| generate(c, Scale::Small, "demo-password-1", 7))
        .unwrap();
    assert!(report.contains("requests"));
    let (dwelling_count, total, events): (i64, i64, i64) = app.db(|c| {
        (
            dwellings::table.count().get_result(c).unwrap(),
            requests::table.count().get_result(c).unwrap(),
            request_events::table.count().get_result(c).unwrap(),
        )
    });
    let per_dwelling_year = total as f64 / dwelling_count as f64 / 3.0;
    assert!(
        (12.0..18.0).contains(&per_dwelling_year),
        "{per_dwelling_year}"
    );
    assert!(events > total);
    let by_status: Vec<(String, i64)> = app.db(|c| {
        requests::table
            .group_by(requests::status)
            .select((requests::status, count_star()))
            .order(requests::status)
            .load(c)
            .unwrap()
    });
    let statuses: Vec<&str> = by_status.iter().map(|s| s.0.as_str()).collect();
    assert!(
        statuses.contains(&"closed")
            && statuses.contains(&"routed")
            && statuses.contains(&"waiting")
    );
    let linked: i64 = app.db(|c| {
        requests::table
            .filter(requests::parent_id.is_not_null())
            .count()
            .get_result(c)
            .unwrap()
    });
    assert!(linked > 0, "some reports are linked under a building issue");
    let email = |role: &str| -> String {
        app.db(|c| {
            users::table
                .filter(users::role.eq(role))
                .select(users::email)
                .first(c)
                .unwrap()
        })
    };
    let signed_in = |email: String| {
        let client = app.client();
        async move {
            let res = client.login(&email, "demo-password-1").await;
            assert_eq!(res.status(), StatusCode::SEE_OTHER);
            client
        }
    };
    let staff = signed_in(email("staff")).await;
    let (status, queue) = staff.get_text("/requests/queue").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        queue.contains("En retard"),
        "the queue shows late requests first"
    );
    let tenant = signed_in(email("tenant")).await;
    let (status, list) = tenant.get_text("/requests").await;
    assert_eq!(status, StatusCode::OK);
    assert!(list.contains("Réponse attendue avant") || list.contains("Aucune demande"));
}
