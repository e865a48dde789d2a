//! Tenant requests (pole 1): recording, the lifecycle and its rules, scope, mail written to the
//! outbox, linked reports, "not ours" referrals, follow-ups and late digests, photos, the API, and
//! bounded queries.

mod api;
mod demo;
mod jobs;
mod lifecycle;
mod photos;
mod scope;
mod visibility;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use passerelle::db::schema::{
    departments, dwellings, outbox, request_categories, requests, tenants, users,
};
use passerelle::db::{self, DbConnection};
use reqwest::multipart::{Form, Part};
use reqwest::StatusCode;

use crate::helpers::{building, TestApp, TestClient, TestUser};

/// An office with an admin, an ISC, a building, a department "Entretien" that receives the
/// "entretien" category, and that category's id.
pub struct World {
    pub admin: TestUser,
    pub isc: TestUser,
    pub building: i64,
    pub department: i64,
    pub category: i64,
}

pub fn world(app: &TestApp, name: &str) -> World {
    let admin = app.office(name);
    let isc = app.user(admin.office_id, "isc");
    let b = building(app, admin.office_id, "Habitations Papineau");
    let office = admin.office_id;
    let (department, category) = app.db(|c| {
        let d: i64 = diesel::insert_into(departments::table)
            .values((
                departments::office_id.eq(office),
                departments::name.eq("Direction de l'entretien"),
                departments::email.eq("entretien@oh.example.org"),
                departments::created_at.eq(db::now()),
            ))
            .returning(departments::id)
            .get_result(c)
            .unwrap();
        let cat: i64 = request_categories::table
            .filter(request_categories::office_id.eq(office))
            .filter(request_categories::code.eq("entretien"))
            .select(request_categories::id)
            .first(c)
            .unwrap();
        diesel::update(request_categories::table.find(cat))
            .set(request_categories::department_id.eq(d))
            .execute(c)
            .unwrap();
        (d, cat)
    });
    World {
        admin,
        isc,
        building: b,
        department,
        category,
    }
}

/// A dwelling and its tenant, for a test: in which building, with which address, whether they
/// consented to email, in which language.
pub struct NewTenant<'a> {
    pub building: i64,
    pub email: &'a str,
    pub consent_email: bool,
    pub language: &'a str,
}

impl Default for NewTenant<'_> {
    fn default() -> Self {
        NewTenant {
            building: 0,
            email: "",
            consent_email: false,
            language: "fr",
        }
    }
}

/// A dwelling of the office and its tenant, as `t` describes them: (dwelling, tenant).
pub fn tenant(app: &TestApp, office: i64, t: NewTenant) -> (i64, i64) {
    let number = format!("{}", rand::random::<u16>());
    let (building, consent) = (t.building, t.consent_email);
    let (email, lang) = (t.email.to_owned(), t.language.to_owned());
    app.db(move |c| {
        let d: i64 = diesel::insert_into(dwellings::table)
            .values((
                dwellings::office_id.eq(office),
                dwellings::building_id.eq(building),
                dwellings::number.eq(&number),
                dwellings::bedrooms.eq(2),
                dwellings::adapted.eq(false),
                dwellings::created_at.eq(db::now()),
            ))
            .returning(dwellings::id)
            .get_result(c)
            .unwrap();
        let t: i64 = diesel::insert_into(tenants::table)
            .values((
                tenants::office_id.eq(office),
                tenants::dwelling_id.eq(d),
                tenants::first_name.eq("Hélène"),
                tenants::last_name.eq("Tremblay"),
                tenants::language.eq(&lang),
                tenants::phone.eq(""),
                tenants::email.eq(&email),
                tenants::household_size.eq(1),
                tenants::consent_email_at.eq(consent.then(db::now)),
                tenants::search_text.eq("helene tremblay"),
                tenants::created_at.eq(db::now()),
                tenants::updated_at.eq(db::now()),
            ))
            .returning(tenants::id)
            .get_result(c)
            .unwrap();
        (d, t)
    })
}

