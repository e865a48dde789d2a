//! Request reads. Every one a person causes is restricted to the actor's office and to its scope of
//! `Resource::Requests` (`scoped!`): another office's request, or one outside a staff member's
//! department, a committee member's buildings or a tenant's own, is simply not found.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::Bool;
use diesel::IntoSql;

mod related;

pub use related::{children, events, names, photo_file, photo_ids, tenant_lang, Event, Names};

use super::sight::Sight;
use super::{Request, Status};
use crate::access::log::{self, Channel, RecordKind};
use crate::access::{Actor, Scope};
use crate::db::schema::{buildings, dwellings, request_categories, requests, tenants};
use crate::db::DbConnection;
use crate::domain::ids::{BuildingId, CategoryId, DwellingId, OfficeId, RequestId, TenantId};
use crate::domain::roles::Resource;
use crate::error::AppError;
use crate::requests::input::{RequestFilter, StatusFilter};
use crate::web::pagination::{Paged, Pagination};

/// Boxes `$query` restricted to the actor's office and scope.
macro_rules! scoped {
    ($query:expr, $actor:expr) => {{
        let actor: &Actor = $actor;
        let mut q = $query
            .filter(requests::office_id.eq(actor.office_id))
            .into_boxed();
        match actor.scope(Resource::Requests) {
            Scope::Office => {}
            Scope::Department(d) => q = q.filter(requests::department_id.eq(d)),
            // Both sides have their index (department, recorder), which SQLite and PostgreSQL
            // combine for an OR.
            Scope::DepartmentOrRecorded {
                department,
                recorder,
            } => {
                q = q.filter(
                    requests::department_id
                        .eq(department)
                        .or(requests::created_by.eq(recorder).nullable()),
                )
            }
            Scope::RecordedOrCollective {
                buildings,
                recorder,
            } => {
                q = q.filter(
                    requests::created_by.eq(recorder).or(requests::building_id
                        .eq_any(buildings.to_vec())
                        .and(requests::tenant_id.is_null())
                        .and(requests::dwelling_id.is_null())),
                )
            }
            Scope::Buildings(list) => q = q.filter(requests::building_id.eq_any(list.to_vec())),
            Scope::Tenant(t) => q = q.filter(requests::tenant_id.eq(t)),
            Scope::Nothing => q = q.filter(false.into_sql::<Bool>()),
        }
        q
    }};
}

/// Adds the filter's clauses to a scoped query.
macro_rules! filtered {
    ($query:expr, $actor:expr, $filter:expr, $now:expr) => {{
        let f: &RequestFilter = $filter;
        let mut q = scoped!($query, $actor);
        match f.status {
            Some(StatusFilter::One(s)) => q = q.filter(requests::status.eq(s)),
            Some(StatusFilter::Open) => q = q.filter(requests::status.eq_any(Status::OPEN)),
            None => {}
        }
        if let Some(c) = f.category_id {
            q = q.filter(requests::category_id.eq(c));
        }
        if let Some(b) = f.building_id {
            q = q.filter(requests::building_id.eq(b));
        }
        if let Some(u) = f.urgency {
            q = q.filter(requests::urgency.eq(u));
        }
        if let Some(d) = f.department_id {
            q = q.filter(requests::department_id.eq(d));
        }
        if f.late {
            q = q
                .filter(requests::status.eq_any(Status::OPEN))
                .filter(requests::due_at.lt($now));
        }
        q
    }};
}

/// A request with the names lists show (read from `requests` joined to its building and
/// category).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = requests)]
pub struct RequestLine {
    #[diesel(embed)]
    pub request: Request,
    #[diesel(select_expression = buildings::name)]
    pub building: String,
    #[diesel(select_expression = request_categories::code)]
    pub category_code: String,
    #[diesel(select_expression = request_categories::name)]
    pub category_name: String,
}

/// Lists count at most this many rows, and one more to tell there are more (counting a whole
/// large office's history on every page view would cost more than the page).
pub const COUNT_CAP: i64 = 10_000;

