//! Access-request reads: the office's register, latest received first.

use diesel::dsl::count_star;
use diesel::prelude::*;

use super::AccessRequest;
use crate::access::Actor;
use crate::db::schema::access_requests;
use crate::db::DbConnection;
use crate::domain::ids::AccessRequestId;
use crate::domain::roles::Action;
use crate::error::AppError;
use crate::web::pagination::{Paged, Pagination};

fn lines(
    conn: &mut DbConnection,
    actor: &Actor,
    at: Pagination,
) -> Result<Vec<AccessRequest>, AppError> {
    actor.require(Action::ManagePrivacy)?;
    Ok(access_requests::table
        .filter(access_requests::office_id.eq(actor.office_id))
        .order((
            access_requests::received_on.desc(),
            access_requests::id.desc(),
        ))
        .select(AccessRequest::as_select())
        .offset(at.offset())
        .limit(at.limit())
        .load(conn)?)
}

/// One page of the office's register.
pub fn list(
    conn: &mut DbConnection,
    actor: &Actor,
    at: Pagination,
) -> Result<Paged<AccessRequest>, AppError> {
    let items = lines(conn, actor, at)?;
    let total: i64 = access_requests::table
        .filter(access_requests::office_id.eq(actor.office_id))
        .select(count_star())
        .first(conn)?;
    Ok(Paged::new(items, total, at))
}

/// The whole register (the CSV export).
pub fn list_all(conn: &mut DbConnection, actor: &Actor) -> Result<Vec<AccessRequest>, AppError> {
    lines(
        conn,
        actor,
        Pagination {
            page: 1,
            per_page: i64::MAX,
        },
    )
}

/// One request of the office; `NotFound` for another office's.
pub fn find(
    conn: &mut DbConnection,
    actor: &Actor,
    id: AccessRequestId,
) -> Result<AccessRequest, AppError> {
    actor.require(Action::ManagePrivacy)?;
    Ok(access_requests::table
        .filter(access_requests::id.eq(id))
        .filter(access_requests::office_id.eq(actor.office_id))
        .select(AccessRequest::as_select())
        .first(conn)?)
}

/// Open requests of the office past their deadline on `today`.
pub fn count_overdue(
    conn: &mut DbConnection,
    actor: &Actor,
    today: chrono::NaiveDate,
) -> Result<i64, AppError> {
    actor.require(Action::ManagePrivacy)?;
    Ok(access_requests::table
        .filter(access_requests::office_id.eq(actor.office_id))
        .filter(
            access_requests::status.eq_any([super::Status::Received, super::Status::InProgress]),
        )
        .filter(access_requests::due_on.lt(today))
        .select(count_star())
        .first(conn)?)
}
