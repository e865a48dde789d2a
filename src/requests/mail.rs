//! The mail requests enqueue (never send), through the one composer: to the department a request
//! is routed to, to the tenant on each visible change (in their language, only with their consent
//! to email), the daily digest of late requests, the follow-up question after resolution, and the
//! department's notice when a tenant says the problem is not fixed.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::input::Referral;
use super::queries::{self, RequestLine};
use super::{categories, Request, Status};
use crate::db::schema::{departments, tenants, users};
use crate::db::DbConnection;
use crate::domain::ids::{DepartmentId, OfficeId, RequestId, UserId};
use crate::email::{Composer, Enqueued, Outgoing, Recipient};
use crate::error::AppError;
use crate::i18n::{t, Lang};
use crate::web::format;

/// Most requests listed in one digest.
const DIGEST_ITEMS: usize = 100;

/// The absolute address of a request's page.
fn link_to(mail: &Composer, id: RequestId) -> String {
    mail.link(&format!("/requests/{id}"))
}

/// A message of `template` about the office's work, to `to`.
fn message<'a, C: Serialize>(
    office_id: OfficeId,
    template: &'a str,
    to: Recipient,
    context: &'a C,
) -> Outgoing<'a, C> {
    Outgoing {
        office_id: Some(office_id),
        template,
        to,
        context,
        dedup_key: None,
    }
}

/// A department, as the recipient of its notices (in French), if it has an address.
pub(crate) fn department(
    conn: &mut DbConnection,
    id: DepartmentId,
) -> Result<Option<Recipient>, AppError> {
    Ok(departments::table
        .find(id)
        .select((departments::name, departments::email))
        .first::<(String, String)>(conn)
        .optional()?
        .filter(|(_, email)| !email.trim().is_empty())
        .map(|(name, address)| Recipient {
            address,
            name,
            lang: Lang::Fr,
        }))
}

/// An active account, as the recipient of a digest in its language.
pub(crate) fn account(conn: &mut DbConnection, id: UserId) -> Result<Option<Recipient>, AppError> {
    let row = users::table
        .find(id)
        .select((
            users::display_name,
            users::email,
            users::language,
            users::active,
        ))
        .first::<(String, String, String, bool)>(conn)
        .optional()?;
    Ok(row.and_then(|(name, address, lang, active)| {
        active.then(|| Recipient {
            address,
            name,
            lang: Lang::parse(&lang),
        })
    }))
}

/// The tenant of a request, if they consented to email and have an address.
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
        .first::<(String, String, String, String, Option<NaiveDateTime>)>(conn)
        .optional()?;
    Ok(row.and_then(|(first, last, address, lang, consent)| {
        (consent.is_some() && !address.trim().is_empty()).then(|| Recipient {
            address,
            name: format!("{first} {last}"),
            lang: Lang::parse(&lang),
        })
    }))
}

#[derive(Serialize)]
struct RoutedMail {
    request_id: RequestId,
    building: String,
    category: String,
    urgency: String,
    description: String,
    due: String,
    url: String,
}

/// Tells the department a request was routed to it.
pub fn routed(
    conn: &mut DbConnection,
    mail: &Composer,
    r: &Request,
    department_id: DepartmentId,
) -> Result<(), AppError> {
    let Some(to) = department(conn, department_id)? else {
        return Ok(());
    };
    let names = queries::names(conn, r)?;
    let lang = to.lang;
    let ctx = RoutedMail {
        request_id: r.id,
        category: names.category(lang),
        building: names.building,
        urgency: t(lang, &r.urgency.label_key()),
        description: r.description.clone(),
        due: format::datetime(lang, r.due_at),
        url: link_to(mail, r.id),
    };
    mail.send(conn, message(r.office_id, "request_routed", to, &ctx))?;
    Ok(())
}

/// What a tenant is told of a visible change.
#[derive(Debug, Clone, Copy, Default)]
pub struct Update<'a> {
    /// The request's new status.
    pub status: Option<Status>,
    pub message: Option<&'a str>,
    pub referral: Option<&'a Referral>,
}

#[derive(Serialize)]
struct ReferralView<'a> {
    resource: &'a str,
    contact: &'a str,
    told: &'a str,
}

#[derive(Serialize)]
struct UpdateMail<'a> {
    name: String,
    request_id: RequestId,
    category: String,
    status: Option<String>,
    message: Option<&'a str>,
    referral: Option<ReferralView<'a>>,
}

