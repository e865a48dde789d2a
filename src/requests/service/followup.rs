//! The tenant's answer to the follow-up question, through the link the mail carried: "yes" closes
//! the question; "no" reopens the request and tells its department. Recorded once.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::events::write_event;
use super::steps::{apply, Move};
use crate::db::schema::requests;
use crate::db::DbConnection;
use crate::email::Composer;
use crate::error::AppError;
use crate::requests::mail;
use crate::requests::{queries, EventKind, FollowupAnswer, NewEvent, Status, Step};

/// Records the answer of the follow-up whose link carries `token`, once; returns whether this call
/// recorded it. `NotFound` for a token no request has.
pub fn answer_followup(
    conn: &mut DbConnection,
    mail: &Composer,
    token: &str,
    fixed: bool,
    now: NaiveDateTime,
) -> Result<bool, AppError> {
    let r = queries::by_token(conn, token)?;
    if r.followup_answer != FollowupAnswer::Pending {
        return Ok(false);
    }
    let (answer, kind) = match fixed {
        true => (FollowupAnswer::Fixed, EventKind::FollowupYes),
        false => (FollowupAnswer::NotFixed, EventKind::FollowupNo),
    };
    // Whoever records it first wins; a second answer finds nothing left to change.
    let set = diesel::update(
        requests::table
            .filter(requests::id.eq(r.id))
            .filter(requests::followup_answer.eq(FollowupAnswer::Pending)),
    )
    .set(requests::followup_answer.eq(answer))
    .execute(conn)?;
    if set == 0 {
        return Ok(false);
    }
    if fixed || !Step::Reopen.allowed(r.status) {
        write_event(conn, &NewEvent::on(&r, kind, None, now))?;
        return Ok(true);
    }
    let reopen = Move {
        step: Step::Reopen,
        department: r.department_id,
        referral: None,
        comment: "",
        visible: false,
        now,
    };
    apply(conn, &r, &reopen)?;
    let event = NewEvent::on(&r, kind, None, now).change(r.status, Status::InProgress);
    write_event(conn, &event)?;
    if let Some(d) = r.department_id {
        mail::reopened(conn, mail, &r, d)?;
    }
    Ok(true)
}
