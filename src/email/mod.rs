//! Email: every message goes through the persistent outbox (`outbox`), written in the transaction of
//! the change that causes it and sent afterwards by the background worker, so a mail-server outage
//! delays mail and loses none.
//!
//! A capability sends mail by calling [`enqueue`] inside its write transaction with a template name
//! (a folder under `templates/emails/`: `subject.hbs`, `body.txt.hbs`, `body.html.hbs`), the recipient
//! and a serialisable context. The message is rendered at once in the recipient's language.

mod outbox;
mod templates;

pub use outbox::{enqueue, Enqueued, Outgoing, Recipient};
pub use templates::EmailTemplates;