/// The requests the actor may see matching `filter`, from `offset`: newest first, or, for a
/// department queue, the latest target first. The ids are chosen on `requests` alone (its indexes
/// cover the order), then their rows are read with their names.
fn select(
    conn: &mut DbConnection,
    actor: &Actor,
    filter: &RequestFilter,
    now: NaiveDateTime,
    (offset, limit): (i64, i64),
) -> Result<Vec<RequestLine>, AppError> {
    let q = filtered!(requests::table, actor, filter, now);
    let q = match filter.department_id {
        Some(_) => q.order((requests::due_at.asc(), requests::id.asc())),
        None => q.order((requests::created_at.desc(), requests::id.desc())),
    };
    let ids: Vec<RequestId> = q
        .select(requests::id)
        .offset(offset)
        .limit(limit)
        .load(conn)?;
    let mut lines: Vec<RequestLine> = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(1_000) {
        lines.extend(
            requests::table
                .inner_join(buildings::table)
                .inner_join(request_categories::table)
                .filter(requests::id.eq_any(chunk))
                .select(RequestLine::as_select())
                .load::<RequestLine>(conn)?,
        );
    }
    let position: std::collections::HashMap<RequestId, usize> =
        ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    lines.sort_by_key(|l| position.get(&l.request.id).copied().unwrap_or(usize::MAX));
    Ok(lines)
}

/// Every open request past its target at `now`, in every office, the latest first (the daily
/// digests: a job, not a person, reads them).
pub fn late_everywhere(
    conn: &mut DbConnection,
    now: NaiveDateTime,
) -> Result<Vec<RequestLine>, AppError> {
    Ok(requests::table
        .inner_join(buildings::table)
        .inner_join(request_categories::table)
        .filter(requests::status.eq_any(Status::OPEN))
        .filter(requests::due_at.lt(now))
        .order((requests::due_at, requests::id))
        .select(RequestLine::as_select())
        .load(conn)?)
}

/// One page of the requests the actor may see matching `filter`, and how many there are (up to
/// `COUNT_CAP` + 1).
pub fn list(
    conn: &mut DbConnection,
    actor: &Actor,
    filter: &RequestFilter,
    now: NaiveDateTime,
    at: Pagination,
) -> Result<Paged<RequestLine>, AppError> {
    let items = lines(conn, actor, filter, now, at)?;
    let total = count(conn, actor, filter, now)?;
    Ok(Paged::new(items, total, at))
}

/// The requests of one page, without counting them all.
pub fn lines(
    conn: &mut DbConnection,
    actor: &Actor,
    filter: &RequestFilter,
    now: NaiveDateTime,
    at: Pagination,
) -> Result<Vec<RequestLine>, AppError> {
    select(conn, actor, filter, now, (at.offset(), at.limit()))
}

/// Every request the actor may see matching `filter` (the CSV export).
pub fn list_all(
    conn: &mut DbConnection,
    actor: &Actor,
    filter: &RequestFilter,
    now: NaiveDateTime,
) -> Result<Vec<RequestLine>, AppError> {
    select(conn, actor, filter, now, (0, i64::MAX))
}

/// How many requests the actor may see matching `filter`, up to `COUNT_CAP` + 1.
pub fn count(
    conn: &mut DbConnection,
    actor: &Actor,
    filter: &RequestFilter,
    now: NaiveDateTime,
) -> Result<i64, AppError> {
    let ids: Vec<RequestId> = filtered!(requests::table, actor, filter, now)
        .select(requests::id)
        .limit(COUNT_CAP + 1)
        .load(conn)?;
    Ok(ids.len() as i64)
}

/// One request the actor may see; `NotFound` otherwise.
pub fn find(conn: &mut DbConnection, actor: &Actor, id: RequestId) -> Result<Request, AppError> {
    Ok(scoped!(requests::table, actor)
        .filter(requests::id.eq(id))
        .select(requests::all_columns)
        .first(conn)?)
}

/// Writes down (one row) that the actor read the personal requests among `lines`, through
/// `channel`: a list page, the API's list, the CSV export.
pub fn log_lines(
    conn: &mut DbConnection,
    actor: &Actor,
    channel: Channel,
    lines: &[RequestLine],
) -> Result<(), AppError> {
    let personal = lines.iter().filter(|l| l.request.is_personal()).count();
    match personal {
        0 => Ok(()),
        n => log::read_many(conn, actor, channel, RecordKind::Request, n),
    }
}

/// One request whose photos the actor may see and add to; `NotFound` otherwise (a committee
/// member and a building-level issue it did not record).
pub fn find_for_photos(
    conn: &mut DbConnection,
    actor: &Actor,
    id: RequestId,
) -> Result<Request, AppError> {
    let r = find(conn, actor, id)?;
    match Sight::of(actor, &r).photos() {
        true => Ok(r),
        false => Err(AppError::NotFound),
    }
}

