//! Consent writes, in the caller's transaction: a person of the office [`record`]s a decision, a
//! tenant withdraws through the signed link of an email ([`withdraw_by_link`], once), and the
//! registry's tenant form turns its channel boxes into decisions ([`sync_channels`]). Every event
//! also brings the tenant's contact columns (the mirror the mail senders read) in step.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::{queries, ConsentData, ConsentEvent, NewConsentEvent};
use crate::access::Actor;
use crate::db::schema::{consent_events, tenants};
use crate::db::{now, DbConnection};
use crate::domain::consent::{Decision, How, Purpose};
use crate::domain::ids::{TenantId, UserId};
use crate::domain::roles::Action;
use crate::error::AppError;
use crate::privacy::find_tenant;
use crate::privacy::tenant::{tenant_by_id, TenantRef};

fn insert(conn: &mut DbConnection, row: &NewConsentEvent) -> Result<ConsentEvent, AppError> {
    let event: ConsentEvent = diesel::insert_into(consent_events::table)
        .values(row)
        .returning(consent_events::all_columns)
        .get_result(conn)?;
    mirror(conn, &event)?;
    Ok(event)
}

/// Sets (or clears) a contact channel's mirror columns: a consent given keeps the date and
/// recorder of the first "given" while it holds, as the registry always did.
macro_rules! mirror_channel {
    ($conn:expr, $tenant:expr, $at:ident, $by:ident, $given:expr, $when:expr, $who:expr) => {{
        let row = tenants::table.filter(tenants::id.eq($tenant));
        if $given {
            diesel::update(row.filter(tenants::$at.is_null()))
                .set((tenants::$at.eq(Some($when)), tenants::$by.eq($who)))
                .execute($conn)?
        } else {
            diesel::update(row.filter(tenants::$at.is_not_null()))
                .set((
                    tenants::$at.eq(None::<NaiveDateTime>),
                    tenants::$by.eq(None::<UserId>),
                ))
                .execute($conn)?
        }
    }};
}

/// Brings the tenant's mirror column of the event's channel in step with it.
fn mirror(conn: &mut DbConnection, e: &ConsentEvent) -> Result<(), AppError> {
    let given = e.decision == Decision::Given;
    set_mirror(conn, e.tenant_id, e.purpose, given, e.at, e.recorded_by).map(|_| ())
}

fn set_mirror(
    conn: &mut DbConnection,
    tenant: TenantId,
    purpose: Purpose,
    given: bool,
    at: NaiveDateTime,
    by: Option<UserId>,
) -> Result<usize, AppError> {
    Ok(match purpose {
        Purpose::ContactEmail => {
            mirror_channel!(
                conn,
                tenant,
                consent_email_at,
                consent_email_by,
                given,
                at,
                by
            )
        }
        Purpose::ContactPhone => {
            mirror_channel!(
                conn,
                tenant,
                consent_phone_at,
                consent_phone_by,
                given,
                at,
                by
            )
        }
        Purpose::ContactSms => {
            mirror_channel!(conn, tenant, consent_sms_at, consent_sms_by, given, at, by)
        }
        Purpose::Referral | Purpose::Photos => 0,
    })
}

/// Records `actor`'s entry of a decision of `tenant` (of the actor's office).
pub fn record(
    conn: &mut DbConnection,
    actor: &Actor,
    tenant: TenantId,
    data: &ConsentData,
) -> Result<ConsentEvent, AppError> {
    actor.require(Action::RecordConsents)?;
    let t = find_tenant(conn, actor, tenant)?;
    insert(
        conn,
        &NewConsentEvent {
            office_id: t.office_id,
            tenant_id: t.id,
            purpose: data.purpose,
            partner: data.partner.clone(),
            decision: data.decision,
            at: now(),
            recorded_by: Some(actor.user_id),
            by_tenant: false,
            how: data.how,
            expires_on: data.expires_on,
            note: data.note.clone(),
        },
    )
}

/// What a withdrawal link did.
#[derive(Debug, Clone)]
pub struct Withdrawal {
    pub tenant: TenantRef,
    pub purpose: Purpose,
    /// The consent was already withdrawn: nothing new was written.
    pub already: bool,
}

