//! Email: every message goes through the persistent outbox (`outbox`), written in the transaction of
//! the change that causes it and sent afterwards by the background worker, so a mail-server outage
//! delays mail and loses none.
//!
//! A capability sends mail by calling [`Composer::send`] inside its write transaction with a template name
//! (a folder under `templates/emails/`: `subject.hbs`, `body.txt.hbs`, `body.html.hbs`), the recipient
//! and a serialisable context. The message is rendered at once in the recipient's language. The
//! worker ([`worker`]) delivers it through the [`Courier`]; administrators follow and retry messages
//! on the outbox page ([`pages`], reading through [`queries`], acting through [`service`]).

mod compose;
mod courier;
pub mod pages;
pub mod queries;
pub mod service;
mod templates;
pub mod worker;

pub use compose::{officer, Composer, Enqueued, Officer, Outgoing, Recipient, TenantMail};
pub use courier::Courier;
pub use templates::EmailTemplates;

crate::text_enum! {
    /// Where a message of the outbox stands.
    pub enum MessageStatus {
        /// Waiting for its (next) attempt.
        Pending = "pending",
        /// Claimed by a worker, which holds it until its lease expires.
        Sending = "sending",
        Sent = "sent",
        /// Given up after the last attempt, until an administrator retries it.
        Failed = "failed",
    }
}
