//! Reads of the outbox: an office's messages for its administrators (`Action::ManageOffice`; another
//! office's message is `NotFound`), and the whole outbox's backlog for the metrics and the command
//! line.

use chrono::NaiveDateTime;
use diesel::dsl::{count_star, max, min};
use diesel::prelude::*;
use serde::Serialize;

use super::MessageStatus;
use crate::access::Actor;
use crate::db::schema::outbox;
use crate::db::DbConnection;
use crate::domain::ids::MessageId;
use crate::domain::roles::Action;
use crate::error::AppError;
use crate::web::pagination::{Paged, Pagination};

/// A message as the outbox list shows it.
#[derive(Debug, Clone, Serialize, Queryable, Selectable)]
#[diesel(table_name = outbox)]
pub struct MessageLine {
    pub id: MessageId,
    /// The template it was written from.
    pub kind: String,
    pub to_address: String,
    pub subject: String,
    pub status: MessageStatus,
    pub attempts: i32,
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub next_attempt_at: NaiveDateTime,
    pub last_error: String,
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::domain::instant::utc_option")]
    pub sent_at: Option<NaiveDateTime>,
}

/// A message with its recipient's name, reply address and text, as its own page shows it.
#[derive(Debug, Clone, Serialize, Queryable, Selectable)]
#[diesel(table_name = outbox)]
pub struct Message {
    #[diesel(embed)]
    #[serde(flatten)]
    pub line: MessageLine,
    pub to_name: String,
    pub reply_to: String,
    pub body_text: String,
}

/// How many of the office's messages have one status.
#[derive(Debug, Clone, Serialize)]
pub struct StatusCount {
    pub status: MessageStatus,
    pub count: i64,
    /// The list is narrowed to this status.
    pub current: bool,
}

/// The office's messages per status (every status, in order), and one page of those of `status`
/// (all when `None`), newest first.
pub fn list(
    conn: &mut DbConnection,
    actor: &Actor,
    status: Option<MessageStatus>,
    at: Pagination,
) -> Result<(Vec<StatusCount>, Paged<MessageLine>), AppError> {
    actor.require(Action::ManageOffice)?;
    let counts: Vec<(MessageStatus, i64)> = outbox::table
        .filter(outbox::office_id.eq(actor.office_id))
        .group_by(outbox::status)
        .select((outbox::status, count_star()))
        .load(conn)?;
    let counts: Vec<StatusCount> = MessageStatus::ALL
        .iter()
        .map(|s| StatusCount {
            status: *s,
            count: counts.iter().find(|(k, _)| k == s).map_or(0, |(_, n)| *n),
            current: status == Some(*s),
        })
        .collect();
    // The total comes from the counts: no second count of the same rows.
    let total = counts
        .iter()
        .filter(|c| status.is_none_or(|s| s == c.status))
        .map(|c| c.count)
        .sum();
    let mut query = outbox::table
        .filter(outbox::office_id.eq(actor.office_id))
        .into_boxed();
    if let Some(s) = status {
        query = query.filter(outbox::status.eq(s));
    }
    let items = query
        .order(outbox::id.desc())
        .offset(at.offset())
        .limit(at.limit())
        .select(MessageLine::as_select())
        .load(conn)?;
    Ok((counts, Paged::new(items, total, at)))
}

/// One message of the actor's office.
pub fn find(conn: &mut DbConnection, actor: &Actor, id: MessageId) -> Result<Message, AppError> {
    actor.require(Action::ManageOffice)?;
    Ok(outbox::table
        .filter(outbox::office_id.eq(actor.office_id))
        .find(id)
        .select(Message::as_select())
        .first(conn)?)
}

/// Messages waiting (pending or being sent) and failed, in the whole outbox: read through the
/// status index, without touching the sent ones.
pub fn backlog(conn: &mut DbConnection) -> Result<(i64, i64), AppError> {
    use MessageStatus::{Failed, Pending, Sending};
    let rows: Vec<(MessageStatus, i64)> = outbox::table
        .filter(outbox::status.eq_any([Pending, Sending, Failed]))
        .group_by(outbox::status)
        .select((outbox::status, count_star()))
        .load(conn)?;
    let sum = |of: &[MessageStatus]| -> i64 {
        rows.iter()
            .filter(|(s, _)| of.contains(s))
            .map(|(_, n)| n)
            .sum()
    };
    Ok((sum(&[Pending, Sending]), sum(&[Failed])))
}

/// The whole outbox: messages per status, and when the first and last were delivered.
pub struct Report {
    pub counts: Vec<(MessageStatus, i64)>,
    pub first_sent: Option<NaiveDateTime>,
    pub last_sent: Option<NaiveDateTime>,
}

/// The outbox's [`Report`] (the command line's `mail status`), statuses in their codes' order.
pub fn report(conn: &mut DbConnection) -> Result<Report, AppError> {
    let counts = outbox::table
        .group_by(outbox::status)
        .select((outbox::status, count_star()))
        .order(outbox::status)
        .load(conn)?;
    let (first_sent, last_sent) = outbox::table
        .select((min(outbox::sent_at), max(outbox::sent_at)))
        .first(conn)?;
    Ok(Report {
        counts,
        first_sent,
        last_sent,
    })
}
