//! Registrations: a tenant for the whole series (`session_id` NULL) or for one session; past the
//! capacity, on the waiting list in order; a cancellation gives the place to the first who fits.
//!
//! Capacity under concurrency: every change of a workshop's registrations first bumps
//! `workshops.registration_version` with an UPDATE. On PostgreSQL that row lock is held to the end
//! of the transaction, so registrations to one workshop run one after the other; on SQLite the
//! write transaction is IMMEDIATE, which serialises all writers anyway. The counts read after the
//! UPDATE are therefore the truth, and a place is never given twice.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::dsl::count_star;
use diesel::prelude::*;
use serde::Serialize;

use super::{field_error, notify, store, Workshop, SCHEDULED};
use crate::db::schema::{
    dwellings, tenants, workshop_buildings, workshop_registrations, workshop_sessions, workshops,
};
use crate::db::{now, DbConnection};
use crate::email::EmailTemplates;
use crate::error::AppError;

pub const CONFIRMED: &str = "confirmed";
pub const WAITING: &str = "waiting";
pub const WITHDRAWN: &str = "cancelled";

/// A registration as stored.
#[derive(Debug, Clone, Queryable, Serialize, utoipa::ToSchema)]
pub struct Registration {
    pub id: i64,
    pub office_id: i64,
    pub workshop_id: i64,
    /// None: the whole series.
    pub session_id: Option<i64>,
    pub tenant_id: i64,
    /// confirmed, waiting or cancelled
    pub status: String,
    /// staff or public
    pub channel: String,
    pub registered_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A registration request.
#[derive(Debug, Clone)]
pub struct NewRegistration {
    pub workshop_id: i64,
    pub session_id: Option<i64>,
    pub tenant_id: i64,
    pub channel: &'static str,
    pub registered_by: Option<i64>,
}

/// Where mail is rendered from, for the messages a change causes.
pub struct Mailer<'a> {
    pub templates: &'a EmailTemplates,
    pub base_url: &'a str,
}

/// Takes the workshop's registration lock (see the module doc); `NotFound` for another office's.
fn lock(conn: &mut DbConnection, office_id: i64, workshop_id: i64) -> Result<Workshop, AppError> {
    let n = diesel::update(
        workshops::table
            .filter(workshops::id.eq(workshop_id))
            .filter(workshops::office_id.eq(office_id)),
    )
    .set(workshops::registration_version.eq(workshops::registration_version + 1))
    .execute(conn)?;
    if n == 0 {
        return Err(AppError::NotFound);
    }
    store::find(conn, office_id, workshop_id)
}

/// Confirmed places: for the series, and per session.
struct Taken {
    series: i64,
    per_session: HashMap<i64, i64>,
}

impl Taken {
    fn load(conn: &mut DbConnection, workshop_id: i64) -> Result<Taken, AppError> {
        let rows: Vec<(Option<i64>, i64)> = workshop_registrations::table
            .filter(workshop_registrations::workshop_id.eq(workshop_id))
            .filter(workshop_registrations::status.eq(CONFIRMED))
            .group_by(workshop_registrations::session_id)
            .select((workshop_registrations::session_id, count_star()))
            .load(conn)?;
        let mut t = Taken {
            series: 0,
            per_session: HashMap::new(),
        };
        for (session, n) in rows {
            match session {
                None => t.series = n,
                Some(s) => {
                    t.per_session.insert(s, n);
                }
            }
        }
        Ok(t)
    }

    fn at(&self, session: i64) -> i64 {
        self.series + self.per_session.get(&session).copied().unwrap_or(0)
    }

    /// Whether one more registration for `session` (or the series: every upcoming session) fits.
    fn fits(&self, capacity: i64, session: Option<i64>, upcoming: &[i64]) -> bool {
        match session {
            Some(s) => self.at(s) < capacity,
            None => upcoming.iter().all(|s| self.at(*s) < capacity),
        }
    }

    fn take(&mut self, session: Option<i64>) {
        match session {
            Some(s) => *self.per_session.entry(s).or_insert(0) += 1,
            None => self.series += 1,
        }
    }
}

fn upcoming_sessions(conn: &mut DbConnection, workshop_id: i64) -> Result<Vec<i64>, AppError> {
    Ok(workshop_sessions::table
        .filter(workshop_sessions::workshop_id.eq(workshop_id))
        .filter(workshop_sessions::status.eq(SCHEDULED))
        .filter(workshop_sessions::starts_at.gt(now()))
        .select(workshop_sessions::id)
        .load(conn)?)
}

