//! Writing tenants: the office check of the dwelling, consent bookkeeping (when a consent was
//! given and who recorded it), create and change. Each change of a channel box is also recorded
//! as a consent event through the privacy capability (`privacy::consents::sync_channels`): the
//! history is kept, and unticking a box records a withdrawal, never erases. Callers run these in
//! one write transaction.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{queries, ConsentChoice, NewTenant, Recorded, Tenant, TenantData, TenantInput};
use crate::access::Actor;
use crate::db::schema::{dwellings, tenants};
use crate::db::{now, DbConnection};
use crate::domain::consent::How;
use crate::domain::ids::{DwellingId, OfficeId, TenantId, UserId};
use crate::domain::roles::Action;
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::privacy::consents::{sync_channels, ChannelChoice};

/// Validates `input` and checks that its dwelling is one of the office's: another office's (or an
/// unknown) dwelling is the field error `err-unknown-reference`, reported with the others.
pub fn validate_in_office(
    conn: &mut DbConnection,
    office_id: i64,
    input: &TenantInput,
) -> Result<TenantData, AppError> {
    let checked = input.validate();
    let mut errors = match &checked {
        Ok(_) => FieldErrors::new(),
        Err(e) => e.clone(),
    };
    let dwelling = match &checked {
        Ok(d) => Some(d.dwelling_id),
        Err(e) if !e.0.contains_key("dwelling_id") => input
            .dwelling_id
            .as_deref()
            .and_then(|v| v.trim().parse::<i64>().ok()),
        Err(_) => None,
    };
    if let Some(id) = dwelling {
        let found: i64 = dwellings::table
            .filter(dwellings::id.eq(id))
            .filter(dwellings::office_id.eq(office_id))
            .count()
            .get_result(conn)?;
        if found == 0 {
            errors.add("dwelling_id", "err-unknown-reference");
        }
    }
    match checked {
        Ok(data) if errors.is_empty() => Ok(data),
        _ => Err(AppError::Validation(errors)),
    }
}

/// The consent after a change: given now by `by` when newly wanted, kept with its original date
/// and recorder when still wanted, cleared when withdrawn, untouched when not asked about.
pub fn consent_after(
    before: Recorded,
    wanted: Option<bool>,
    at: NaiveDateTime,
    by: i64,
) -> Recorded {
    match wanted {
        None => before,
        Some(false) => (None, None),
        Some(true) if before.0.is_some() => before,
        Some(true) => (Some(at), Some(by)),
    }
}

fn consents_after(before: [Recorded; 3], c: ConsentChoice, by: i64) -> [Recorded; 3] {
    let at = now();
    [
        consent_after(before[0], c.email, at, by),
        consent_after(before[1], c.phone, at, by),
        consent_after(before[2], c.sms, at, by),
    ]
}

/// Creates a tenant of the actor's office from `input`, with a consent event for each channel
/// ticked; returns its id.
pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    input: &TenantInput,
) -> Result<TenantId, AppError> {
    actor.require(Action::ManageTenants)?;
    let office = actor.office_id.get();
    let data = validate_in_office(conn, office, input)?;
    let id = TenantId(insert(conn, office, actor.user_id.get(), &data)?);
    record_consents(conn, actor, id, data.consent)?;
    Ok(id)
}

/// Changes the office's tenant `id` from `input`, recording a consent event for each channel box
/// that changed; `NotFound` for another office's tenant, whatever the input.
pub fn change(
    conn: &mut DbConnection,
    actor: &Actor,
    id: TenantId,
    input: &TenantInput,
) -> Result<(), AppError> {
    actor.require(Action::ManageTenants)?;
    let office = actor.office_id.get();
    let before = queries::find(conn, office, id.get())?;
    let data = validate_in_office(conn, office, input)?;
    update(conn, &before, actor.user_id.get(), &data)?;
    record_consents(conn, actor, id, data.consent)
}

/// The channel boxes as consent events (given or withdrawn), for those that differ from the
/// tenant's current consent.
fn record_consents(
    conn: &mut DbConnection,
    actor: &Actor,
    id: TenantId,
    c: ConsentChoice,
) -> Result<(), AppError> {
    let choice = ChannelChoice {
        email: c.email,
        phone: c.phone,
        sms: c.sms,
    };
    sync_channels(conn, actor, id, choice, How::Form).map(drop)
}

/// Inserts a validated tenant; consents given are recorded now, by `user_id`.
pub fn insert(
    conn: &mut DbConnection,
    office_id: i64,
    user_id: i64,
    data: &TenantData,
) -> Result<i64, AppError> {
    let [(ea, eb), (pa, pb), (sa, sb)] = consents_after([(None, None); 3], data.consent, user_id);
    let at = now();
    let by = |b: Option<i64>| b.map(UserId);
    let row = NewTenant {
        office_id: OfficeId(office_id),
        dwelling_id: DwellingId(data.dwelling_id),
        first_name: data.first_name.clone(),
        last_name: data.last_name.clone(),
        language: data.language.clone(),
        phone: data.phone.clone(),
        email: data.email.clone(),
        household_size: data.household_size,
        consent_email_at: ea,
        consent_email_by: by(eb),
        consent_phone_at: pa,
        consent_phone_by: by(pb),
        consent_sms_at: sa,
        consent_sms_by: by(sb),
        move_in: data.move_in,
        move_out: data.move_out,
        search_text: data.search_text.clone(),
        created_at: at,
        updated_at: at,
    };
    Ok(diesel::insert_into(tenants::table)
        .values(&row)
        .returning(tenants::id)
        .get_result(conn)?)
}

/// Writes `data` over the tenant `before`, keeping unchanged consents as they were recorded.
fn update(
    conn: &mut DbConnection,
    before: &Tenant,
    user_id: i64,
    data: &TenantData,
) -> Result<(), AppError> {
    let [(ea, eb), (pa, pb), (sa, sb)] = consents_after(before.consents(), data.consent, user_id);
    diesel::update(
        tenants::table
            .filter(tenants::id.eq(before.id))
            .filter(tenants::office_id.eq(before.office_id)),
    )
    .set((
        tenants::dwelling_id.eq(data.dwelling_id),
        tenants::first_name.eq(&data.first_name),
        tenants::last_name.eq(&data.last_name),
        tenants::language.eq(&data.language),
        tenants::phone.eq(&data.phone),
        tenants::email.eq(&data.email),
        tenants::household_size.eq(data.household_size),
        tenants::consent_email_at.eq(ea),
        tenants::consent_email_by.eq(eb),
        tenants::consent_phone_at.eq(pa),
        tenants::consent_phone_by.eq(pb),
        tenants::consent_sms_at.eq(sa),
        tenants::consent_sms_by.eq(sb),
        tenants::move_in.eq(data.move_in),
        tenants::move_out.eq(data.move_out),
        tenants::search_text.eq(&data.search_text),
        tenants::updated_at.eq(now()),
    ))
    .execute(conn)?;
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn consent_keeps_its_date_until_withdrawn() {
        let t0 = NaiveDate::from_ymd_opt(2024, 1, 2)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        let t1 = t0 + chrono::Duration::days(30);
        assert_eq!(
            consent_after((None, None), Some(true), t1, 7),
            (Some(t1), Some(7))
        );
        assert_eq!(
            consent_after((Some(t0), Some(3)), Some(true), t1, 7),
            (Some(t0), Some(3))
        );
        assert_eq!(
            consent_after((Some(t0), Some(3)), Some(false), t1, 7),
            (None, None)
        );
        assert_eq!(
            consent_after((Some(t0), Some(3)), None, t1, 7),
            (Some(t0), Some(3))
        );
    }
}