/// The tenant's own withdrawal of `purpose` through a signed email link: one "withdrawn" event
/// (how: email link, by: the tenant), written once however often the link is followed.
pub fn withdraw_by_link(
    conn: &mut DbConnection,
    tenant: TenantId,
    purpose: Purpose,
) -> Result<Withdrawal, AppError> {
    let t = tenant_by_id(conn, tenant)?;
    // A no-op update takes the tenant's row lock on PostgreSQL, so two clicks at the same instant
    // are written one after the other and the second sees the first (SQLite's IMMEDIATE
    // transaction already serialises them).
    diesel::update(tenants::table.find(tenant))
        .set(tenants::updated_at.eq(tenants::updated_at))
        .execute(conn)?;
    let latest = queries::latest(conn, tenant, purpose, "")?;
    let already = latest.is_some_and(|e| e.decision == Decision::Withdrawn);
    if !already {
        insert(
            conn,
            &NewConsentEvent {
                office_id: t.office_id,
                tenant_id: t.id,
                purpose,
                partner: String::new(),
                decision: Decision::Withdrawn,
                at: now(),
                recorded_by: None,
                by_tenant: true,
                how: How::EmailLink,
                expires_on: None,
                note: String::new(),
            },
        )?;
    }
    Ok(Withdrawal {
        tenant: t,
        purpose,
        already,
    })
}

/// The contact channels a tenant form ticks: `Some(true)` wanted, `Some(false)` not, `None` not
/// asked about.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ChannelChoice {
    pub email: Option<bool>,
    pub phone: Option<bool>,
    pub sms: Option<bool>,
}

/// Turns a tenant form's channel boxes into decisions: one event per channel whose box differs
/// from the current consent (nothing for the others). Returns how many were recorded.
pub fn sync_channels(
    conn: &mut DbConnection,
    actor: &Actor,
    tenant: TenantId,
    choice: ChannelChoice,
    how: How,
) -> Result<usize, AppError> {
    let wanted = [
        (Purpose::ContactEmail, choice.email),
        (Purpose::ContactPhone, choice.phone),
        (Purpose::ContactSms, choice.sms),
    ];
    let mut recorded = 0;
    for (purpose, want) in wanted {
        let Some(want) = want else { continue };
        let now_given = queries::current(conn, tenant, purpose)?.is_some_and(|c| c.is_given());
        if want == now_given {
            continue;
        }
        let data = ConsentData {
            purpose,
            partner: String::new(),
            decision: if want {
                Decision::Given
            } else {
                Decision::Withdrawn
            },
            how,
            expires_on: None,
            note: String::new(),
        };
        record(conn, actor, tenant, &data)?;
        recorded += 1;
    }
    Ok(recorded)
}

/// Clears the mirror of contact consents whose latest event expired before `day` (the
/// `consent_expiry` job); answers how many channels stopped (each counted once: a cleared
/// mirror is not cleared again).
pub fn expire(conn: &mut DbConnection, day: NaiveDate) -> Result<usize, AppError> {
    let contact = [
        Purpose::ContactEmail,
        Purpose::ContactPhone,
        Purpose::ContactSms,
    ];
    let candidates: Vec<ConsentEvent> = consent_events::table
        .filter(consent_events::decision.eq(Decision::Given))
        .filter(consent_events::expires_on.lt(day))
        .filter(consent_events::purpose.eq_any(contact))
        .select(ConsentEvent::as_select())
        .load(conn)?;
    let mut stopped = 0;
    for e in candidates {
        let latest = queries::latest(conn, e.tenant_id, e.purpose, "")?;
        if latest.is_some_and(|l| l.id == e.id) {
            stopped += set_mirror(conn, e.tenant_id, e.purpose, false, e.at, None)?;
        }
    }
    Ok(stopped)
}

/// Gives every contact consent recorded only in the registry's columns (rows written in bulk: the
/// demo generator, the CSV import) its first "given" event, as the migration did for the rows that
/// existed then. Idempotent; answers how many events were written. One statement per channel, the
/// same SQL on both databases (no placeholders; SQLite knows `FALSE` since 3.23).
pub fn adopt_registry_consents(conn: &mut DbConnection) -> Result<usize, AppError> {
    let mut written = 0;
    for (purpose, column) in [
        ("contact_email", "email"),
        ("contact_phone", "phone"),
        ("contact_sms", "sms"),
    ] {
        let sql = format!(
            "INSERT INTO consent_events (office_id, tenant_id, purpose, partner, decision, at, \
             recorded_by, by_tenant, how, note) \
             SELECT t.office_id, t.id, '{purpose}', '', 'given', t.consent_{column}_at, \
             t.consent_{column}_by, FALSE, 'form', '' FROM tenants t \
             WHERE t.consent_{column}_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM consent_events e \
             WHERE e.tenant_id = t.id AND e.purpose = '{purpose}')"
        );
        written += diesel::sql_query(sql).execute(conn)?;
    }
    Ok(written)
}
