//! The role × resource matrix (confidentiality issue): every id-bearing route of the API, taken
//! from the OpenAPI document the service serves (so a new route is tried the day it is declared),
//! is tried by every role of one office on the records of another office, and must never answer
//! a success; and inside one office every role sees each kind of record exactly as the visibility
//! table of `domain::roles` says.

use diesel::prelude::*;
use diesel::sql_types::BigInt;
use passerelle::db::schema::{user_buildings, users};
use passerelle::demo::{generate, Scale};
use passerelle::domain::roles::{Reach, Resource, Role};
use reqwest::StatusCode;

use crate::helpers::{building, json_of, spawn_app, ApiClient, TestApp, TestUser};
use crate::requests::{record, tenant, tenant_account, world, NewTenant};
use crate::workshops::fixtures::{room, weekly};

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = BigInt)]
    id: i64,
}

/// The table whose records a path's `{id}` names, from the path's resource segment.
fn table_of(path: &str) -> Option<&'static str> {
    let rest = path.strip_prefix("/api/v1/")?;
    let rest = rest.strip_prefix("privacy/").unwrap_or(rest);
    Some(match rest.split('/').next()? {
        "buildings" => "buildings",
        "departments" => "departments",
        "dwellings" => "dwellings",
        "journal" => "journal_entries",
        "access-requests" => "access_requests",
        "incidents" => "privacy_incidents",
        "tenants" => "tenants",
        "registrations" => "workshop_registrations",
        "requests" => "requests",
        "rooms" => "community_rooms",
        "sessions" => "workshop_sessions",
        "tokens" => "api_tokens",
        "users" => "users",
        "workshops" => "workshops",
        _ => return None,
    })
}

/// One record of `table` in `office`, if it has any.
fn one_of(app: &TestApp, table: &str, office: i64) -> Option<i64> {
    app.db(|c| {
        diesel::sql_query(format!(
            "SELECT id FROM {table} WHERE office_id = {office} ORDER BY id LIMIT 1"
        ))
        .get_result::<Id>(c)
        .optional()
        .unwrap()
        .map(|r| r.id)
    })
}

/// The records of the other office the demo does not make: an API token, an access request,
/// an incident.
fn seed_what_the_demo_lacks(app: &TestApp, office: i64) {
    let admin = one_of(app, "users", office).unwrap();
    let at = "'2026-01-05 10:00:00'";
    let day = "'2026-01-05'";
    for statement in [
        format!(
            "INSERT INTO api_tokens (office_id, user_id, name, token_hash, created_at) \
             VALUES ({office}, {admin}, 'intégration', 'matrice-hash', {at})"
        ),
        format!(
            "INSERT INTO access_requests (office_id, received_on, requester, kind, due_on, \
             status, created_by, created_at, updated_at) \
             VALUES ({office}, {day}, 'Jeanne', 'access', {day}, 'received', {admin}, {at}, {at})"
        ),
        format!(
            "INSERT INTO privacy_incidents (office_id, summary, discovered_on, information, \
             people_affected, risk, created_by, created_at, updated_at) \
             VALUES ({office}, 'Courriel mal adressé', {day}, 'nom', 1, 'low', {admin}, {at}, {at})"
        ),
    ] {
        app.db(|c| diesel::sql_query(&statement).execute(c))
            .unwrap();
    }
}

/// Every (method, path) of the served document whose path names a record.
async fn id_bearing_routes(app: &TestApp) -> Vec<(String, String)> {
    let doc: serde_json::Value = app
        .client()
        .get("/api/v1/openapi.json")
        .await
        .json()
        .await
        .unwrap();
    let mut routes = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        if !path.contains("{id}") {
            continue;
        }
        for method in item.as_object().unwrap().keys() {
            if ["get", "put", "post", "delete", "patch"].contains(&method.as_str()) {
                routes.push((method.clone(), path.clone()));
            }
        }
    }
    routes
}

/// An office with one account of each role: a staff member of its department, a committee
/// member of its building, a tenant account tied to a tenant of it.
struct Office {
    accounts: Vec<(Role, TestUser)>,
}

fn office_with_every_role(app: &TestApp, name: &str) -> Office {
    let w = world(app, name);
    let office = w.admin.office_id;
    let staff = app.user(office, "staff");
    let committee = app.user(office, "committee");
    let (_, t) = tenant(
        app,
        office,
        NewTenant {
            building: w.building,
            email: "matrice@example.org",
            ..Default::default()
        },
    );
    let tenant = tenant_account(app, office, t);
    app.db(|c| {
        diesel::update(users::table.find(staff.id))
            .set(users::department_id.eq(w.department))
            .execute(c)
            .unwrap();
        diesel::insert_into(user_buildings::table)
            .values((
                user_buildings::user_id.eq(committee.id),
                user_buildings::building_id.eq(w.building),
            ))
            .execute(c)
            .unwrap();
    });
    Office {
        accounts: vec![
            (Role::Admin, w.admin),
            (Role::Isc, w.isc),
            (Role::Staff, staff),
            (Role::Committee, committee),
            (Role::Tenant, tenant),
        ],
    }
}

