//! Request queries. Every one is restricted to the viewer's office and scope (`scoped!`), so another
//! office's request, or one outside a staff member's department, a committee's buildings or a
//! tenant's own, is simply not found.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::filter::StatusFilter;
use super::{Request, RequestFilter, Scope, Status, Viewer};
use crate::db::schema::{
    buildings, dwellings, request_categories, request_events, request_photos, requests, tenants,
    user_buildings, users,
};
use crate::db::DbConnection;
use crate::error::AppError;

/// Boxes `$query` restricted to the viewer's office and scope.
macro_rules! scoped {
    ($query:expr, $viewer:expr) => {{
        let v: &Viewer = $viewer;
        let mut q = $query
            .filter(requests::office_id.eq(v.office_id))
            .into_boxed();
        match v.scope {
            Scope::Office => {}
            // Only the department's: an `OR created_by` here would keep the department index
            // from serving the queue.
            Scope::Department(d) => q = q.filter(requests::department_id.eq(d.unwrap_or(-1))),
            Scope::Buildings => {
                q = q.filter(
                    requests::building_id.eq_any(
                        user_buildings::table
                            .filter(user_buildings::user_id.eq(v.user_id))
                            .select(user_buildings::building_id),
                    ),
                )
            }
            Scope::Tenant(t) => q = q.filter(requests::tenant_id.eq(t.unwrap_or(-1))),
        }
        q
    }};
}

/// Adds the filter's clauses to a scoped query.
macro_rules! filtered {
    ($query:expr, $viewer:expr, $filter:expr, $now:expr) => {{
        let f: &RequestFilter = $filter;
        let mut q = scoped!($query, $viewer);
        match f.status {
            Some(StatusFilter::One(s)) => q = q.filter(requests::status.eq(s.as_str())),
            Some(StatusFilter::Open) => q = q.filter(requests::status.eq_any(Status::open_codes())),
            None => {}
        }
        if let Some(c) = f.category_id {
            q = q.filter(requests::category_id.eq(c));
        }
        if let Some(b) = f.building_id {
            q = q.filter(requests::building_id.eq(b));
        }
        if let Some(u) = f.urgency {
            q = q.filter(requests::urgency.eq(u.as_str()));
        }
        if let Some(d) = f.department_id {
            q = q.filter(requests::department_id.eq(d));
        }
        if f.late {
            q = q
                .filter(requests::status.eq_any(Status::open_codes()))
                .filter(requests::due_at.lt($now));
        }
        q
    }};
}

/// A request with the names lists show.
#[derive(Debug, Clone, Queryable)]
pub struct RequestLine {
    pub request: Request,
    pub building: String,
    pub category_code: String,
    pub category_name: String,
}

/// One page of the requests the viewer may see, matching `filter`: newest first, or, for a
/// department queue, the latest target first. The page's ids are chosen on `requests` alone (its
/// indexes cover the order), then their rows are read with their names.
pub fn list(
    conn: &mut DbConnection,
    viewer: &Viewer,
    filter: &RequestFilter,
    now: NaiveDateTime,
    offset: i64,
    limit: i64,
) -> Result<Vec<RequestLine>, AppError> {
    let q = filtered!(requests::table, viewer, filter, now);
    let q = if filter.department_id.is_some() {
        q.order((requests::due_at.asc(), requests::id.asc()))
    } else {
        q.order((requests::created_at.desc(), requests::id.desc()))
    };
    let ids: Vec<i64> = q
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
                .select((
                    requests::all_columns,
                    buildings::name,
                    request_categories::code,
                    request_categories::name,
                ))
                .load::<RequestLine>(conn)?,
        );
    }
    let position: std::collections::HashMap<i64, usize> =
        ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    lines.sort_by_key(|l| position.get(&l.request.id).copied().unwrap_or(usize::MAX));
    Ok(lines)
}

/// Lists count at most this many rows (counting a whole large office's history on every page view
/// would cost more than the page); the pager then says "10,000 or more".
pub const COUNT_CAP: i64 = 10_000;

/// How many requests `list` would give, up to `COUNT_CAP` + 1.
pub fn count(
    conn: &mut DbConnection,
    viewer: &Viewer,
    filter: &RequestFilter,
    now: NaiveDateTime,
) -> Result<i64, AppError> {
    let ids: Vec<i64> = filtered!(requests::table, viewer, filter, now)
        .select(requests::id)
        .limit(COUNT_CAP + 1)
        .load(conn)?;
    Ok(ids.len() as i64)
}

/// One request the viewer may see; `NotFound` otherwise.
pub fn find(conn: &mut DbConnection, viewer: &Viewer, id: i64) -> Result<Request, AppError> {
    Ok(scoped!(requests::table, viewer)
        .filter(requests::id.eq(id))
        .select(requests::all_columns)
        .first(conn)?)
}

