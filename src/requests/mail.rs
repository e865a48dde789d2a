//! The mail requests enqueue (never send): to the department a request is routed to, to the tenant on
//! each visible change (in their language, only with their consent to email), the daily digest of late
//! requests, the follow-up question after resolution, and the department's notice when a tenant says
//! the problem is not fixed.

use std::sync::Arc;

use diesel::prelude::*;
use serde::Serialize;

use super::service::Referral;
use super::{store, Request, Status};
use crate::db::schema::{departments, tenants};
use crate::db::DbConnection;
use crate::email::{self, EmailTemplates, Outgoing, Recipient};
use crate::error::AppError;
use crate::i18n::{t, Lang};
use crate::web::format;

/// What enqueueing needs: the templates and the public address for links.
#[derive(Clone, Copy)]
pub struct Mailer<'a> {
    pub templates: &'a EmailTemplates,
    pub base_url: &'a str,
}

/// The owned parts of a [`Mailer`], to move into a database closure.
#[derive(Clone)]
pub struct MailParts(pub Arc<EmailTemplates>, pub String);

impl MailParts {
    pub fn of(state: &crate::state::AppState) -> MailParts {
        MailParts(state.emails.clone(), state.settings.server.base_url.clone())
    }

    pub fn mailer(&self) -> Mailer<'_> {
        Mailer {
            templates: &self.0,
            base_url: &self.1,
        }
    }
}

impl Mailer<'_> {
    pub(crate) fn send<C: Serialize>(
        &self,
        conn: &mut DbConnection,
        office_id: i64,
        template: &str,
        to: Recipient,
        context: &C,
        dedup_key: Option<String>,
    ) -> Result<email::Enqueued, AppError> {
        email::enqueue(
            conn,
            self.templates,
            self.base_url,
            Outgoing {
                office_id: Some(crate::domain::ids::OfficeId(office_id)),
                template,
                to,
                context,
                dedup_key,
            },
        )
    }

    /// The address of a request's page.
    pub fn url(&self, id: i64) -> String {
        format!("{}/requests/{id}", self.base_url.trim_end_matches('/'))
    }
}

/// A category's name in `lang`.
pub fn category_label(lang: Lang, code: &str, name: &str) -> String {
    if code.is_empty() {
        name.to_owned()
    } else {
        t(lang, &format!("request-category-{code}"))
    }
}

pub fn status_label(lang: Lang, s: Status) -> String {
    t(lang, &format!("request-status-{}", s.as_str()))
}

#[derive(Serialize)]
struct RoutedMail {
    request_id: i64,
    building: String,
    category: String,
    urgency: String,
    description: String,
    due: String,
    url: String,
}

/// The department (name, email) of `id`, if it has an address.
pub(crate) fn department(
    conn: &mut DbConnection,
    id: i64,
) -> Result<Option<(String, String)>, AppError> {
    Ok(departments::table
        .find(id)
        .select((departments::name, departments::email))
        .first::<(String, String)>(conn)
        .optional()?
        .filter(|(_, email)| !email.trim().is_empty()))
}

/// Tells the department a request was routed to it.
pub fn routed(
    conn: &mut DbConnection,
    mailer: &Mailer,
    r: &Request,
    department_id: i64,
) -> Result<(), AppError> {
    let Some((name, address)) = department(conn, department_id)? else {
        return Ok(());
    };
    let names = store::names(conn, r)?;
    let lang = Lang::Fr;
    let ctx = RoutedMail {
        request_id: r.id,
        building: names.building,
        category: category_label(lang, &names.category_code, &names.category_name),
        urgency: t(lang, &format!("request-urgency-{}", r.urgency)),
        description: r.description.clone(),
        due: format::datetime(lang, r.due_at),
        url: mailer.url(r.id),
    };
    let to = Recipient {
        address,
        name,
        lang,
    };
    mailer.send(conn, r.office_id, "request_routed", to, &ctx, None)?;
    Ok(())
}

#[derive(Serialize)]
struct ReferralView {
    resource: String,
    contact: String,
    told: String,
}

#[derive(Serialize)]
struct UpdateMail {
    name: String,
    request_id: i64,
    category: String,
    status: Option<String>,
    message: Option<String>,
    referral: Option<ReferralView>,
}

/// The tenant of a request who consented to email: (name, address, language).
pub(crate) fn consenting_tenant(
    conn: &mut DbConnection,
    r: &Request,
) -> Result<Option<Recipient>, AppError> {
    let Some(tid) = r.tenant_id else {
        return Ok(None);
    };
    let row = tenants::table
        .find(tid)
        .select((
            tenants::first_name,
            tenants::last_name,
            tenants::email,
            tenants::language,
            tenants::consent_email_at,
        ))
        .first::<(
            String,
            String,
            String,
            String,
            Option<chrono::NaiveDateTime>,
        )>(conn)
        .optional()?;
    Ok(row.and_then(|(first, last, address, lang, consent)| {
        (consent.is_some() && !address.trim().is_empty()).then(|| Recipient {
            address,
            name: format!("{first} {last}"),
            lang: Lang::parse(&lang),
        })
    }))
}

/// Tells the tenant (if they consented) of a visible change: a new status and/or a message.
pub fn tenant_update(
    conn: &mut DbConnection,
    mailer: &Mailer,
    r: &Request,
    status: Option<Status>,
    message: Option<&str>,
    referral: Option<&Referral>,
) -> Result<(), AppError> {
    let Some(to) = consenting_tenant(conn, r)? else {
        return Ok(());
    };
    let names = store::names(conn, r)?;
    let lang = to.lang;
    let ctx = UpdateMail {
        name: to.name.clone(),
        request_id: r.id,
        category: category_label(lang, &names.category_code, &names.category_name),
        status: status.map(|s| status_label(lang, s)),
        message: message.map(str::to_owned),
        referral: referral.map(|f| ReferralView {
            resource: f.resource.clone(),
            contact: f.contact.clone(),
            told: f.told.clone(),
        }),
    };
    mailer.send(conn, r.office_id, "request_update", to, &ctx, None)?;
    Ok(())
}
