//! What happens when a request is recorded, takes a step, gets a comment or is linked: the rules, one
//! transaction each (the caller's), the events, the journal entries and the mail to enqueue.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rand::Rng;
use serde::{Deserialize, Serialize};

use super::mail::{self, Mailer};
use super::{categories, store, Request, Scope, Status, Step, Urgency, Viewer, TEXT_MAX};
use crate::db::schema::{buildings, dwellings, request_events, requests, tenants, user_buildings};
use crate::db::DbConnection;
use crate::domain::ids::{BuildingId, OfficeId, UserId};
use crate::domain::poles::SubActivity;
use crate::domain::roles::Role;
use crate::domain::{validate, FieldErrors};
use crate::error::AppError;
use crate::journal::{self, Recording, Source};

/// A request as submitted by a form or the API (ids as strings; empty means none).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct RequestInput {
    pub building_id: Option<String>,
    pub dwelling_id: Option<String>,
    pub tenant_id: Option<String>,
    pub category_id: Option<String>,
    /// low, normal (default) or urgent
    pub urgency: Option<String>,
    pub description: Option<String>,
    /// An open request of the same building to link this one under.
    pub parent_id: Option<String>,
}

/// A step as submitted: the version read, the step, an optional comment, and for "not ours" the
/// referral.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct StepInput {
    pub version: Option<String>,
    /// route, start, wait, resolve, close, close_not_ours, reopen
    pub step: Option<String>,
    pub comment: Option<String>,
    /// "on"/"true": the comment is visible to the tenant.
    pub visible: Option<String>,
    pub referral_resource: Option<String>,
    pub referral_contact: Option<String>,
    pub referral_told: Option<String>,
}

/// A comment as submitted.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct CommentInput {
    pub body: Option<String>,
    /// "on"/"true": visible to the tenant (always, for tenants and committee members).
    pub visible: Option<String>,
}

/// A link as submitted: the version read and the building-level request to link under (empty: unlink).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct LinkInput {
    pub version: Option<String>,
    pub parent_id: Option<String>,
}

fn opt_id(e: &mut FieldErrors, field: &str, v: Option<&str>) -> Option<i64> {
    match v.map(str::trim) {
        None | Some("") => None,
        Some(s) => s.parse::<i64>().ok().or_else(|| {
            e.add(field, "err-unknown-reference");
            Some(-1)
        }),
    }
}

fn version(e: &mut FieldErrors, v: Option<&str>) -> i32 {
    validate::integer(e, "version", v, 1, i64::from(i32::MAX), None) as i32
}

fn unknown(field: &str) -> AppError {
    let mut e = FieldErrors::new();
    e.add(field, "err-unknown-reference");
    AppError::Validation(e)
}

fn exists(n: i64, field: &str) -> Result<(), AppError> {
    if n == 0 {
        return Err(unknown(field));
    }
    Ok(())
}

/// The building, dwelling and tenant of a new request, checked against the office and the viewer's
/// scope; a tenant account's come from its own tenant record.
fn place(
    conn: &mut DbConnection,
    viewer: &Viewer,
    building: Option<i64>,
    dwelling: Option<i64>,
    tenant: Option<i64>,
) -> Result<(i64, Option<i64>, Option<i64>), AppError> {
    if let Scope::Tenant(t) = viewer.scope {
        let t = t.ok_or(AppError::Forbidden)?;
        let (d, b): (i64, i64) = tenants::table
            .inner_join(dwellings::table)
            .filter(tenants::id.eq(t))
            .select((dwellings::id, dwellings::building_id))
            .first(conn)?;
        return Ok((b, Some(d), Some(t)));
    }
    let b = building.ok_or_else(|| unknown("building_id"))?;
    let n = buildings::table
        .filter(buildings::id.eq(b))
        .filter(buildings::office_id.eq(viewer.office_id))
        .count()
        .get_result(conn)?;
    exists(n, "building_id")?;
    if viewer.scope == Scope::Buildings {
        let n = user_buildings::table
            .filter(user_buildings::user_id.eq(viewer.user_id))
            .filter(user_buildings::building_id.eq(b))
            .count()
            .get_result(conn)?;
        exists(n, "building_id")?;
    }
    if let Some(d) = dwelling {
        let n = dwellings::table
            .filter(dwellings::id.eq(d))
            .filter(dwellings::building_id.eq(b))
            .count()
            .get_result(conn)?;
        exists(n, "dwelling_id")?;
    }
    if let Some(t) = tenant {
        let n = tenants::table
            .inner_join(dwellings::table)
            .filter(tenants::id.eq(t))
            .filter(tenants::office_id.eq(viewer.office_id))
            .filter(dwellings::building_id.eq(b))
            .count()
            .get_result(conn)?;
        exists(n, "tenant_id")?;
    }
    Ok((b, dwelling, tenant))
}