#[actix_web::test]
async fn no_role_reaches_another_offices_record_through_any_route_that_names_one() {
    let app = spawn_app().await;
    // The other office: the demo's, which has a record of every kind.
    app.db(|c| generate(c, Scale::Small, "demo-password-1", 7))
        .unwrap();
    let other: i64 = app.db(|c| {
        passerelle::db::schema::offices::table
            .select(passerelle::db::schema::offices::id)
            .first(c)
            .unwrap()
    });
    seed_what_the_demo_lacks(&app, other);
    let ours = office_with_every_role(&app, "OH Test");
    let routes = id_bearing_routes(&app).await;
    assert!(routes.len() >= 30, "the document lists the id routes");

    let mut tried = 0;
    let mut unseeded: Vec<&str> = Vec::new();
    let mut leaks = Vec::new();
    for (role, user) in &ours.accounts {
        let api: ApiClient = app.api(user).await;
        for (method, path) in &routes {
            let table = table_of(path).unwrap_or_else(|| panic!("which records does {path} name?"));
            let Some(id) = one_of(&app, table, other) else {
                unseeded.push(table);
                continue;
            };
            let url = path
                .replace("{id}", &id.to_string())
                .replace("{photo_id}", "1");
            let body = serde_json::json!({});
            let res = match method.as_str() {
                "get" => api.get(&url).await,
                "delete" => api.delete(&url).await,
                "put" => api.put(&url, &body).await,
                _ => api.post(&url, &body).await,
            };
            tried += 1;
            let status = res.status();
            if status.is_success() || status.is_server_error() {
                leaks.push(format!("{role:?} {method} {url} → {status}"));
            }
        }
    }
    assert!(leaks.is_empty(), "{leaks:#?}");
    assert!(unseeded.is_empty(), "no record to try: {unseeded:?}");
    eprintln!(
        "matrix: {tried} tries ({} routes × {} roles)",
        routes.len(),
        ours.accounts.len()
    );
}

/// Whether `role`, with the accounts above, sees a record of the office, from the visibility
/// table: `mine` tells whether the record is within the account's own reach (its department,
/// building, tenant record or recording).
fn sees(role: Role, resource: Resource, mine: bool) -> bool {
    match role.reach(resource) {
        Reach::Office => true,
        Reach::Nothing => false,
        _ => mine,
    }
}

#[actix_web::test]
async fn inside_one_office_each_role_sees_each_kind_of_record_as_the_visibility_table_says() {
    let app = spawn_app().await;
    let w = world(&app, "OH Test");
    let office = w.admin.office_id;
    let staff = app.user(office, "staff");
    let committee = app.user(office, "committee");
    let (_, t) = tenant(
        &app,
        office,
        NewTenant {
            building: w.building,
            email: "a@example.org",
            ..Default::default()
        },
    );
    let (_, other_tenant) = tenant(
        &app,
        office,
        NewTenant {
            building: w.building,
            email: "b@example.org",
            ..Default::default()
        },
    );
    let tenant_user = tenant_account(&app, office, t);
    app.db(|c| {
        diesel::update(users::table.find(staff.id))
            .set(users::department_id.eq(w.department))
            .execute(c)
            .unwrap();
        diesel::insert_into(user_buildings::table)
            .values((
                user_buildings::user_id.eq(committee.id),
                user_buildings::building_id.eq(w.building),
            ))
            .execute(c)
            .unwrap();
    });
    // The tenant's own request, another tenant's, and a building-level issue, all routed to the
    // staff member's department and recorded by the ISC.
    let own = record(&app, &w.isc, w.building, w.category, Some(t));
    let others = record(&app, &w.isc, w.building, w.category, Some(other_tenant));
    let collective = record(&app, &w.isc, w.building, w.category, None);
    // A workshop of the committee member's building, and one of another building.
    let elsewhere = building(&app, office, "Tour du Lac");
    let isc_api = app.api(&w.isc).await;
    let mut workshops = Vec::new();
    // Each led by its own facilitator, so that they never clash.
    for (b, facilitator) in [(w.building, w.isc.id), (elsewhere, w.admin.id)] {
        let room = room(&app, office, b, "Salle communautaire");
        let created = isc_api
            .post("/api/v1/workshops", &weekly(b, room, facilitator, 1))
            .await;
        workshops.push(
            json_of(created, StatusCode::CREATED).await["id"]
                .as_i64()
                .unwrap(),
        );
    }
    let (here, there) = (workshops[0], workshops[1]);

    let accounts = [
        (Role::Admin, &w.admin),
        (Role::Isc, &w.isc),
        (Role::Staff, &staff),
        (Role::Committee, &committee),
        (Role::Tenant, &tenant_user),
    ];
    let mut tried = 0;
    for (role, user) in accounts {
        let api = app.api(user).await;
        // (path, resource, whether the record is within this account's own reach)
        let cases = [
            (
                format!("/api/v1/requests/{own}"),
                Resource::Requests,
                role != Role::Committee,
            ),
            (
                format!("/api/v1/requests/{others}"),
                Resource::Requests,
                role == Role::Staff,
            ),
            (
                format!("/api/v1/requests/{collective}"),
                Resource::Requests,
                matches!(role, Role::Staff | Role::Committee),
            ),
            (
                format!("/api/v1/workshops/{here}"),
                Resource::Workshops,
                role == Role::Committee,
            ),
            (
                format!("/api/v1/workshops/{there}"),
                Resource::Workshops,
                false,
            ),
            (
                format!("/api/v1/privacy/tenants/{t}/consents"),
                Resource::Consents,
                false,
            ),
            (
                format!("/api/v1/privacy/tenants/{t}/consultations"),
                Resource::Consents,
                false,
            ),
        ];
        for (path, resource, mine) in cases {
            let status = api.get(&path).await.status();
            let expected = sees(role, resource, mine);
            assert_eq!(
                status == StatusCode::OK,
                expected,
                "{role:?} GET {path} answered {status}"
            );
            tried += 1;
        }
    }
    eprintln!("matrix inside one office: {tried} tries");
}
