//! One retention run, inside the caller's transaction: per office and kind, what expired is
//! destroyed or anonymised, each write re-checking the selection (so a concurrent or repeated run
//! changes nothing twice), and the counts are written to `retention_counts`. Photo files are
//! deleted by the caller after the transaction commits ([`Outcome::files`]).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::queries::{expired_messages, expired_reads, expired_requests, expired_tenants};
use super::{Cutoffs, Kind};
use crate::config::RetentionSettings;
use crate::db::schema::{
    access_log, consent_events, offices, outbox, request_events, request_photos, requests,
    retention_counts, tenants,
};
use crate::db::DbConnection;
use crate::domain::ids::{OfficeId, RequestId, TenantId, UserId};
use crate::error::AppError;

/// A count to keep.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = retention_counts)]
pub struct NewRetentionCount {
    pub office_id: OfficeId,
    pub kind: Kind,
    pub ran_at: NaiveDateTime,
    pub records: i32,
}

/// What a run did.
#[derive(Debug, Default, Clone)]
pub struct Outcome {
    pub counts: Vec<NewRetentionCount>,
    /// Photo files to delete once the transaction has committed: (office, stored name).
    pub files: Vec<(OfficeId, String)>,
}

impl Outcome {
    /// Records destroyed or anonymised, every kind and office together.
    pub fn total(&self) -> usize {
        self.counts.iter().map(|c| c.records.max(0) as usize).sum()
    }
}

fn anonymise_tenants(
    conn: &mut DbConnection,
    office: OfficeId,
    day: NaiveDate,
) -> Result<usize, AppError> {
    let ids: Vec<TenantId> = expired_tenants!(office, day)
        .select(tenants::id)
        .load(conn)?;
    if ids.is_empty() {
        return Ok(0);
    }
    let none_at = None::<NaiveDateTime>;
    let none_by = None::<UserId>;
    let changed = diesel::update(expired_tenants!(office, day).filter(tenants::id.eq_any(&ids)))
        .set((
            tenants::first_name.eq(""),
            tenants::last_name.eq(""),
            tenants::phone.eq(""),
            tenants::email.eq(""),
            tenants::search_text.eq(""),
            tenants::consent_email_at.eq(none_at),
            tenants::consent_email_by.eq(none_by),
            tenants::consent_phone_at.eq(none_at),
            tenants::consent_phone_by.eq(none_by),
            tenants::consent_sms_at.eq(none_at),
            tenants::consent_sms_by.eq(none_by),
        ))
        .execute(conn)?;
    diesel::update(consent_events::table.filter(consent_events::tenant_id.eq_any(&ids)))
        .set(consent_events::note.eq(""))
        .execute(conn)?;
    Ok(changed)
}

fn anonymise_requests(
    conn: &mut DbConnection,
    office: OfficeId,
    at: NaiveDateTime,
    files: &mut Vec<(OfficeId, String)>,
) -> Result<usize, AppError> {
    let ids: Vec<RequestId> = expired_requests!(office, at)
        .select(requests::id)
        .load(conn)?;
    if ids.is_empty() {
        return Ok(0);
    }
    // Only the run whose update changes a request removes its photos and comments: a concurrent
    // run finds the request already anonymised and leaves it alone.
    let changed: Vec<RequestId> =
        diesel::update(expired_requests!(office, at).filter(requests::id.eq_any(&ids)))
            .set((
                requests::description.eq(""),
                requests::referral_contact.eq(""),
                requests::referral_told.eq(""),
                requests::followup_token.eq(None::<String>),
                requests::tenant_id.eq(None::<TenantId>),
                requests::dwelling_id.eq(None::<i64>),
            ))
            .returning(requests::id)
            .get_results(conn)?;
    if changed.is_empty() {
        return Ok(0);
    }
    diesel::update(request_events::table.filter(request_events::request_id.eq_any(&changed)))
        .set(request_events::body.eq(""))
        .execute(conn)?;
    let names: Vec<String> =
        diesel::delete(request_photos::table.filter(request_photos::request_id.eq_any(&changed)))
            .returning(request_photos::stored_name)
            .get_results(conn)?;
    files.extend(names.into_iter().map(|n| (office, n)));
    Ok(changed.len())
}

fn blank_messages(
    conn: &mut DbConnection,
    office: OfficeId,
    at: NaiveDateTime,
) -> Result<usize, AppError> {
    Ok(diesel::update(expired_messages!(office, at))
        .set((
            outbox::body_text.eq(""),
            outbox::body_html.eq(""),
            outbox::list_unsubscribe.eq(""),
        ))
        .execute(conn)?)
}

fn delete_reads(
    conn: &mut DbConnection,
    office: OfficeId,
    at: NaiveDateTime,
) -> Result<usize, AppError> {
    Ok(diesel::delete(expired_reads!(office, at)).execute(conn)?)
}

/// Runs every kind for every office, as of `now`.
pub fn run(
    conn: &mut DbConnection,
    periods: &RetentionSettings,
    now: NaiveDateTime,
) -> Result<Outcome, AppError> {
    let cut = Cutoffs::at(periods, now);
    let office_ids: Vec<OfficeId> = offices::table
        .select(offices::id)
        .order(offices::id)
        .load(conn)?;
    let mut out = Outcome::default();
    for office in office_ids {
        let done = [
            (
                Kind::Tenants,
                match cut.tenants {
                    Some(d) => anonymise_tenants(conn, office, d)?,
                    None => 0,
                },
            ),
            (
                Kind::Requests,
                match cut.requests {
                    Some(t) => anonymise_requests(conn, office, t, &mut out.files)?,
                    None => 0,
                },
            ),
            (
                Kind::Outbox,
                match cut.outbox {
                    Some(t) => blank_messages(conn, office, t)?,
                    None => 0,
                },
            ),
            (
                Kind::AccessLog,
                match cut.access_log {
                    Some(t) => delete_reads(conn, office, t)?,
                    None => 0,
                },
            ),
        ];
        for (kind, n) in done {
            if n > 0 {
                out.counts.push(NewRetentionCount {
                    office_id: office,
                    kind,
                    ran_at: now,
                    records: i32::try_from(n).unwrap_or(i32::MAX),
                });
            }
        }
    }
    if !out.counts.is_empty() {
        crate::bulk_insert!(conn, retention_counts::table, out.counts);
    }
    Ok(out)
}