/// A tenant account for tenant `tenant_id`.
pub fn tenant_account(app: &TestApp, office: i64, tenant_id: i64) -> TestUser {
    let u = app.user(office, "tenant");
    app.db(|c| {
        diesel::update(users::table.find(u.id))
            .set(users::tenant_id.eq(tenant_id))
            .execute(c)
            .unwrap()
    });
    u
}

/// Records a request straight through the service, as `user`, now.
pub fn record(
    app: &TestApp,
    user: &TestUser,
    building: i64,
    category: i64,
    tenant: Option<i64>,
) -> i64 {
    let at = Report {
        building,
        category,
        tenant,
        at: db::now(),
    };
    record_at(app, user, at)
}

/// A request to record through the service: where, about whom, and when.
pub struct Report {
    pub building: i64,
    pub category: i64,
    pub tenant: Option<i64>,
    pub at: NaiveDateTime,
}

/// Records a request straight through the service, as `user`, at the report's instant.
pub fn record_at(app: &TestApp, user: &TestUser, report: Report) -> i64 {
    use passerelle::domain::ids::{BuildingId, CategoryId, TenantId};
    use passerelle::requests::{input::RequestData, service, Urgency};
    let data = RequestData {
        building_id: Some(BuildingId(report.building)),
        dwelling_id: None,
        tenant_id: report.tenant.map(TenantId),
        category_id: CategoryId(report.category),
        urgency: Urgency::Normal,
        description: "Le robinet de la cuisine fuit.".into(),
        parent_id: None,
    };
    app.db(|c| {
        let actor = actor(c, user);
        service::create(c, &actor, &data, report.at).unwrap().get()
    })
}

/// The `Actor` of a test account.
pub fn actor(conn: &mut DbConnection, user: &TestUser) -> passerelle::access::Actor {
    use passerelle::access::{find_account, load_actor};
    let account = find_account(conn, passerelle::domain::ids::UserId(user.id))
        .unwrap()
        .unwrap();
    load_actor(conn, account).unwrap()
}

/// The request's (status, version).
pub fn state_of(app: &TestApp, id: i64) -> (String, i32) {
    app.db(|c| {
        requests::table
            .find(id)
            .select((requests::status, requests::version))
            .first(c)
            .unwrap()
    })
}

/// (to, subject, body_text) of the outbox messages of `kind`, oldest first.
pub fn mails(app: &TestApp, kind: &str) -> Vec<(String, String, String)> {
    let kind = kind.to_owned();
    app.db(move |c: &mut DbConnection| {
        outbox::table
            .filter(outbox::kind.eq(kind))
            .order(outbox::id)
            .select((outbox::to_address, outbox::subject, outbox::body_text))
            .load(c)
            .unwrap()
    })
}

/// Posts the request form (multipart) with the session's CSRF token.
pub async fn post_request(
    browser: &TestClient,
    fields: &[(&str, &str)],
    photos: Vec<(&str, Vec<u8>)>,
) -> reqwest::Response {
    let mut form = Form::new().text("_csrf", browser.csrf().await);
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    for (name, data) in photos {
        form = form.part("photos", Part::bytes(data).file_name(name.to_owned()));
    }
    browser
        .http
        .post(format!("{}/requests", browser.address))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// Takes a step through the request page's form.
pub async fn step(
    browser: &TestClient,
    id: i64,
    version: i32,
    step: &str,
    extra: &[(&str, &str)],
) -> StatusCode {
    let v = version.to_string();
    let mut fields = vec![("version", v.as_str()), ("step", step)];
    fields.extend_from_slice(extra);
    browser
        .post_form(&format!("/requests/{id}/step"), &fields)
        .await
        .status()
}

/// A small valid PNG.
pub fn png() -> Vec<u8> {
    let mut v = b"\x89PNG\r\n\x1a\n".to_vec();
    v.extend_from_slice(&[0u8; 64]);
    v
}
