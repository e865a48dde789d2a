//! The journal's rules and writes, in the caller's transaction: capabilities [`record`] their own
//! entries; people create, change and delete manual ones, each only their own unless they manage
//! the whole journal, and never one a capability wrote (it is changed where it was made).

use chrono::NaiveDate;
use diesel::prelude::*;

use super::{queries, EntryData, JournalEntry, NewJournalEntry, Source, NOTE_MAX};
use crate::access::Actor;
use crate::db::schema::{buildings, journal_entries};
use crate::db::{now, DbConnection};
use crate::domain::ids::{BuildingId, JournalEntryId, OfficeId, UserId};
use crate::domain::poles::SubActivity;
use crate::domain::roles::Action;
use crate::domain::FieldErrors;
use crate::error::AppError;

/// An entry a capability writes about its own work.
#[derive(Debug, Clone)]
pub struct Recording {
    pub office_id: OfficeId,
    pub author_id: UserId,
    pub sub_activity: SubActivity,
    pub occurred_on: NaiveDate,
    pub duration_minutes: i32,
    pub building_id: Option<BuildingId>,
    pub people_reached: i32,
    /// Cut to the journal's note length.
    pub note: String,
    pub source: Source,
}

/// A building of another office (or none at all) is a field error, not a foreign-key failure.
fn check_building(
    conn: &mut DbConnection,
    office_id: OfficeId,
    building_id: Option<BuildingId>,
) -> Result<(), AppError> {
    let Some(id) = building_id else {
        return Ok(());
    };
    let found: i64 = buildings::table
        .filter(buildings::id.eq(id))
        .filter(buildings::office_id.eq(office_id))
        .count()
        .get_result(conn)?;
    if found == 0 {
        let mut e = FieldErrors::new();
        e.add("building_id", "err-unknown-reference");
        return Err(e.into());
    }
    Ok(())
}

/// Writes one entry; its pole follows from the sub-activity, and a building must be the office's
/// (else a field error). Returns the new entry's id.
pub fn record(conn: &mut DbConnection, r: &Recording) -> Result<JournalEntryId, AppError> {
    check_building(conn, r.office_id, r.building_id)?;
    let row = NewJournalEntry {
        office_id: r.office_id,
        author_id: r.author_id,
        pole: r.sub_activity.pole(),
        sub_activity: r.sub_activity,
        occurred_on: r.occurred_on,
        duration_minutes: r.duration_minutes,
        building_id: r.building_id,
        people_reached: r.people_reached,
        note: r.note.chars().take(NOTE_MAX).collect(),
        source: r.source,
        created_at: now(),
    };
    Ok(diesel::insert_into(journal_entries::table)
        .values(&row)
        .returning(journal_entries::id)
        .get_result(conn)?)
}

/// Brings a capability's own entry up to date (a session's attendance taken again).
pub fn amend_recorded(
    conn: &mut DbConnection,
    id: JournalEntryId,
    duration_minutes: i32,
    people_reached: i32,
) -> Result<(), AppError> {
    diesel::update(journal_entries::table.find(id))
        .set((
            journal_entries::people_reached.eq(people_reached),
            journal_entries::duration_minutes.eq(duration_minutes),
        ))
        .execute(conn)?;
    Ok(())
}

/// Records a manual entry for the actor.
pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    data: &EntryData,
) -> Result<JournalEntryId, AppError> {
    actor.require(Action::WriteJournal)?;
    record(
        conn,
        &Recording {
            office_id: actor.office_id,
            author_id: actor.user_id,
            sub_activity: data.sub_activity,
            occurred_on: data.occurred_on,
            duration_minutes: data.duration_minutes,
            building_id: data.building_id,
            people_reached: data.people_reached,
            note: data.note.clone(),
            source: Source::Manual,
        },
    )
}

/// `Forbidden` unless the actor wrote the entry or manages the journal; `Conflict` when a
/// capability wrote it.
pub fn may_change(entry: &JournalEntry, actor: &Actor) -> Result<(), AppError> {
    if !actor.can(Action::WriteJournal)
        || (entry.author_id != actor.user_id && !actor.can(Action::ManageJournal))
    {
        return Err(AppError::Forbidden);
    }
    if entry.source != Source::Manual {
        return Err(AppError::Conflict("err-journal-not-manual"));
    }
    Ok(())
}

/// The entry the actor may change; `NotFound`, `Forbidden` or `Conflict` otherwise.
pub fn find_changeable(
    conn: &mut DbConnection,
    actor: &Actor,
    id: JournalEntryId,
) -> Result<JournalEntry, AppError> {
    let entry = queries::find(conn, actor, id)?;
    may_change(&entry, actor)?;
    Ok(entry)
}

/// Changes a manual entry (its author and source stay).
pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    id: JournalEntryId,
    data: &EntryData,
) -> Result<(), AppError> {
    find_changeable(conn, actor, id)?;
    check_building(conn, actor.office_id, data.building_id)?;
    diesel::update(journal_entries::table.find(id))
        .set((
            journal_entries::pole.eq(data.sub_activity.pole()),
            journal_entries::sub_activity.eq(data.sub_activity),
            journal_entries::occurred_on.eq(data.occurred_on),
            journal_entries::duration_minutes.eq(data.duration_minutes),
            journal_entries::building_id.eq(data.building_id),
            journal_entries::people_reached.eq(data.people_reached),
            journal_entries::note.eq(&data.note),
        ))
        .execute(conn)?;
    Ok(())
}

/// Deletes a manual entry.
pub fn delete(conn: &mut DbConnection, actor: &Actor, id: JournalEntryId) -> Result<(), AppError> {
    find_changeable(conn, actor, id)?;
    diesel::delete(journal_entries::table.find(id)).execute(conn)?;
    Ok(())
}