/// Records a request; returns its id.
pub fn create(
    conn: &mut DbConnection,
    viewer: &Viewer,
    input: &RequestInput,
    now: NaiveDateTime,
) -> Result<i64, AppError> {
    let mut e = FieldErrors::new();
    let description = validate::required(
        &mut e,
        "description",
        input.description.as_deref().unwrap_or(""),
        TEXT_MAX,
    );
    let urgency = validate::choice(
        &mut e,
        "urgency",
        input.urgency.as_deref(),
        &["low", "normal", "urgent"],
        Some("normal"),
    );
    let urgency = Urgency::parse(urgency).unwrap_or(Urgency::Normal);
    let building = opt_id(&mut e, "building_id", input.building_id.as_deref());
    if building.is_none() && !matches!(viewer.scope, Scope::Tenant(_)) {
        e.add("building_id", "err-required");
    }
    let dwelling = opt_id(&mut e, "dwelling_id", input.dwelling_id.as_deref());
    let tenant = opt_id(&mut e, "tenant_id", input.tenant_id.as_deref());
    let category = opt_id(&mut e, "category_id", input.category_id.as_deref());
    if category.is_none() {
        e.add("category_id", "err-required");
    }
    let parent = opt_id(&mut e, "parent_id", input.parent_id.as_deref());
    if !e.is_empty() {
        return Err(e.into());
    }
    let (building, dwelling, tenant) = place(conn, viewer, building, dwelling, tenant)?;
    let category = categories::find(conn, viewer.office_id, category.unwrap_or(-1))
        .map_err(|_| unknown("category_id"))?;
    if let Some(p) = parent {
        check_parent(conn, viewer.office_id, building, p, None)?;
    }
    let due_at = now + chrono::Duration::hours(category.target_hours(urgency));
    let id: i64 = diesel::insert_into(requests::table)
        .values((
            requests::office_id.eq(viewer.office_id),
            requests::building_id.eq(building),
            requests::dwelling_id.eq(dwelling),
            requests::tenant_id.eq(tenant),
            requests::category_id.eq(category.id),
            requests::department_id.eq(category.department_id),
            requests::urgency.eq(urgency.as_str()),
            requests::description.eq(&description),
            requests::status.eq(Status::New.as_str()),
            requests::parent_id.eq(parent),
            requests::isc_id.eq((viewer.role == Role::Isc).then_some(viewer.user_id)),
            requests::created_by.eq(viewer.user_id),
            requests::due_at.eq(due_at),
            requests::created_at.eq(now),
            requests::updated_at.eq(now),
        ))
        .returning(requests::id)
        .get_result(conn)?;
    event(
        conn,
        viewer.office_id,
        id,
        "created",
        None,
        "",
        true,
        Some(viewer.user_id),
        now,
    )?;
    record_in_journal(conn, viewer, building, id, "intermediaire_residents", now)?;
    Ok(id)
}

