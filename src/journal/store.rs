//! Journal queries, always scoped to one office. Lists and totals share one set of filter clauses
//! (`filtered!`), so a page's totals describe exactly the rows it lists; totals are SQL aggregates.

use diesel::dsl::{count_star, sum};
use diesel::prelude::*;

use super::{check_building, JournalEntry, JournalFilter, NewJournalEntry, SOURCE_MANUAL};
use crate::db::schema::{buildings, journal_entries, users};
use crate::db::DbConnection;
use crate::error::AppError;

/// Boxes `$query` restricted to `$office` and the filter's clauses.
macro_rules! filtered {
    ($query:expr, $office:expr, $filter:expr) => {{
        let f: &JournalFilter = $filter;
        let mut q = $query
            .filter(journal_entries::office_id.eq($office))
            .into_boxed();
        if let Some(p) = f.pole {
            q = q.filter(journal_entries::pole.eq(p));
        }
        if let Some(s) = &f.sub_activity {
            q = q.filter(journal_entries::sub_activity.eq(s.clone()));
        }
        if let Some(b) = f.building_id {
            q = q.filter(journal_entries::building_id.eq(b));
        }
        if let Some(a) = f.author_id {
            q = q.filter(journal_entries::author_id.eq(a));
        }
        if let Some(d) = f.from {
            q = q.filter(journal_entries::occurred_on.ge(d));
        }
        if let Some(d) = f.to {
            q = q.filter(journal_entries::occurred_on.le(d));
        }
        q
    }};
}

/// An entry with its building's and author's names, as lists and exports show it.
#[derive(Debug, Clone, Queryable)]
pub struct JournalLine {
    pub entry: JournalEntry,
    pub building: Option<String>,
    pub author: String,
}

/// What the filtered entries add up to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Totals {
    pub entries: i64,
    pub minutes: i64,
    pub people_reached: i64,
}

/// Who asks to change an entry: its author may, and so may whoever may manage the whole journal.
#[derive(Debug, Clone, Copy)]
pub struct Actor {
    pub user_id: i64,
    pub manages_journal: bool,
}

/// One page of the office's entries matching `filter`, newest first.
pub fn list(
    conn: &mut DbConnection,
    office_id: i64,
    filter: &JournalFilter,
    offset: i64,
    limit: i64,
) -> Result<Vec<JournalLine>, AppError> {
    Ok(filtered!(
        journal_entries::table
            .left_join(buildings::table)
            .inner_join(users::table),
        office_id,
        filter
    )
    .order((
        journal_entries::occurred_on.desc(),
        journal_entries::id.desc(),
    ))
    .select((
        journal_entries::all_columns,
        buildings::name.nullable(),
        users::display_name,
    ))
    .offset(offset)
    .limit(limit)
    .load(conn)?)
}

/// Every entry matching `filter` (the CSV export), newest first.
pub fn list_all(
    conn: &mut DbConnection,
    office_id: i64,
    filter: &JournalFilter,
) -> Result<Vec<JournalLine>, AppError> {
    list(conn, office_id, filter, 0, i64::MAX)
}

/// Count, minutes and people reached of the entries matching `filter`, in one aggregate query.
pub fn totals(
    conn: &mut DbConnection,
    office_id: i64,
    filter: &JournalFilter,
) -> Result<Totals, AppError> {
    let (entries, minutes, people): (i64, Option<i64>, Option<i64>) =
        filtered!(journal_entries::table, office_id, filter)
            .select((
                count_star(),
                sum(journal_entries::duration_minutes),
                sum(journal_entries::people_reached),
            ))
            .first(conn)?;
    Ok(Totals {
        entries,
        minutes: minutes.unwrap_or(0),
        people_reached: people.unwrap_or(0),
    })
}

/// One entry of the office; `NotFound` for another office's.
pub fn find(conn: &mut DbConnection, office_id: i64, id: i64) -> Result<JournalEntry, AppError> {
    Ok(journal_entries::table
        .filter(journal_entries::id.eq(id))
        .filter(journal_entries::office_id.eq(office_id))
        .first(conn)?)
}

/// `Forbidden` unless `actor` wrote the entry or manages the journal; `Conflict` when a capability
/// wrote it (it is changed where it was made: the request, the workshop…).
pub fn authorize_change(entry: &JournalEntry, actor: Actor) -> Result<(), AppError> {
    if entry.author_id != actor.user_id && !actor.manages_journal {
        return Err(AppError::Forbidden);
    }
    if entry.source != SOURCE_MANUAL {
        return Err(AppError::Conflict("err-journal-not-manual"));
    }
    Ok(())
}

/// Changes a manual entry (its author and source stay).
pub fn update(
    conn: &mut DbConnection,
    office_id: i64,
    id: i64,
    actor: Actor,
    data: &NewJournalEntry,
) -> Result<(), AppError> {
    authorize_change(&find(conn, office_id, id)?, actor)?;
    check_building(conn, office_id, data.building_id)?;
    diesel::update(journal_entries::table.filter(journal_entries::id.eq(id)))
        .set((
            journal_entries::pole.eq(data.pole),
            journal_entries::sub_activity.eq(&data.sub_activity),
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
pub fn delete(
    conn: &mut DbConnection,
    office_id: i64,
    id: i64,
    actor: Actor,
) -> Result<(), AppError> {
    authorize_change(&find(conn, office_id, id)?, actor)?;
    diesel::delete(journal_entries::table.filter(journal_entries::id.eq(id))).execute(conn)?;
    Ok(())
}

/// The office's buildings (id, name) by name: the choice lists of the journal's forms.
pub fn building_names(
    conn: &mut DbConnection,
    office_id: i64,
) -> Result<Vec<(i64, String)>, AppError> {
    Ok(buildings::table
        .filter(buildings::office_id.eq(office_id))
        .order((buildings::name.asc(), buildings::id.asc()))
        .select((buildings::id, buildings::name))
        .load(conn)?)
}
