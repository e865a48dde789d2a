//! Reminders before sessions, exactly once per registration and session: the outbox's
//! `dedup_key` (`reminder:<registration>:<session>`) makes a second run, a restart or a second
//! instance enqueue nothing new.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::mail::{self, Notice, Reachable};
use super::{Session, SessionStatus, Workshop};
use crate::db::schema::{outbox, workshop_sessions, workshops};
use crate::db::DbConnection;
use crate::domain::ids::WorkshopId;
use crate::email::Composer;
use crate::error::AppError;

/// Longest reminder delay a workshop may ask for, in hours (two weeks).
pub const MAX_REMINDER_HOURS: i64 = 336;

/// The sessions whose reminders are due at `now`, with their workshops.
fn due(conn: &mut DbConnection, now: NaiveDateTime) -> Result<Vec<(Session, Workshop)>, AppError> {
    Ok(workshop_sessions::table
        .inner_join(workshops::table)
        .filter(workshop_sessions::status.eq(SessionStatus::Scheduled))
        .filter(workshop_sessions::starts_at.gt(now))
        .filter(workshop_sessions::starts_at.le(now + Duration::hours(MAX_REMINDER_HOURS)))
        .filter(workshops::reminder_hours.gt(0))
        .select((workshop_sessions::all_columns, workshops::all_columns))
        .load::<(Session, Workshop)>(conn)?
        .into_iter()
        .filter(|(s, w)| s.starts_at - Duration::hours(w.reminder_hours.into()) <= now)
        .collect())
}

/// Which of `keys` are already in the outbox.
fn queued(conn: &mut DbConnection, keys: &[String]) -> Result<HashSet<String>, AppError> {
    let mut queued: HashSet<String> = HashSet::new();
    for chunk in keys.chunks(500) {
        let found: Vec<Option<String>> = outbox::table
            .filter(outbox::dedup_key.eq_any(chunk.to_vec()))
            .select(outbox::dedup_key)
            .load(conn)?;
        queued.extend(found.into_iter().flatten());
    }
    Ok(queued)
}

/// Writes every reminder due at `now` that is not in the outbox yet; returns how many.
pub fn run_due_reminders(
    conn: &mut DbConnection,
    mailer: &Composer,
    now: NaiveDateTime,
) -> Result<usize, AppError> {
    let due = due(conn, now)?;
    if due.is_empty() {
        return Ok(0);
    }
    let mut workshop_ids: Vec<WorkshopId> = due.iter().map(|(_, w)| w.id).collect();
    workshop_ids.sort_unstable();
    workshop_ids.dedup();
    let reachable = mail::reachable(conn, &workshop_ids, None)?;
    let mut wanted: Vec<(String, &Session, &Workshop, &Reachable)> = Vec::new();
    for (session, w) in &due {
        for r in &reachable {
            if r.workshop_id == w.id && r.session_id.is_none_or(|s| s == session.id) {
                let key = format!("reminder:{}:{}", r.registration_id, session.id);
                wanted.push((key, session, w, r));
            }
        }
    }
    let keys: Vec<String> = wanted.iter().map(|(k, ..)| k.clone()).collect();
    let queued = queued(conn, &keys)?;
    let mut places: HashMap<WorkshopId, String> = HashMap::new();
    let mut sent = 0;
    for (key, session, w, to) in wanted {
        if queued.contains(&key) {
            continue;
        }
        if let std::collections::hash_map::Entry::Vacant(e) = places.entry(w.id) {
            e.insert(mail::place(conn, w)?);
        }
        let place = places.get(&w.id).cloned().unwrap_or_default();
        let notice = Notice {
            template: "workshop_reminder",
            workshop: w,
            session,
            place: &place,
            to,
            dedup_key: Some(key),
        };
        mail::send(conn, mailer, notice)?;
        sent += 1;
    }
    Ok(sent)
}

/// Reminders as a periodic job (every five minutes by default).
pub fn job(mail: Composer) -> crate::jobs::Job {
    crate::jobs::Job::new(
        "workshop_reminders",
        crate::jobs::Mode::Exclusive,
        std::time::Duration::from_secs(300),
        move |c, now| crate::db::write_tx(c, |c| run_due_reminders(c, &mail, now)),
    )
}
