//! Email: every message goes through the persistent outbox (`outbox`), written in the transaction of
//! the change that causes it and sent afterwards by the background worker, so a mail-server outage
//! delays mail and loses none.
//!
//! A capability sends mail by calling [`enqueue`] inside its write transaction with a template name
//! (a folder under `templates/emails/`: `subject.hbs`, `body.txt.hbs`, `body.html.hbs`), the recipient
//! and a serialisable context. The message is rendered at once in the recipient's language. The
//! worker ([`worker`]) delivers it through the [`Mailer`]; administrators follow and retry messages
//! on the outbox page ([`pages`]).

mod mailer;
mod outbox;
pub mod pages;
mod templates;
pub mod worker;

pub use mailer::Mailer;
pub use outbox::{enqueue, Enqueued, Outgoing, Recipient};
pub use pages::enqueue_test_messages;
pub use templates::EmailTemplates;
