//! Recording a request: where it is (checked against the office and the actor's scope), its
//! category's routing and target, the building-level request it may be linked under.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::events::{record_in_journal, write_event};
use crate::access::{Actor, Scope};
use crate::db::schema::{buildings, dwellings, requests, tenants};
use crate::db::DbConnection;
use crate::domain::ids::{BuildingId, DwellingId, OfficeId, RequestId, TenantId};
use crate::domain::poles::SubActivity;
use crate::domain::roles::{Action, Reach, Resource, Role};
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::requests::categories::queries as categories;
use crate::requests::input::RequestData;
use crate::requests::{queries, EventKind, FollowupAnswer, NewEvent, NewRequest, Request, Status};

/// Whether the actor records requests about their own home only (a tenant account): the form
/// then asks for no building.
pub fn own_home(actor: &Actor) -> bool {
    actor.role.reach(Resource::Requests) == Reach::OwnTenant
}

fn unknown(field: &str) -> AppError {
    let mut e = FieldErrors::new();
    e.add(field, "err-unknown-reference");
    AppError::Validation(e)
}

/// A `NotFound` of a submitted reference is a field message, not a 404.
fn known<T>(found: Result<T, AppError>, field: &str) -> Result<T, AppError> {
    found.map_err(|e| match e {
        AppError::NotFound => unknown(field),
        e => e,
    })
}

fn exists(n: i64, field: &str) -> Result<(), AppError> {
    if n == 0 {
        return Err(unknown(field));
    }
    Ok(())
}

/// Where a new request is: its building, dwelling and tenant.
struct Place {
    building: BuildingId,
    dwelling: Option<DwellingId>,
    tenant: Option<TenantId>,
}

/// The place of a new request, checked against the office and the actor's scope; a tenant
/// account's is its own home, whatever was submitted.
fn place(conn: &mut DbConnection, actor: &Actor, data: &RequestData) -> Result<Place, AppError> {
    if own_home(actor) {
        let tenant = actor.tenant.ok_or(AppError::Forbidden)?;
        let (dwelling, building) = tenants::table
            .inner_join(dwellings::table)
            .filter(tenants::id.eq(tenant))
            .select((dwellings::id, dwellings::building_id))
            .first(conn)?;
        return Ok(Place {
            building,
            dwelling: Some(dwelling),
            tenant: Some(tenant),
        });
    }
    let building = data.building_id.ok_or_else(|| unknown("building_id"))?;
    let n = buildings::table
        .filter(buildings::id.eq(building))
        .filter(buildings::office_id.eq(actor.office_id))
        .count()
        .get_result(conn)?;
    exists(n, "building_id")?;
    if let Scope::RecordedOrCollective {
        buildings: mine, ..
    } = actor.scope(Resource::Requests)
    {
        if !mine.contains(&building) {
            return Err(unknown("building_id"));
        }
    }
    if let Some(d) = data.dwelling_id {
        let n = dwellings::table
            .filter(dwellings::id.eq(d))
            .filter(dwellings::building_id.eq(building))
            .count()
            .get_result(conn)?;
        exists(n, "dwelling_id")?;
    }
    if let Some(t) = data.tenant_id {
        let n = tenants::table
            .inner_join(dwellings::table)
            .filter(tenants::id.eq(t))
            .filter(tenants::office_id.eq(actor.office_id))
            .filter(dwellings::building_id.eq(building))
            .count()
            .get_result(conn)?;
        exists(n, "tenant_id")?;
    }
    Ok(Place {
        building,
        dwelling: data.dwelling_id,
        tenant: data.tenant_id,
    })
}

/// Records a request, routed by its category to a department with the category's target for its
/// urgency; returns its id.
pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    data: &RequestData,
    now: NaiveDateTime,
) -> Result<RequestId, AppError> {
    actor.require(Action::ReadRequests)?;
    let at = place(conn, actor, data)?;
    let category = known(
        categories::find(conn, actor.office_id, data.category_id),
        "category_id",
    )?;
    if let Some(p) = data.parent_id {
        check_parent(conn, actor.office_id, at.building, p, None)?;
    }
    let row = NewRequest {
        office_id: actor.office_id,
        building_id: at.building,
        dwelling_id: at.dwelling,
        tenant_id: at.tenant,
        category_id: category.id,
        department_id: category.department_id,
        urgency: data.urgency,
        description: &data.description,
        status: Status::New,
        parent_id: data.parent_id,
        isc_id: (actor.role == Role::Isc).then_some(actor.user_id),
        created_by: actor.user_id,
        due_at: now + chrono::Duration::hours(category.target_hours(data.urgency)),
        resolved_at: None,
        closed_at: None,
        followup_sent_at: None,
        followup_answer: FollowupAnswer::Pending,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    let r: Request = diesel::insert_into(requests::table)
        .values(&row)
        .returning(requests::all_columns)
        .get_result(conn)?;
    write_event(
        conn,
        &NewEvent::on(&r, EventKind::Created, Some(actor.user_id), now),
    )?;
    record_in_journal(conn, actor, &r, SubActivity::IntermediaireResidents, now)?;
    Ok(r.id)
}

/// A building-level request to link under: same office and building, open, not itself a child,
/// and not the request itself.
pub(super) fn check_parent(
    conn: &mut DbConnection,
    office_id: OfficeId,
    building_id: BuildingId,
    parent_id: RequestId,
    child: Option<RequestId>,
) -> Result<Request, AppError> {
    let parent = known(
        queries::find_in_office(conn, office_id, parent_id),
        "parent_id",
    )?;
    let mut e = FieldErrors::new();
    if parent.building_id != building_id || Some(parent.id) == child {
        e.add("parent_id", "err-request-link-other-building");
    } else if parent.parent_id.is_some() || !parent.status.is_open() {
        e.add("parent_id", "err-request-link-not-issue");
    }
    Ok(e.into_result(parent)?)
}
