//! The outbox worker: claims due messages, delivers them, records the outcome.
//!
//! Claiming is one conditional `UPDATE` (pending and due, or sending with an expired lease) that stamps
//! a random claim token; only rows carrying this worker's token are then sent. Two instances on one
//! PostgreSQL database cannot both claim a row (the second `UPDATE` re-checks the condition after the
//! first commits), and a worker that dies mid-batch loses its claim when the lease expires.

use std::time::Duration;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rand::RngCore;

use super::Courier;
use super::MessageStatus::{Failed, Pending, Sending, Sent};
use crate::config::MailSettings;
use crate::db::{self, schema::outbox, DbConnection};

/// A message as the worker reads it.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox)]
pub struct OutboxMessage {
    pub id: i64,
    pub to_address: String,
    pub to_name: String,
    pub reply_to: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub attempts: i32,
    pub created_at: NaiveDateTime,
    /// The one-click withdrawal address of a message to a tenant ("" for others).
    pub list_unsubscribe: String,
}

/// What one pass delivered.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pass {
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
}

impl Pass {
    pub fn claimed(&self) -> usize {
        self.sent + self.retried + self.failed
    }
}

/// Claims up to `batch_size` due messages, sends them, and records each outcome.
pub fn deliver_due(
    conn: &mut DbConnection,
    mailer: &Courier,
    settings: &MailSettings,
) -> anyhow::Result<Pass> {
    let now = db::now();
    let token = claim_token();
    let claimed = claim(conn, &token, now, settings)?;
    let mut pass = Pass::default();
    let mut sent = Vec::new();
    for (msg, outcome) in send_all(mailer, claimed, settings.concurrency) {
        match outcome {
            Ok(()) => sent.push(msg.id),
            Err(error) => {
                let attempts = msg.attempts + 1;
                let gave_up = attempts >= settings.max_attempts;
                let next = db::now() + retry_delay(settings.retry_base_ms, attempts);
                tracing::warn!(message = msg.id, attempts, gave_up, %error, "mail delivery failed");
                diesel::update(
                    outbox::table
                        .find(msg.id)
                        .filter(outbox::claim_token.eq(&token)),
                )
                .set((
                    outbox::status.eq(if gave_up { Failed } else { Pending }),
                    outbox::attempts.eq(attempts),
                    outbox::next_attempt_at.eq(next),
                    outbox::claim_token.eq(None::<String>),
                    outbox::claimed_until.eq(None::<NaiveDateTime>),
                    outbox::last_error.eq(truncate(&error, 500)),
                ))
                .execute(conn)?;
                if gave_up {
                    pass.failed += 1;
                } else {
                    pass.retried += 1;
                }
            }
        }
    }
    // Delivered messages are marked in one statement (attempts counts this last one too).
    if !sent.is_empty() {
        pass.sent = diesel::update(
            outbox::table
                .filter(outbox::id.eq_any(&sent))
                .filter(outbox::claim_token.eq(&token)),
        )
        .set((
            outbox::status.eq(Sent),
            outbox::sent_at.eq(db::now()),
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::claim_token.eq(None::<String>),
            outbox::claimed_until.eq(None::<NaiveDateTime>),
            outbox::last_error.eq(""),
        ))
        .execute(conn)?;
    }
    Ok(pass)
}

/// Sends the claimed messages over up to `concurrency` SMTP connections at once. One connection
/// delivers a message every ~45 ms whatever the server's speed: lettre writes the body and the final
/// "." separately before waiting for the answer, and Nagle's algorithm holds the second write until
/// the server's delayed acknowledgement. Parallel connections hide that wait.
fn send_all(
    mailer: &Courier,
    messages: Vec<OutboxMessage>,
    concurrency: usize,
) -> Vec<(OutboxMessage, Result<(), String>)> {
    let lanes = concurrency.clamp(1, 32);
    if lanes == 1 || messages.len() < 2 {
        return messages
            .into_iter()
            .map(|m| {
                let outcome = mailer.send(&m);
                (m, outcome)
            })
            .collect();
    }
    let mut chunks: Vec<Vec<OutboxMessage>> = (0..lanes).map(|_| Vec::new()).collect();
    for (i, m) in messages.into_iter().enumerate() {
        chunks[i % lanes].push(m);
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .into_iter()
                        .map(|m| {
                            let outcome = mailer.send(&m);
                            (m, outcome)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}

fn claim(
    conn: &mut DbConnection,
    token: &str,
    now: NaiveDateTime,
    settings: &MailSettings,
) -> anyhow::Result<Vec<OutboxMessage>> {
    let due = || {
        outbox::status
            .eq(Pending)
            .and(outbox::next_attempt_at.le(now))
            .or(outbox::status
                .eq(Sending)
                .and(outbox::claimed_until.lt(now)))
    };
    let candidates: Vec<i64> = outbox::table
        .filter(due())
        .order((outbox::next_attempt_at, outbox::id))
        .limit(settings.batch_size.max(1))
        .select(outbox::id)
        .load(conn)?;
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    let lease = chrono::Duration::seconds(settings.lease_seconds.max(1));
    diesel::update(
        outbox::table
            .filter(outbox::id.eq_any(&candidates))
            .filter(due()),
    )
    .set((
        outbox::status.eq(Sending),
        outbox::claim_token.eq(token),
        outbox::claimed_until.eq(now + lease),
    ))
    .execute(conn)?;
    Ok(outbox::table
        .filter(outbox::claim_token.eq(token))
        .order(outbox::id)
        .select(OutboxMessage::as_select())
        .load(conn)?)
}

/// `base` × 2^(attempts − 1), at most six hours.
pub fn retry_delay(base_ms: i64, attempts: i32) -> chrono::Duration {
    let factor = 1_i64 << (attempts - 1).clamp(0, 20);
    let ms = base_ms.max(0).saturating_mul(factor).min(6 * 3600 * 1000);
    chrono::Duration::milliseconds(ms)
}

fn claim_token() -> String {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn truncate(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

/// The outbox worker as a periodic job: every instance runs it (each message is claimed by one),
/// every `poll_interval_ms`, and again at once while a pass fills its batch.
pub fn job(courier: Courier, settings: MailSettings) -> crate::jobs::Job {
    let batch = usize::try_from(settings.batch_size).unwrap_or(usize::MAX);
    let every = Duration::from_millis(settings.poll_interval_ms.max(10));
    let mut job = crate::jobs::Job::new(
        "outbox",
        crate::jobs::Mode::EveryInstance,
        every,
        move |conn, _now| {
            deliver_due(conn, &courier, &settings)
                .map(|pass| pass.claimed())
                .map_err(crate::error::AppError::internal)
        },
    );
    job.again_when_at_least = Some(batch.max(1));
    job
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_and_never_more_than_six_hours() {
        assert_eq!(retry_delay(60_000, 1), chrono::Duration::minutes(1));
        assert_eq!(retry_delay(60_000, 2), chrono::Duration::minutes(2));
        assert_eq!(retry_delay(60_000, 4), chrono::Duration::minutes(8));
        assert_eq!(retry_delay(60_000, 30), chrono::Duration::hours(6));
    }
}