/// A building-level request to link under: same office and building, open, not itself a child, and
/// not the request itself.
fn check_parent(
    conn: &mut DbConnection,
    office_id: i64,
    building_id: i64,
    parent_id: i64,
    child: Option<i64>,
) -> Result<Request, AppError> {
    let parent =
        store::find_in_office(conn, office_id, parent_id).map_err(|_| unknown("parent_id"))?;
    let mut e = FieldErrors::new();
    if parent.building_id != building_id || Some(parent.id) == child {
        e.add("parent_id", "err-request-link-other-building");
    } else if parent.parent_id.is_some() || !parent.status().is_open() {
        e.add("parent_id", "err-request-link-not-issue");
    }
    e.into_result(parent).map_err(AppError::from)
}

/// Writes one step or comment.
#[allow(clippy::too_many_arguments)]
pub(crate) fn event(
    conn: &mut DbConnection,
    office_id: i64,
    request_id: i64,
    kind: &str,
    change: Option<(Status, Status)>,
    body: &str,
    visible: bool,
    author: Option<i64>,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let (from, to) = change.map_or(("", ""), |(f, t)| (f.as_str(), t.as_str()));
    diesel::insert_into(request_events::table)
        .values((
            request_events::request_id.eq(request_id),
            request_events::office_id.eq(office_id),
            request_events::kind.eq(kind),
            request_events::from_status.eq(from),
            request_events::to_status.eq(to),
            request_events::body.eq(body),
            request_events::visible_to_tenant.eq(visible),
            request_events::author_id.eq(author),
            request_events::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// An ISC's step writes a pole-1 entry of her practice journal.
fn record_in_journal(
    conn: &mut DbConnection,
    viewer: &Viewer,
    building_id: i64,
    request_id: i64,
    sub_activity: &str,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    if viewer.role != Role::Isc {
        return Ok(());
    }
    let Some(sub_activity) = SubActivity::parse(sub_activity) else {
        return Ok(());
    };
    let entry = Recording {
        office_id: OfficeId(viewer.office_id),
        author_id: UserId(viewer.user_id),
        sub_activity,
        occurred_on: crate::web::format::local_time(now).date(),
        duration_minutes: 15,
        building_id: Some(BuildingId(building_id)),
        people_reached: 1,
        note: format!("#{request_id}"),
        source: Source::Request,
    };
    journal::record(conn, &entry)?;
    Ok(())
}

/// The changes one step makes to a request.
#[derive(AsChangeset, Default)]
#[diesel(table_name = requests)]
struct StepChanges {
    status: String,
    version: i32,
    updated_at: NaiveDateTime,
    department_id: Option<Option<i64>>,
    resolved_at: Option<Option<NaiveDateTime>>,
    closed_at: Option<Option<NaiveDateTime>>,
    referral_resource: Option<String>,
    referral_contact: Option<String>,
    referral_told: Option<String>,
    followup_token: Option<Option<String>>,
    followup_sent_at: Option<Option<NaiveDateTime>>,
    followup_answer: Option<String>,
}

/// The referral of a "not ours" closure.
#[derive(Debug, Clone, Default)]
pub struct Referral {
    pub resource: String,
    pub contact: String,
    pub told: String,
}

fn token() -> String {
    let bytes: [u8; 24] = rand::thread_rng().gen();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Moves `r` by `step` if nobody changed it since `r` was read; `Conflict` otherwise.
pub(crate) fn apply(
    conn: &mut DbConnection,
    r: &Request,
    step: Step,
    department_id: Option<i64>,
    referral: Option<&Referral>,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let mut c = StepChanges {
        status: step.target().as_str().to_owned(),
        version: r.version + 1,
        updated_at: now,
        ..Default::default()
    };
    match step {
        Step::Route => c.department_id = Some(department_id),
        Step::Resolve => {
            c.resolved_at = Some(Some(now));
            c.followup_token = Some(Some(token()));
        }
        Step::Close => c.closed_at = Some(Some(now)),
        Step::CloseNotOurs => {
            c.closed_at = Some(Some(now));
            let f = referral.cloned().unwrap_or_default();
            c.referral_resource = Some(f.resource);
            c.referral_contact = Some(f.contact);
            c.referral_told = Some(f.told);
        }
        Step::Reopen => {
            c.resolved_at = Some(None);
            c.closed_at = Some(None);
            c.followup_token = Some(None);
            c.followup_sent_at = Some(None);
        }
        Step::Start | Step::Wait => {}
    }
    let changed = diesel::update(
        requests::table
            .filter(requests::id.eq(r.id))
            .filter(requests::version.eq(r.version)),
    )
    .set(&c)
    .execute(conn)?;
    if changed == 0 {
        return Err(AppError::Conflict("err-request-stale"));
    }
    Ok(())
}

fn referral_of(input: &StepInput, e: &mut FieldErrors) -> Referral {
    let mut req = |field: &str, v: &Option<String>| {
        validate::required(e, field, v.as_deref().unwrap_or(""), 500)
    };
    Referral {
        resource: req("referral_resource", &input.referral_resource),
        contact: req("referral_contact", &input.referral_contact),
        told: req("referral_told", &input.referral_told),
    }
}

/// Takes a step on request `id` as `viewer`: checks the version read, that the step is allowed from
/// the current status, and its own requirements (a department to route to, a referral for "not
/// ours"); then writes the step, tells the department or the tenant, and carries the answer to the
/// requests linked under this one.
pub fn take_step(
    conn: &mut DbConnection,
    mailer: &Mailer,
    viewer: &Viewer,
    id: i64,
    input: &StepInput,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    if !viewer.handles() {
        return Err(AppError::Forbidden);
    }
    let r = store::find(conn, viewer, id)?;
    let mut e = FieldErrors::new();
    let read_version = version(&mut e, input.version.as_deref());
    let step = Step::parse(input.step.as_deref().unwrap_or(""));
    match step {
        None => e.add("step", "err-invalid-choice"),
        Some(s) if !s.allowed(r.status()) => e.add("step", "err-request-step-not-allowed"),
        _ => {}
    }
    let comment = validate::optional(&mut e, "comment", input.comment.as_deref(), TEXT_MAX);
    let referral = (step == Some(Step::CloseNotOurs)).then(|| referral_of(input, &mut e));
    let department = if step == Some(Step::Route) {
        let d = categories::find(conn, viewer.office_id, r.category_id)?.department_id;
        if d.is_none() {
            e.add("step", "err-request-no-department");
        }
        d
    } else {
        r.department_id
    };
    let step = match (e.into_result(()), step) {
        (Ok(()), Some(s)) => s,
        (Err(e), _) => return Err(e.into()),
        (Ok(()), None) => return Err(AppError::BadRequest("err-bad-request")),
    };
    if read_version != r.version {
        return Err(AppError::Conflict("err-request-stale"));
    }
    let visible = validate::checkbox(input.visible.as_deref());
    step_one(
        conn,
        mailer,
        viewer,
        &r,
        step,
        department,
        referral.as_ref(),
        &comment,
        visible,
        now,
    )?;
    record_in_journal(
        conn,
        viewer,
        r.building_id,
        r.id,
        "intermediaire_residents",
        now,
    )?;
    if matches!(step, Step::Resolve | Step::Close | Step::CloseNotOurs) {
        for child in store::children(conn, r.id)? {
            let s = child.status();
            if s != step.target() && (s.is_open() || s == Status::Resolved) {
                let (dep, ref_) = (child.department_id, referral.as_ref());
                step_one(
                    conn, mailer, viewer, &child, step, dep, ref_, &comment, visible, now,
                )?;
            }
        }
    }
    Ok(())
}

/// Applies one step to one request: the change, its event, and its mail.
#[allow(clippy::too_many_arguments)]
fn step_one(
    conn: &mut DbConnection,
    mailer: &Mailer,
    viewer: &Viewer,
    r: &Request,
    step: Step,
    department: Option<i64>,
    referral: Option<&Referral>,
    comment: &str,
    visible: bool,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    apply(conn, r, step, department, referral, now)?;
    let change = Some((r.status(), step.target()));
    let author = Some(viewer.user_id);
    // The change of status is always visible to the tenant; an internal comment is kept apart.
    let shown = if visible { comment } else { "" };
    event(
        conn,
        r.office_id,
        r.id,
        "step",
        change,
        shown,
        true,
        author,
        now,
    )?;
    if !visible && !comment.is_empty() {
        event(
            conn,
            r.office_id,
            r.id,
            "comment",
            None,
            comment,
            false,
            author,
            now,
        )?;
    }
    if step == Step::Route {
        if let Some(d) = department {
            mail::routed(conn, mailer, r, d)?;
        }
    }
    let message = (!shown.is_empty()).then_some(shown);
    mail::tenant_update(conn, mailer, r, Some(step.target()), message, referral)?;
    Ok(())
}

/// Adds a comment. Tenants and committee members write only visible comments; a visible comment on a
/// building-level request is carried to the requests linked under it, and each tenant is told.
pub fn comment(
    conn: &mut DbConnection,
    mailer: &Mailer,
    viewer: &Viewer,
    id: i64,
    input: &CommentInput,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let r = store::find(conn, viewer, id)?;
    let mut e = FieldErrors::new();
    let body = validate::required(
        &mut e,
        "body",
        input.body.as_deref().unwrap_or(""),
        TEXT_MAX,
    );
    e.into_result(())?;
    let visible = !viewer.handles() || validate::checkbox(input.visible.as_deref());
    let author = Some(viewer.user_id);
    event(
        conn,
        r.office_id,
        r.id,
        "comment",
        None,
        &body,
        visible,
        author,
        now,
    )?;
    record_in_journal(
        conn,
        viewer,
        r.building_id,
        r.id,
        "accompagnement_services",
        now,
    )?;
    if visible && viewer.handles() {
        mail::tenant_update(conn, mailer, &r, None, Some(&body), None)?;
        for child in store::children(conn, r.id)? {
            event(
                conn,
                r.office_id,
                child.id,
                "comment",
                None,
                &body,
                true,
                author,
                now,
            )?;
            mail::tenant_update(conn, mailer, &child, None, Some(&body), None)?;
        }
    }
    Ok(())
}

/// Links request `id` under a building-level request (or unlinks it), if the version read is current.
pub fn link(
    conn: &mut DbConnection,
    viewer: &Viewer,
    id: i64,
    input: &LinkInput,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    if !viewer.handles() {
        return Err(AppError::Forbidden);
    }
    let r = store::find(conn, viewer, id)?;
    let mut e = FieldErrors::new();
    let read_version = version(&mut e, input.version.as_deref());
    let parent = opt_id(&mut e, "parent_id", input.parent_id.as_deref());
    e.into_result(())?;
    if let Some(p) = parent {
        check_parent(conn, viewer.office_id, r.building_id, p, Some(r.id))?;
        if !store::children(conn, r.id)?.is_empty() {
            let mut e = FieldErrors::new();
            e.add("parent_id", "err-request-link-has-children");
            return Err(e.into());
        }
    }
    if read_version != r.version {
        return Err(AppError::Conflict("err-request-stale"));
    }
    let changed = diesel::update(
        requests::table
            .filter(requests::id.eq(r.id))
            .filter(requests::version.eq(r.version)),
    )
    .set((
        requests::parent_id.eq(parent),
        requests::version.eq(r.version + 1),
        requests::updated_at.eq(now),
    ))
    .execute(conn)?;
    if changed == 0 {
        return Err(AppError::Conflict("err-request-stale"));
    }
    let body = parent.map(|p| format!("#{p}")).unwrap_or_default();
    event(
        conn,
        r.office_id,
        r.id,
        "link",
        None,
        &body,
        false,
        Some(viewer.user_id),
        now,
    )?;
    Ok(())
}
