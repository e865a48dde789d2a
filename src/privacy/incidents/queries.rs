//! Incident reads: the office's register, latest discovered first.

use diesel::dsl::count_star;
use diesel::prelude::*;

use super::Incident;
use crate::access::Actor;
use crate::db::schema::privacy_incidents;
use crate::db::DbConnection;
use crate::domain::ids::IncidentId;
use crate::domain::roles::Action;
use crate::error::AppError;
use crate::web::pagination::{Paged, Pagination};

fn lines(
    conn: &mut DbConnection,
    actor: &Actor,
    at: Pagination,
) -> Result<Vec<Incident>, AppError> {
    actor.require(Action::ManagePrivacy)?;
    Ok(privacy_incidents::table
        .filter(privacy_incidents::office_id.eq(actor.office_id))
        .order((
            privacy_incidents::discovered_on.desc(),
            privacy_incidents::id.desc(),
        ))
        .select(Incident::as_select())
        .offset(at.offset())
        .limit(at.limit())
        .load(conn)?)
}

/// One page of the office's register.
pub fn list(
    conn: &mut DbConnection,
    actor: &Actor,
    at: Pagination,
) -> Result<Paged<Incident>, AppError> {
    let items = lines(conn, actor, at)?;
    let total: i64 = privacy_incidents::table
        .filter(privacy_incidents::office_id.eq(actor.office_id))
        .select(count_star())
        .first(conn)?;
    Ok(Paged::new(items, total, at))
}

/// The whole register (the CSV export).
pub fn list_all(conn: &mut DbConnection, actor: &Actor) -> Result<Vec<Incident>, AppError> {
    lines(
        conn,
        actor,
        Pagination {
            page: 1,
            per_page: i64::MAX,
        },
    )
}

/// One incident of the office; `NotFound` for another office's.
pub fn find(conn: &mut DbConnection, actor: &Actor, id: IncidentId) -> Result<Incident, AppError> {
    actor.require(Action::ManagePrivacy)?;
    Ok(privacy_incidents::table
        .filter(privacy_incidents::id.eq(id))
        .filter(privacy_incidents::office_id.eq(actor.office_id))
        .select(Incident::as_select())
        .first(conn)?)
}
