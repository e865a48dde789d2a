//! Access-request writes, in the caller's transaction (administrators of the office). The
//! deadline follows the receipt date; a tenant named must be one of the office's.

use diesel::prelude::*;

use super::{due_on, queries, AccessRequest, AccessRequestData, NewAccessRequest};
use crate::access::Actor;
use crate::db::schema::{access_requests, tenants};
use crate::db::{now, DbConnection};
use crate::domain::ids::AccessRequestId;
use crate::domain::roles::Action;
use crate::domain::FieldErrors;
use crate::error::AppError;

fn check_tenant(
    conn: &mut DbConnection,
    actor: &Actor,
    d: &AccessRequestData,
) -> Result<(), AppError> {
    let Some(id) = d.tenant_id else {
        return Ok(());
    };
    let found: i64 = tenants::table
        .filter(tenants::id.eq(id))
        .filter(tenants::office_id.eq(actor.office_id))
        .count()
        .get_result(conn)?;
    if found == 0 {
        let mut e = FieldErrors::new();
        e.add("tenant_id", "err-unknown-reference");
        return Err(e.into());
    }
    Ok(())
}

pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    d: &AccessRequestData,
) -> Result<AccessRequest, AppError> {
    actor.require(Action::ManagePrivacy)?;
    check_tenant(conn, actor, d)?;
    let at = now();
    let row = NewAccessRequest {
        office_id: actor.office_id,
        received_on: d.received_on,
        requester: d.requester.clone(),
        tenant_id: d.tenant_id,
        kind: d.kind,
        details: d.details.clone(),
        due_on: due_on(d.received_on),
        status: d.status,
        answered_on: d.answered_on,
        created_by: actor.user_id,
        created_at: at,
        updated_at: at,
    };
    let id: AccessRequestId = diesel::insert_into(access_requests::table)
        .values(&row)
        .returning(access_requests::id)
        .get_result(conn)?;
    queries::find(conn, actor, id)
}

pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    id: AccessRequestId,
    d: &AccessRequestData,
) -> Result<AccessRequest, AppError> {
    queries::find(conn, actor, id)?;
    check_tenant(conn, actor, d)?;
    diesel::update(access_requests::table.find(id))
        .set((
            access_requests::received_on.eq(d.received_on),
            access_requests::requester.eq(&d.requester),
            access_requests::tenant_id.eq(d.tenant_id),
            access_requests::kind.eq(d.kind),
            access_requests::details.eq(&d.details),
            access_requests::due_on.eq(due_on(d.received_on)),
            access_requests::status.eq(d.status),
            access_requests::answered_on.eq(d.answered_on),
            access_requests::updated_at.eq(now()),
        ))
        .execute(conn)?;
    queries::find(conn, actor, id)
}