/// Where a report stands, to find the open requests it may be one more of.
#[derive(Debug, Clone, Copy)]
pub struct Spot {
    pub building_id: BuildingId,
    pub category_id: CategoryId,
    /// The report itself, once recorded.
    pub except: Option<RequestId>,
}

/// Open requests of the same building and category that a report may be one more of: the
/// candidates to link it under (building-level issues, not their children), newest first; only
/// ever within the actor's scope, whatever building the form names.
pub fn similar_open(
    conn: &mut DbConnection,
    actor: &Actor,
    spot: Spot,
) -> Result<Vec<Request>, AppError> {
    let mut q = scoped!(requests::table, actor)
        .filter(requests::building_id.eq(spot.building_id))
        .filter(requests::category_id.eq(spot.category_id))
        .filter(requests::parent_id.is_null())
        .filter(requests::status.eq_any(Status::OPEN));
    if let Some(id) = spot.except {
        q = q.filter(requests::id.ne(id));
    }
    Ok(q.order(requests::created_at.desc())
        .limit(5)
        .select(requests::all_columns)
        .load(conn)?)
}

/// One request of the office, whatever the scope (jobs, and links between requests).
pub fn find_in_office(
    conn: &mut DbConnection,
    office_id: OfficeId,
    id: RequestId,
) -> Result<Request, AppError> {
    Ok(requests::table
        .filter(requests::id.eq(id))
        .filter(requests::office_id.eq(office_id))
        .first(conn)?)
}

/// The request a follow-up link's token belongs to (anyone holding the link may answer).
pub fn by_token(conn: &mut DbConnection, token: &str) -> Result<Request, AppError> {
    if token.len() < 32 {
        return Err(AppError::NotFound);
    }
    Ok(requests::table
        .filter(requests::followup_token.eq(token))
        .first(conn)?)
}

/// The name of a building of the actor's office; `NotFound` for another office's.
pub fn building_name(
    conn: &mut DbConnection,
    actor: &Actor,
    id: BuildingId,
) -> Result<String, AppError> {
    Ok(buildings::table
        .filter(buildings::id.eq(id))
        .filter(buildings::office_id.eq(actor.office_id))
        .select(buildings::name)
        .first(conn)?)
}

/// How many requests of each category the building had since `since`, most first: (category
/// code, name, count). The whole office's, for those who handle requests.
pub fn recurring(
    conn: &mut DbConnection,
    actor: &Actor,
    building: BuildingId,
    since: NaiveDateTime,
) -> Result<Vec<(String, String, i64)>, AppError> {
    use diesel::dsl::count_star;
    Ok(requests::table
        .inner_join(request_categories::table)
        .filter(requests::office_id.eq(actor.office_id))
        .filter(requests::building_id.eq(building))
        .filter(requests::created_at.ge(since))
        .group_by((
            request_categories::id,
            request_categories::code,
            request_categories::name,
        ))
        .select((
            request_categories::code,
            request_categories::name,
            count_star(),
        ))
        .order(count_star().desc())
        .load(conn)?)
}

/// The home (dwelling, building) of a tenant of the actor's office, if any.
pub fn tenant_home(
    conn: &mut DbConnection,
    actor: &Actor,
    tenant: TenantId,
) -> Result<Option<(DwellingId, BuildingId)>, AppError> {
    Ok(tenants::table
        .inner_join(dwellings::table)
        .filter(tenants::id.eq(tenant))
        .filter(tenants::office_id.eq(actor.office_id))
        .select((dwellings::id, dwellings::building_id))
        .first(conn)
        .optional()?)
}

/// The name of a tenant of the actor's office, if any (who a request is recorded for).
pub fn tenant_name(
    conn: &mut DbConnection,
    actor: &Actor,
    tenant: TenantId,
) -> Result<Option<String>, AppError> {
    Ok(tenants::table
        .filter(tenants::id.eq(tenant))
        .filter(tenants::office_id.eq(actor.office_id))
        .select((tenants::first_name, tenants::last_name))
        .first::<(String, String)>(conn)
        .optional()?
        .map(|(f, l)| format!("{f} {l}")))
}
