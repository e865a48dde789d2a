//! The one email composer: every capability writes its messages to the outbox through
//! [`Composer::send`]. Sending them is the worker's business.

use std::sync::Arc;

use diesel::prelude::*;
use serde::Serialize;

use super::EmailTemplates;
use crate::db::{self, schema::offices, schema::outbox, DbConnection};
use crate::domain::ids::{MessageId, OfficeId};
use crate::error::AppError;
use crate::i18n::Lang;

/// Renders messages from `templates/emails/<name>/` and writes them to the outbox; knows the
/// service's public address for the links messages carry. Cheap to clone into a database closure.
#[derive(Clone)]
pub struct Composer {
    templates: Arc<EmailTemplates>,
    base_url: Arc<str>,
}

/// Who a message is for, and in which language it is written.
#[derive(Debug, Clone)]
pub struct Recipient {
    pub address: String,
    pub name: String,
    pub lang: Lang,
}

/// A message to enqueue: the template folder under `templates/emails/`, the recipient, the context
/// the template reads, and optionally a key that makes enqueueing idempotent.
pub struct Outgoing<'a, C: Serialize> {
    pub office_id: Option<OfficeId>,
    pub template: &'a str,
    pub to: Recipient,
    pub context: &'a C,
    /// Messages sharing a key are enqueued once (e.g. `reminder:<registration>:<session>`).
    pub dedup_key: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enqueued {
    Queued(MessageId),
    /// A message with the same `dedup_key` is already in the outbox.
    AlreadyQueued,
}

#[derive(Serialize)]
struct Envelope<'a, C: Serialize> {
    lang: &'static str,
    office_name: String,
    base_url: &'a str,
    #[serde(flatten)]
    context: &'a C,
}

#[derive(Insertable)]
#[diesel(table_name = outbox)]
struct NewMessage<'a> {
    office_id: Option<OfficeId>,
    kind: &'a str,
    to_address: &'a str,
    to_name: &'a str,
    reply_to: &'a str,
    subject: &'a str,
    body_text: &'a str,
    body_html: &'a str,
    dedup_key: Option<&'a str>,
    status: &'a str,
    attempts: i32,
    next_attempt_at: chrono::NaiveDateTime,
    last_error: &'a str,
    created_at: chrono::NaiveDateTime,
}

impl Composer {
    pub fn new(templates: Arc<EmailTemplates>, base_url: &str) -> Composer {
        Composer {
            templates,
            base_url: Arc::from(base_url.trim_end_matches('/')),
        }
    }

    /// The templates messages are rendered from.
    pub fn templates(&self) -> &EmailTemplates {
        &self.templates
    }

    /// The service's public address, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The absolute address of `path` (which starts with `/`), for links in messages.
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// Renders `mail` in its recipient's language and writes it to the outbox, on `conn` — call it
    /// inside the transaction of the change that causes the message, so both are written or
    /// neither.
    ///
    /// The office's name is available to templates as `office_name`, the service's public address
    /// as `base_url`, and replies go to the office's contact address.
    pub fn send<C: Serialize>(
        &self,
        conn: &mut DbConnection,
        mail: Outgoing<'_, C>,
    ) -> Result<Enqueued, AppError> {
        enqueue(conn, &self.templates, &self.base_url, mail)
    }
}

/// Transitional: the free-function form of [`Composer::send`], removed once every capability
/// sends through the composer.
pub fn enqueue<C: Serialize>(
    conn: &mut DbConnection,
    templates: &EmailTemplates,
    base_url: &str,
    mail: Outgoing<'_, C>,
) -> Result<Enqueued, AppError> {
    if let Some(key) = mail.dedup_key.as_deref() {
        if already_queued(conn, key)? {
            return Ok(Enqueued::AlreadyQueued);
        }
    }
    let (office_name, reply_to) = match mail.office_id {
        Some(id) => offices::table
            .find(id)
            .select((offices::name, offices::contact_email))
            .first::<(String, String)>(conn)?,
        None => (String::new(), String::new()),
    };
    let envelope = Envelope {
        lang: mail.to.lang.as_str(),
        office_name,
        base_url: base_url.trim_end_matches('/'),
        context: mail.context,
    };
    let rendered = templates
        .render(mail.template, &envelope)
        .map_err(|e| anyhow::anyhow!("email template {}: {e}", mail.template))?;
    let now = db::now();
    let row = NewMessage {
        office_id: mail.office_id,
        kind: mail.template,
        to_address: mail.to.address.trim(),
        to_name: mail.to.name.trim(),
        reply_to: reply_to.trim(),
        subject: &rendered.subject,
        body_text: &rendered.text,
        body_html: &rendered.html,
        dedup_key: mail.dedup_key.as_deref(),
        status: "pending",
        attempts: 0,
        next_attempt_at: now,
        last_error: "",
        created_at: now,
    };
    // A savepoint, so that losing a race on dedup_key to another instance leaves the caller's
    // transaction usable (PostgreSQL aborts a transaction on any failed statement).
    let inserted = conn.transaction(|c| {
        diesel::insert_into(outbox::table)
            .values(&row)
            .returning(outbox::id)
            .get_result::<MessageId>(c)
    });
    match inserted {
        Ok(id) => Ok(Enqueued::Queued(id)),
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) if mail.dedup_key.is_some() => Ok(Enqueued::AlreadyQueued),
        Err(e) => Err(e.into()),
    }
}

fn already_queued(conn: &mut DbConnection, key: &str) -> Result<bool, AppError> {
    let n: i64 = outbox::table
        .filter(outbox::dedup_key.eq(key))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}