/// Tells the tenant (if they consented) of a visible change: a new status and/or a message.
pub fn tenant_update(
    conn: &mut DbConnection,
    mail: &Composer,
    r: &Request,
    update: &Update<'_>,
) -> Result<(), AppError> {
    let Some(to) = consenting_tenant(conn, r)? else {
        return Ok(());
    };
    let names = queries::names(conn, r)?;
    let lang = to.lang;
    let ctx = UpdateMail {
        name: to.name.clone(),
        request_id: r.id,
        category: names.category(lang),
        status: update.status.map(|s| t(lang, &s.label_key())),
        message: update.message,
        referral: update.referral.map(|f| ReferralView {
            resource: &f.resource,
            contact: &f.contact,
            told: &f.told,
        }),
    };
    mail.send(conn, message(r.office_id, "request_update", to, &ctx))?;
    Ok(())
}

#[derive(Serialize)]
struct LateItem {
    id: RequestId,
    building: String,
    category: String,
    due: String,
    url: String,
}

#[derive(Serialize)]
struct DigestMail {
    name: String,
    count: usize,
    items: Vec<LateItem>,
}

/// One digest of late requests: for whom, about which office, and under which key (one a day).
pub struct Digest<'a> {
    pub office_id: OfficeId,
    pub to: Recipient,
    pub lines: &'a [&'a RequestLine],
    pub key: String,
}

/// Enqueues a digest of late requests, once per key; returns 1 when this call enqueued it.
pub fn late_digest(
    conn: &mut DbConnection,
    mail: &Composer,
    digest: Digest<'_>,
) -> Result<usize, AppError> {
    let lang = digest.to.lang;
    let ctx = DigestMail {
        name: digest.to.name.clone(),
        count: digest.lines.len(),
        // The latest first; a department far behind gets the worst 100 and the total, not a
        // message of thousands of lines.
        items: digest
            .lines
            .iter()
            .take(DIGEST_ITEMS)
            .map(|l| LateItem {
                id: l.request.id,
                building: l.building.clone(),
                category: categories::label(lang, &l.category_code, &l.category_name),
                due: format::datetime(lang, l.request.due_at),
                url: link_to(mail, l.request.id),
            })
            .collect(),
    };
    let queued = mail.send(
        conn,
        Outgoing {
            dedup_key: Some(digest.key),
            ..message(digest.office_id, "request_late_digest", digest.to, &ctx)
        },
    )?;
    Ok(usize::from(matches!(queued, Enqueued::Queued(_))))
}

#[derive(Serialize)]
struct FollowupMail {
    name: String,
    request_id: RequestId,
    category: String,
    yes_url: String,
    no_url: String,
}

/// Asks the tenant whether the problem is really fixed, once per request (`followup:<id>`);
/// returns 1 when this call enqueued the question.
pub fn followup(
    conn: &mut DbConnection,
    mail: &Composer,
    r: &Request,
    to: Recipient,
    token: &str,
) -> Result<usize, AppError> {
    let names = queries::names(conn, r)?;
    let answer = |a: &str| mail.link(&format!("/requests/followup/{token}?answer={a}"));
    let ctx = FollowupMail {
        name: to.name.clone(),
        request_id: r.id,
        category: names.category(to.lang),
        yes_url: answer("yes"),
        no_url: answer("no"),
    };
    let queued = mail.send(
        conn,
        Outgoing {
            dedup_key: Some(format!("followup:{}", r.id)),
            ..message(r.office_id, "request_followup", to, &ctx)
        },
    )?;
    Ok(usize::from(matches!(queued, Enqueued::Queued(_))))
}

#[derive(Serialize)]
struct ReopenedMail {
    request_id: RequestId,
    building: String,
    category: String,
    url: String,
}

/// Tells the department that the tenant says the problem is not fixed (the request is reopened).
pub fn reopened(
    conn: &mut DbConnection,
    mail: &Composer,
    r: &Request,
    department_id: DepartmentId,
) -> Result<(), AppError> {
    let Some(to) = department(conn, department_id)? else {
        return Ok(());
    };
    let names = queries::names(conn, r)?;
    let ctx = ReopenedMail {
        request_id: r.id,
        category: names.category(to.lang),
        building: names.building,
        url: link_to(mail, r.id),
    };
    mail.send(conn, message(r.office_id, "request_reopened", to, &ctx))?;
    Ok(())
}