/// One request of the office, whatever the scope (jobs and links between requests).
pub fn find_in_office(
    conn: &mut DbConnection,
    office_id: i64,
    id: i64,
) -> Result<Request, AppError> {
    Ok(requests::table
        .filter(requests::id.eq(id))
        .filter(requests::office_id.eq(office_id))
        .first(conn)?)
}

/// A step or comment with its author's name.
#[derive(Debug, Clone, Queryable, serde::Serialize, utoipa::ToSchema)]
pub struct Event {
    pub id: i64,
    pub request_id: i64,
    /// created, step or comment
    pub kind: String,
    pub from_status: String,
    pub to_status: String,
    pub body: String,
    pub visible_to_tenant: bool,
    pub author_id: Option<i64>,
    pub created_at: NaiveDateTime,
    pub author: Option<String>,
}

/// The request's steps and comments, oldest first; internal ones only for those who handle requests.
pub fn events(
    conn: &mut DbConnection,
    request_id: i64,
    internal: bool,
) -> Result<Vec<Event>, AppError> {
    let mut q = request_events::table
        .left_join(users::table.on(users::id.nullable().eq(request_events::author_id)))
        .filter(request_events::request_id.eq(request_id))
        .into_boxed();
    if !internal {
        q = q.filter(request_events::visible_to_tenant.eq(true));
    }
    Ok(q.order((request_events::created_at, request_events::id))
        .select((
            request_events::id,
            request_events::request_id,
            request_events::kind,
            request_events::from_status,
            request_events::to_status,
            request_events::body,
            request_events::visible_to_tenant,
            request_events::author_id,
            request_events::created_at,
            users::display_name.nullable(),
        ))
        .load(conn)?)
}

/// (id, content type, size) of the request's photos.
pub fn photos(
    conn: &mut DbConnection,
    request_id: i64,
) -> Result<Vec<(i64, String, i32)>, AppError> {
    Ok(request_photos::table
        .filter(request_photos::request_id.eq(request_id))
        .order(request_photos::id)
        .select((
            request_photos::id,
            request_photos::content_type,
            request_photos::size_bytes,
        ))
        .load(conn)?)
}

/// The requests linked under `parent_id`.
pub fn children(conn: &mut DbConnection, parent_id: i64) -> Result<Vec<Request>, AppError> {
    Ok(requests::table
        .filter(requests::parent_id.eq(parent_id))
        .order(requests::id)
        .load(conn)?)
}

/// Open requests of the same building and category that a new report may be one more of: the
/// candidates the form proposes to link to (building-level issues, not their children).
pub fn similar_open(
    conn: &mut DbConnection,
    office_id: i64,
    building_id: i64,
    category_id: i64,
    except: Option<i64>,
) -> Result<Vec<Request>, AppError> {
    Ok(requests::table
        .filter(requests::office_id.eq(office_id))
        .filter(requests::building_id.eq(building_id))
        .filter(requests::category_id.eq(category_id))
        .filter(requests::parent_id.is_null())
        .filter(requests::status.eq_any(Status::open_codes()))
        .filter(requests::id.ne(except.unwrap_or(-1)))
        .order(requests::created_at.desc())
        .limit(5)
        .load(conn)?)
}

/// The names shown on a request's page: building, dwelling number, tenant name, category (code, name).
#[derive(Debug, Clone, Default)]
pub struct Names {
    pub building: String,
    pub dwelling: Option<String>,
    pub tenant: Option<String>,
    pub category_code: String,
    pub category_name: String,
    pub department: Option<String>,
}

pub fn names(conn: &mut DbConnection, r: &Request) -> Result<Names, AppError> {
    use crate::db::schema::departments;
    let building = buildings::table
        .find(r.building_id)
        .select(buildings::name)
        .first(conn)?;
    let dwelling = match r.dwelling_id {
        Some(d) => dwellings::table
            .find(d)
            .select(dwellings::number)
            .first(conn)
            .optional()?,
        None => None,
    };
    let tenant = match r.tenant_id {
        Some(t) => tenants::table
            .find(t)
            .select((tenants::first_name, tenants::last_name))
            .first::<(String, String)>(conn)
            .optional()?
            .map(|(f, l)| format!("{f} {l}")),
        None => None,
    };
    let (category_code, category_name) = request_categories::table
        .find(r.category_id)
        .select((request_categories::code, request_categories::name))
        .first(conn)?;
    let department = match r.department_id {
        Some(d) => departments::table
            .find(d)
            .select(departments::name)
            .first(conn)
            .optional()?,
        None => None,
    };
    Ok(Names {
        building,
        dwelling,
        tenant,
        category_code,
        category_name,
        department,
    })
}
