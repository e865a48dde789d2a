//! Consent reads. [`current`] and [`history`] take no actor: they are what other capabilities ask
//! ("may I email this tenant?") inside their own scoped work. Pages and the API find the tenant
//! within the actor's reach first (`privacy::find_tenant`).

use chrono::NaiveDate;
use diesel::prelude::*;

use super::{Consent, ConsentEvent};
use crate::db::schema::{consent_events, users};
use crate::db::DbConnection;
use crate::domain::consent::Purpose;
use crate::domain::ids::TenantId;
use crate::error::AppError;
use crate::web::format::today;

/// One event with the name of the person who recorded it ("" when the tenant did).
#[derive(Debug, Clone)]
pub struct HistoryLine {
    pub event: ConsentEvent,
    pub recorded_by_name: String,
}

/// The latest event of `tenant` for `purpose` and `partner` ("" unless a referral).
pub fn latest(
    conn: &mut DbConnection,
    tenant: TenantId,
    purpose: Purpose,
    partner: &str,
) -> Result<Option<ConsentEvent>, AppError> {
    Ok(consent_events::table
        .filter(consent_events::tenant_id.eq(tenant))
        .filter(consent_events::purpose.eq(purpose))
        .filter(consent_events::partner.eq(partner))
        .order((consent_events::at.desc(), consent_events::id.desc()))
        .select(ConsentEvent::as_select())
        .first(conn)
        .optional()?)
}

/// The tenant's consent for `purpose` today (for a referral, see [`current_on`] with a partner):
/// `None` when nothing was ever recorded.
pub fn current(
    conn: &mut DbConnection,
    tenant: TenantId,
    purpose: Purpose,
) -> Result<Option<Consent>, AppError> {
    current_on(conn, tenant, purpose, "", today())
}

/// The tenant's consent for `purpose` (and `partner`) on `day`.
pub fn current_on(
    conn: &mut DbConnection,
    tenant: TenantId,
    purpose: Purpose,
    partner: &str,
    day: NaiveDate,
) -> Result<Option<Consent>, AppError> {
    Ok(latest(conn, tenant, purpose, partner.trim())?.map(|e| Consent::of(&e, day)))
}

/// Every decision about `tenant`, newest first, with who recorded it.
pub fn history(conn: &mut DbConnection, tenant: TenantId) -> Result<Vec<HistoryLine>, AppError> {
    let rows: Vec<(ConsentEvent, Option<String>)> = consent_events::table
        .left_join(users::table.on(users::id.nullable().eq(consent_events::recorded_by)))
        .filter(consent_events::tenant_id.eq(tenant))
        .order((consent_events::at.desc(), consent_events::id.desc()))
        .select((ConsentEvent::as_select(), users::display_name.nullable()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(event, name)| HistoryLine {
            event,
            recorded_by_name: name.unwrap_or_default(),
        })
        .collect())
}

/// The current consent of every purpose (and partner) the history mentions, in purpose order.
pub fn summary(history: &[HistoryLine], day: NaiveDate) -> Vec<Consent> {
    // The history is newest first: the first event of each (purpose, partner) is its latest.
    let mut seen: Vec<Consent> = Vec::new();
    for line in history {
        let e = &line.event;
        if !seen
            .iter()
            .any(|c| c.purpose == e.purpose && c.partner == e.partner)
        {
            seen.push(Consent::of(e, day));
        }
    }
    seen.sort_by_key(|c| {
        let rank = Purpose::ALL.iter().position(|p| *p == c.purpose);
        (rank, c.partner.clone())
    });
    seen
}
