//! What administrators do with the outbox, in the caller's transaction: send themselves a test
//! message (it checks the mail settings end to end), and put a failed message back in the queue.
//! The command line's `mail test` queues test messages the same way.

use diesel::prelude::*;

use super::{Composer, MessageStatus, Outgoing, Recipient};
use crate::access::Actor;
use crate::db::schema::outbox;
use crate::db::{now, DbConnection};
use crate::domain::ids::{MessageId, OfficeId};
use crate::domain::roles::Action;
use crate::error::AppError;
use crate::i18n::Lang;

/// The template of test messages.
const TEST_MESSAGE: &str = "test_message";

fn send_test_to(
    conn: &mut DbConnection,
    composer: &Composer,
    office: OfficeId,
    to: Recipient,
) -> Result<(), AppError> {
    let mail = Outgoing {
        office_id: Some(office),
        template: TEST_MESSAGE,
        to,
        context: &serde_json::json!({}),
        dedup_key: None,
    };
    composer.send(conn, mail).map(|_| ())
}

/// Queues the test message for the actor, in their language.
pub fn send_test(
    conn: &mut DbConnection,
    composer: &Composer,
    actor: &Actor,
) -> Result<(), AppError> {
    actor.require(Action::ManageOffice)?;
    let to = Recipient {
        address: actor.email.clone(),
        name: actor.name.clone(),
        lang: actor.lang,
    };
    send_test_to(conn, composer, actor.office_id, to)
}

/// Queues `count` test messages to `to` from `office` (the `mail test` command: checks the SMTP
/// settings, and loads the outbox for the delivery benchmark).
pub fn send_tests(
    conn: &mut DbConnection,
    composer: &Composer,
    office: OfficeId,
    to: &str,
    count: u32,
) -> Result<(), AppError> {
    for _ in 0..count {
        let recipient = Recipient {
            address: to.to_owned(),
            name: String::new(),
            lang: Lang::Fr,
        };
        send_test_to(conn, composer, office, recipient)?;
    }
    Ok(())
}

/// Puts a failed message of the actor's office back in the queue for a fresh series of attempts;
/// `Conflict` for a message that has not failed (a sent one is never sent again).
pub fn retry(conn: &mut DbConnection, actor: &Actor, id: MessageId) -> Result<(), AppError> {
    actor.require(Action::ManageOffice)?;
    let exists: i64 = outbox::table
        .filter(outbox::office_id.eq(actor.office_id))
        .find(id)
        .count()
        .get_result(conn)?;
    if exists == 0 {
        return Err(AppError::NotFound);
    }
    let changed = diesel::update(
        outbox::table
            .find(id)
            .filter(outbox::status.eq(MessageStatus::Failed)),
    )
    .set((
        outbox::status.eq(MessageStatus::Pending),
        outbox::attempts.eq(0),
        outbox::next_attempt_at.eq(now()),
    ))
    .execute(conn)?;
    if changed == 0 {
        return Err(AppError::Conflict("outbox-not-failed"));
    }
    Ok(())
}