/// The tenant must be the office's and in the workshop's audience.
fn check_tenant(conn: &mut DbConnection, w: &Workshop, tenant_id: i64) -> Result<(), AppError> {
    let building: Option<i64> = tenants::table
        .inner_join(dwellings::table)
        .filter(tenants::id.eq(tenant_id))
        .filter(tenants::office_id.eq(w.office_id))
        .select(dwellings::building_id)
        .first(conn)
        .optional()?;
    let Some(building) = building else {
        return Err(field_error("tenant_id", "err-unknown-reference"));
    };
    let invited = match w.audience.as_str() {
        "office" => true,
        "buildings" => {
            building == w.building_id
                || workshop_buildings::table
                    .filter(workshop_buildings::workshop_id.eq(w.id))
                    .filter(workshop_buildings::building_id.eq(building))
                    .count()
                    .get_result::<i64>(conn)?
                    > 0
        }
        _ => building == w.building_id,
    };
    if !invited {
        return Err(field_error("tenant_id", "err-workshop-not-in-audience"));
    }
    Ok(())
}

/// Registers a tenant; confirmed while places remain, else on the waiting list.
pub fn register(
    conn: &mut DbConnection,
    office_id: i64,
    r: &NewRegistration,
) -> Result<Registration, AppError> {
    let w = lock(conn, office_id, r.workshop_id)?;
    let today = crate::web::format::today();
    if w.registration_opens_on.is_some_and(|d| today < d)
        || w.registration_closes_on.is_some_and(|d| today > d)
    {
        return Err(AppError::Conflict("err-workshop-registration-closed"));
    }
    check_tenant(conn, &w, r.tenant_id)?;
    let upcoming = upcoming_sessions(conn, w.id)?;
    match r.session_id {
        Some(s) if !upcoming.contains(&s) => {
            return Err(field_error("session_id", "err-workshop-session-not-open"))
        }
        None if upcoming.is_empty() => {
            return Err(AppError::Conflict("err-workshop-registration-closed"))
        }
        _ => {}
    }
    let already: i64 = workshop_registrations::table
        .filter(workshop_registrations::workshop_id.eq(w.id))
        .filter(workshop_registrations::tenant_id.eq(r.tenant_id))
        .filter(workshop_registrations::status.ne(WITHDRAWN))
        .filter(
            workshop_registrations::session_id
                .is_null()
                .or(workshop_registrations::session_id.eq(r.session_id)),
        )
        .count()
        .get_result(conn)?;
    if already > 0 {
        return Err(AppError::Conflict("err-workshop-already-registered"));
    }
    let taken = Taken::load(conn, w.id)?;
    let status = if taken.fits(w.capacity.into(), r.session_id, &upcoming) {
        CONFIRMED
    } else {
        WAITING
    };
    let at = now();
    Ok(diesel::insert_into(workshop_registrations::table)
        .values((
            workshop_registrations::office_id.eq(office_id),
            workshop_registrations::workshop_id.eq(w.id),
            workshop_registrations::session_id.eq(r.session_id),
            workshop_registrations::tenant_id.eq(r.tenant_id),
            workshop_registrations::status.eq(status),
            workshop_registrations::channel.eq(r.channel),
            workshop_registrations::registered_by.eq(r.registered_by),
            workshop_registrations::created_at.eq(at),
            workshop_registrations::updated_at.eq(at),
        ))
        .returning(workshop_registrations::all_columns)
        .get_result(conn)?)
}

/// One registration of the office.
pub fn find(conn: &mut DbConnection, office_id: i64, id: i64) -> Result<Registration, AppError> {
    Ok(workshop_registrations::table
        .filter(workshop_registrations::id.eq(id))
        .filter(workshop_registrations::office_id.eq(office_id))
        .first(conn)?)
}

/// Cancels a registration and gives freed places to the waiting list, in order; those promoted
/// are emailed. Returns the ids promoted.
pub fn cancel(
    conn: &mut DbConnection,
    office_id: i64,
    id: i64,
    mailer: &Mailer<'_>,
) -> Result<Vec<i64>, AppError> {
    let reg = find(conn, office_id, id)?;
    let w = lock(conn, office_id, reg.workshop_id)?;
    let n = diesel::update(
        workshop_registrations::table
            .find(id)
            .filter(workshop_registrations::status.ne(WITHDRAWN)),
    )
    .set((
        workshop_registrations::status.eq(WITHDRAWN),
        workshop_registrations::updated_at.eq(now()),
    ))
    .execute(conn)?;
    if n == 0 {
        return Err(AppError::Conflict("err-workshop-registration-cancelled"));
    }
    promote(conn, &w, mailer)
}

