//! The one email composer: every capability writes its messages to the outbox through
//! [`Composer::send`] — or, for a tenant, [`Composer::send_to_tenant`], which adds the one-click
//! withdrawal of the channel (a signed link in the footer and the `List-Unsubscribe` headers) and
//! the office's privacy officer. Sending them is the worker's business.

use std::sync::Arc;

use diesel::prelude::*;
use serde::Serialize;

use super::{EmailTemplates, MessageStatus};
use crate::access::signed::LinkKey;
use crate::db::schema::{office_privacy, offices, outbox, tenants};
use crate::db::{self, DbConnection};
use crate::domain::consent::Purpose;
use crate::domain::ids::{MessageId, OfficeId, TenantId};
use crate::error::AppError;
use crate::i18n::Lang;

/// Renders messages from `templates/emails/<name>/` and writes them to the outbox; knows the
/// service's public address for the links messages carry. Cheap to clone into a database closure.
#[derive(Clone)]
pub struct Composer {
    templates: Arc<EmailTemplates>,
    base_url: Arc<str>,
    links: LinkKey,
}

/// A message addressed to a tenant: it carries the one-click withdrawal of `channel` and the
/// office's privacy officer, and is not written at all once the tenant withdrew that channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TenantMail {
    pub tenant: TenantId,
    /// The consent the message relies on, which its link withdraws.
    pub channel: Purpose,
}

impl TenantMail {
    /// A message to `tenant` by email.
    pub fn email(tenant: TenantId) -> TenantMail {
        TenantMail {
            tenant,
            channel: Purpose::ContactEmail,
        }
    }
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
    /// The tenant withdrew consent to this channel: nothing was written.
    Withheld,
}

/// The office's privacy officer, as messages to tenants show them.
#[derive(Debug, Clone, Default, Serialize, Queryable, utoipa::ToSchema)]
pub struct Officer {
    pub name: String,
    pub email: String,
    pub phone: String,
}

/// What a message to a tenant adds to the envelope and the outbox row.
#[derive(Default)]
struct TenantExtras {
    withdraw_url: Option<String>,
    privacy_officer: Option<Officer>,
}

#[derive(Serialize)]
struct Envelope<'a, C: Serialize> {
    lang: &'static str,
    office_name: String,
    base_url: &'a str,
    /// The one-click withdrawal link of a message to a tenant (`null` otherwise).
    withdraw_url: Option<String>,
    /// The office's privacy officer, in messages to tenants when the office named one.
    privacy_officer: Option<Officer>,
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
    list_unsubscribe: &'a str,
    status: MessageStatus,
    attempts: i32,
    next_attempt_at: chrono::NaiveDateTime,
    last_error: &'a str,
    created_at: chrono::NaiveDateTime,
}

impl Composer {
    /// `links` signs the withdrawal links of messages to tenants.
    pub fn new(templates: Arc<EmailTemplates>, base_url: &str, links: LinkKey) -> Composer {
        Composer {
            templates,
            base_url: Arc::from(base_url.trim_end_matches('/')),
            links,
        }
    }

    /// The key that signs (and checks) the links messages carry.
    pub fn links(&self) -> &LinkKey {
        &self.links
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
        write(
            conn,
            &self.templates,
            &self.base_url,
            mail,
            TenantExtras::default(),
        )
    }

    /// Like [`Composer::send`], for a message to a tenant of the message's office: it is withheld
    /// (`Enqueued::Withheld`) when the tenant does not consent to `to.channel` now, and otherwise
    /// carries a signed link withdrawing that consent in one click (footer and `List-Unsubscribe`
    /// headers, RFC 8058) and the office's privacy officer.
    ///
    /// Consent is read from the tenant's contact columns, which `privacy::consents` keeps in step
    /// with the consent history (and clears when a consent expires).
    pub fn send_to_tenant<C: Serialize>(
        &self,
        conn: &mut DbConnection,
        to: TenantMail,
        mail: Outgoing<'_, C>,
    ) -> Result<Enqueued, AppError> {
        if !consents(conn, to, mail.office_id)? {
            return Ok(Enqueued::Withheld);
        }
        let token = self.links.withdrawal_token(to.tenant, to.channel);
        let privacy_officer = match mail.office_id {
            Some(office) => officer(conn, office)?,
            None => None,
        };
        let extras = TenantExtras {
            withdraw_url: Some(self.link(&format!("/consent/withdraw/{token}"))),
            privacy_officer,
        };
        write(conn, &self.templates, &self.base_url, mail, extras)
    }
}

/// Whether the tenant (of `office`) consents to being reached through `to.channel` now.
fn consents(
    conn: &mut DbConnection,
    to: TenantMail,
    office: Option<OfficeId>,
) -> Result<bool, AppError> {
    let mut q = tenants::table
        .filter(tenants::id.eq(to.tenant))
        .into_boxed();
    if let Some(office) = office {
        q = q.filter(tenants::office_id.eq(office));
    }
    let at: Option<chrono::NaiveDateTime> = match to.channel {
        Purpose::ContactEmail => q.select(tenants::consent_email_at).first(conn)?,
        Purpose::ContactSms => q.select(tenants::consent_sms_at).first(conn)?,
        Purpose::ContactPhone => q.select(tenants::consent_phone_at).first(conn)?,
        // Messages rely on a contact channel; other purposes have no mirror to read.
        Purpose::Referral | Purpose::Photos => return Ok(false),
    };
    Ok(at.is_some())
}

/// The office's privacy officer, when it named one.
pub fn officer(conn: &mut DbConnection, office: OfficeId) -> Result<Option<Officer>, AppError> {
    let found: Officer = office_privacy::table
        .find(office)
        .select((
            office_privacy::privacy_officer_name,
            office_privacy::privacy_officer_email,
            office_privacy::privacy_officer_phone,
        ))
        .first(conn)?;
    Ok((!found.name.trim().is_empty()).then_some(found))
}

fn write<C: Serialize>(
    conn: &mut DbConnection,
    templates: &EmailTemplates,
    base_url: &str,
    mail: Outgoing<'_, C>,
    extras: TenantExtras,
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
        withdraw_url: extras.withdraw_url.clone(),
        privacy_officer: extras.privacy_officer,
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
        list_unsubscribe: extras.withdraw_url.as_deref().unwrap_or(""),
        status: MessageStatus::Pending,
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
