//! What every change of a request leaves behind: its event, and for an ISC an entry of her
//! practice journal.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::access::Actor;
use crate::db::schema::request_events;
use crate::db::DbConnection;
use crate::domain::poles::SubActivity;
use crate::domain::roles::Role;
use crate::error::AppError;
use crate::journal::{self, Recording, Source};
use crate::requests::{NewEvent, Request};

/// Writes one step or comment.
pub(super) fn write_event(conn: &mut DbConnection, event: &NewEvent<'_>) -> Result<(), AppError> {
    diesel::insert_into(request_events::table)
        .values(event)
        .execute(conn)?;
    Ok(())
}

/// An ISC's work on a request writes a pole-1 entry of her practice journal.
pub(super) fn record_in_journal(
    conn: &mut DbConnection,
    actor: &Actor,
    r: &Request,
    sub_activity: SubActivity,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    if actor.role != Role::Isc {
        return Ok(());
    }
    let entry = Recording {
        office_id: actor.office_id,
        author_id: actor.user_id,
        sub_activity,
        occurred_on: crate::web::format::local_time(now).date(),
        duration_minutes: 15,
        building_id: Some(r.building_id),
        people_reached: 1,
        note: format!("#{}", r.id),
        source: Source::Request,
    };
    journal::record(conn, &entry)?;
    Ok(())
}
