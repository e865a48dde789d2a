//! Incident writes, in the caller's transaction (administrators of the office).

use diesel::prelude::*;

use super::{queries, Incident, IncidentData, NewIncident};
use crate::access::Actor;
use crate::db::schema::privacy_incidents;
use crate::db::{now, DbConnection};
use crate::domain::ids::IncidentId;
use crate::domain::roles::Action;
use crate::error::AppError;

pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    d: &IncidentData,
) -> Result<Incident, AppError> {
    actor.require(Action::ManagePrivacy)?;
    let at = now();
    let row = NewIncident {
        office_id: actor.office_id,
        summary: d.summary.clone(),
        occurred_on: d.occurred_on,
        discovered_on: d.discovered_on,
        information: d.information.clone(),
        people_affected: d.people_affected,
        risk: d.risk,
        commission_notified_on: d.commission_notified_on,
        people_notified_on: d.people_notified_on,
        measures: d.measures.clone(),
        created_by: actor.user_id,
        created_at: at,
        updated_at: at,
    };
    let id: IncidentId = diesel::insert_into(privacy_incidents::table)
        .values(&row)
        .returning(privacy_incidents::id)
        .get_result(conn)?;
    queries::find(conn, actor, id)
}

pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    id: IncidentId,
    d: &IncidentData,
) -> Result<Incident, AppError> {
    queries::find(conn, actor, id)?;
    diesel::update(privacy_incidents::table.find(id))
        .set((d, privacy_incidents::updated_at.eq(now())))
        .execute(conn)?;
    queries::find(conn, actor, id)
}

pub fn delete(conn: &mut DbConnection, actor: &Actor, id: IncidentId) -> Result<(), AppError> {
    queries::find(conn, actor, id)?;
    diesel::delete(privacy_incidents::table.find(id)).execute(conn)?;
    Ok(())
}