/// Confirms waiting registrations that now fit, first come first served.
pub fn promote(
    conn: &mut DbConnection,
    w: &Workshop,
    mailer: &Mailer<'_>,
) -> Result<Vec<i64>, AppError> {
    let waiting: Vec<(i64, Option<i64>)> = workshop_registrations::table
        .filter(workshop_registrations::workshop_id.eq(w.id))
        .filter(workshop_registrations::status.eq(WAITING))
        .order(workshop_registrations::id.asc())
        .select((
            workshop_registrations::id,
            workshop_registrations::session_id,
        ))
        .load(conn)?;
    if waiting.is_empty() {
        return Ok(Vec::new());
    }
    let upcoming = upcoming_sessions(conn, w.id)?;
    let mut taken = Taken::load(conn, w.id)?;
    let mut promoted = Vec::new();
    for (id, session) in waiting {
        if !taken.fits(w.capacity.into(), session, &upcoming) {
            continue;
        }
        taken.take(session);
        diesel::update(workshop_registrations::table.find(id))
            .set((
                workshop_registrations::status.eq(CONFIRMED),
                workshop_registrations::updated_at.eq(now()),
            ))
            .execute(conn)?;
        notify::promoted(conn, mailer, w, id)?;
        promoted.push(id);
    }
    Ok(promoted)
}

/// Changes the capacity; refused below the places already given in any upcoming session. A larger
/// capacity gives the new places to the waiting list.
pub fn set_capacity(
    conn: &mut DbConnection,
    office_id: i64,
    workshop_id: i64,
    capacity: i32,
    mailer: &Mailer<'_>,
) -> Result<Workshop, AppError> {
    let w = lock(conn, office_id, workshop_id)?;
    let taken = Taken::load(conn, w.id)?;
    let most = upcoming_sessions(conn, w.id)?
        .iter()
        .map(|s| taken.at(*s))
        .max()
        .unwrap_or(taken.series);
    if i64::from(capacity) < most {
        let mut e = crate::domain::FieldErrors::new();
        e.add_limit("capacity", "err-workshop-capacity-below-registered", most);
        return Err(e.into());
    }
    diesel::update(workshops::table.find(w.id))
        .set((
            workshops::capacity.eq(capacity),
            workshops::updated_at.eq(now()),
        ))
        .execute(conn)?;
    let w = store::find(conn, office_id, workshop_id)?;
    promote(conn, &w, mailer)?;
    Ok(w)
}

/// A registration with its tenant's name, as the workshop and attendance pages list them.
#[derive(Debug, Clone, Queryable, Serialize, utoipa::ToSchema)]
pub struct RegistrationLine {
    pub id: i64,
    pub session_id: Option<i64>,
    pub tenant_id: i64,
    pub status: String,
    pub first_name: String,
    pub last_name: String,
    pub dwelling: String,
}

/// The registrations of a workshop that are not cancelled, confirmed first, in order.
pub fn list(conn: &mut DbConnection, workshop_id: i64) -> Result<Vec<RegistrationLine>, AppError> {
    Ok(workshop_registrations::table
        .inner_join(tenants::table.inner_join(dwellings::table))
        .filter(workshop_registrations::workshop_id.eq(workshop_id))
        .filter(workshop_registrations::status.ne(WITHDRAWN))
        .order((
            workshop_registrations::status.asc(),
            workshop_registrations::id.asc(),
        ))
        .select((
            workshop_registrations::id,
            workshop_registrations::session_id,
            workshop_registrations::tenant_id,
            workshop_registrations::status,
            tenants::first_name,
            tenants::last_name,
            dwellings::number,
        ))
        .load(conn)?)
}

/// [`cancel`] for an actor, who must act for the workshop's building; returns the workshop's id.
pub fn cancel_for(
    conn: &mut DbConnection,
    actor: &super::Actor,
    id: i64,
    mailer: &Mailer<'_>,
) -> Result<i64, AppError> {
    let reg = find(conn, actor.office_id, id)?;
    actor.check_building(store::find(conn, actor.office_id, reg.workshop_id)?.building_id)?;
    cancel(conn, actor.office_id, id, mailer)?;
    Ok(reg.workshop_id)
}
