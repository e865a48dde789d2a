//! Journal reads, within the actor's scope (`Resource::Journal`: the office's entries for those who
//! keep the journal, nothing for others). Lists and totals share one set of filter clauses
//! (`filtered!`), so a page's totals describe exactly the rows it lists; totals are SQL aggregates.

use diesel::dsl::{count_star, sum};
use diesel::prelude::*;

use super::{JournalEntry, JournalFilter};
use crate::access::Actor;
use crate::db::schema::{buildings, journal_entries, users};
use crate::db::DbConnection;
use crate::domain::ids::JournalEntryId;
use crate::domain::roles::Resource;
use crate::error::AppError;
use crate::web::pagination::{Paged, Pagination};

/// Boxes `$query` restricted to the actor's office and the filter's clauses.
macro_rules! filtered {
    ($query:expr, $actor:expr, $filter:expr) => {{
        let f: &JournalFilter = $filter;
        let mut q = $query
            .filter(journal_entries::office_id.eq($actor.office_id))
            .into_boxed();
        if let Some(p) = f.pole {
            q = q.filter(journal_entries::pole.eq(p));
        }
        if let Some(s) = f.sub_activity {
            q = q.filter(journal_entries::sub_activity.eq(s));
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

/// `Forbidden` for an actor who sees no journal at all.
fn in_scope(actor: &Actor) -> Result<(), AppError> {
    if actor.scope(Resource::Journal).is_nothing() {
        return Err(AppError::Forbidden);
    }
    Ok(())
}

/// The entries matching `filter` from `offset`, newest first.
fn lines(
    conn: &mut DbConnection,
    actor: &Actor,
    filter: &JournalFilter,
    offset: i64,
    limit: i64,
) -> Result<Vec<JournalLine>, AppError> {
    in_scope(actor)?;
    Ok(filtered!(
        journal_entries::table
            .left_join(buildings::table)
            .inner_join(users::table),
        actor,
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

/// One page of the entries matching `filter`, newest first, with the totals of all of them.
pub fn list(
    conn: &mut DbConnection,
    actor: &Actor,
    filter: &JournalFilter,
    at: Pagination,
) -> Result<(Paged<JournalLine>, Totals), AppError> {
    let items = lines(conn, actor, filter, at.offset(), at.limit())?;
    let totals = totals(conn, actor, filter)?;
    Ok((Paged::new(items, totals.entries, at), totals))
}

/// Every entry matching `filter` (the CSV export), newest first.
pub fn list_all(
    conn: &mut DbConnection,
    actor: &Actor,
    filter: &JournalFilter,
) -> Result<Vec<JournalLine>, AppError> {
    lines(conn, actor, filter, 0, i64::MAX)
}

/// Count, minutes and people reached of the entries matching `filter`, in one aggregate query.
pub fn totals(
    conn: &mut DbConnection,
    actor: &Actor,
    filter: &JournalFilter,
) -> Result<Totals, AppError> {
    in_scope(actor)?;
    let (entries, minutes, people): (i64, Option<i64>, Option<i64>) =
        filtered!(journal_entries::table, actor, filter)
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

/// One entry of the actor's office; `NotFound` for another office's.
pub fn find(
    conn: &mut DbConnection,
    actor: &Actor,
    id: JournalEntryId,
) -> Result<JournalEntry, AppError> {
    in_scope(actor)?;
    Ok(journal_entries::table
        .filter(journal_entries::id.eq(id))
        .filter(journal_entries::office_id.eq(actor.office_id))
        .first(conn)?)
}
