//! Registering, cancelling and the waiting list.
//!
//! Capacity under concurrency: every change of a workshop's registrations first bumps
//! `workshops.registration_version` with an UPDATE. On PostgreSQL that row lock is held to the end
//! of the transaction, so registrations to one workshop run one after the other; on SQLite the
//! write transaction is IMMEDIATE, which serialises all writers anyway. The counts read after the
//! UPDATE are therefore the truth, and a place is never given twice.

use std::collections::HashMap;

use diesel::dsl::count_star;
use diesel::prelude::*;

use super::{queries, NewRegistration};
use crate::access::Actor;
use crate::db::schema::{dwellings, tenants, workshop_registrations, workshops};
use crate::db::{now, DbConnection};
use crate::domain::ids::{OfficeId, RegistrationId, SessionId, TenantId, WorkshopId};
use crate::email::Composer;
use crate::error::AppError;
use crate::workshops::queries::{find_in_office, upcoming_sessions, within_scope};
use crate::workshops::{
    field_error, mail, NewRegistrationRow, Registration, RegistrationStatus, Workshop,
};

/// Takes the workshop's registration lock (see the module doc); `NotFound` for another office's.
fn lock(
    conn: &mut DbConnection,
    office_id: OfficeId,
    workshop_id: WorkshopId,
) -> Result<Workshop, AppError> {
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
    find_in_office(conn, office_id, workshop_id)
}

/// Confirmed places: for the series, and per session.
struct Taken {
    series: i64,
    per_session: HashMap<SessionId, i64>,
}

impl Taken {
    fn load(conn: &mut DbConnection, workshop_id: WorkshopId) -> Result<Taken, AppError> {
        let rows: Vec<(Option<SessionId>, i64)> = workshop_registrations::table
            .filter(workshop_registrations::workshop_id.eq(workshop_id))
            .filter(workshop_registrations::status.eq(RegistrationStatus::Confirmed))
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

    fn at(&self, session: SessionId) -> i64 {
        self.series + self.per_session.get(&session).copied().unwrap_or(0)
    }

    /// Whether one more registration for `session` (or the series: every upcoming session) fits.
    fn fits(&self, capacity: i64, session: Option<SessionId>, upcoming: &[SessionId]) -> bool {
        match session {
            Some(s) => self.at(s) < capacity,
            None => upcoming.iter().all(|s| self.at(*s) < capacity),
        }
    }

    fn take(&mut self, session: Option<SessionId>) {
        match session {
            Some(s) => *self.per_session.entry(s).or_insert(0) += 1,
            None => self.series += 1,
        }
    }
}

/// The tenant must be the office's and in the workshop's audience.
fn check_tenant(
    conn: &mut DbConnection,
    w: &Workshop,
    tenant_id: TenantId,
) -> Result<(), AppError> {
    let building: Option<crate::domain::ids::BuildingId> = tenants::table
        .inner_join(dwellings::table)
        .filter(tenants::id.eq(tenant_id))
        .filter(tenants::office_id.eq(w.office_id))
        .select(dwellings::building_id)
        .first(conn)
        .optional()?;
    let Some(building) = building else {
        return Err(field_error("tenant_id", "err-unknown-reference"));
    };
    let invited = queries::invited_buildings(conn, w)?.is_none_or(|list| list.contains(&building));
    if !invited {
        return Err(field_error("tenant_id", "err-workshop-not-in-audience"));
    }
    Ok(())
}

/// Registers a tenant; confirmed while places remain, else on the waiting list.
pub fn register(
    conn: &mut DbConnection,
    office_id: OfficeId,
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
    let upcoming = upcoming_sessions(conn, w.id, now())?;
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
        .filter(workshop_registrations::status.ne(RegistrationStatus::Cancelled))
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
        RegistrationStatus::Confirmed
    } else {
        RegistrationStatus::Waiting
    };
    let at = now();
    let row = NewRegistrationRow {
        office_id,
        workshop_id: w.id,
        session_id: r.session_id,
        tenant_id: r.tenant_id,
        status,
        channel: r.channel,
        registered_by: r.registered_by,
        created_at: at,
        updated_at: at,
    };
    Ok(diesel::insert_into(workshop_registrations::table)
        .values(&row)
        .returning(workshop_registrations::all_columns)
        .get_result(conn)?)
}

/// Cancels a registration and gives freed places to the waiting list, in order; those promoted
/// are emailed. Returns the ids promoted.
pub fn cancel(
    conn: &mut DbConnection,
    mailer: &Composer,
    office_id: OfficeId,
    id: RegistrationId,
) -> Result<Vec<RegistrationId>, AppError> {
    let reg = queries::find(conn, office_id, id)?;
    let w = lock(conn, office_id, reg.workshop_id)?;
    let n = diesel::update(
        workshop_registrations::table
            .find(id)
            .filter(workshop_registrations::status.ne(RegistrationStatus::Cancelled)),
    )
    .set((
        workshop_registrations::status.eq(RegistrationStatus::Cancelled),
        workshop_registrations::updated_at.eq(now()),
    ))
    .execute(conn)?;
    if n == 0 {
        return Err(AppError::Conflict("err-workshop-registration-cancelled"));
    }
    promote(conn, mailer, &w)
}

/// Confirms waiting registrations that now fit, first come first served.
pub fn promote(
    conn: &mut DbConnection,
    mailer: &Composer,
    w: &Workshop,
) -> Result<Vec<RegistrationId>, AppError> {
    let waiting: Vec<(RegistrationId, Option<SessionId>)> = workshop_registrations::table
        .filter(workshop_registrations::workshop_id.eq(w.id))
        .filter(workshop_registrations::status.eq(RegistrationStatus::Waiting))
        .order(workshop_registrations::id.asc())
        .select((
            workshop_registrations::id,
            workshop_registrations::session_id,
        ))
        .load(conn)?;
    if waiting.is_empty() {
        return Ok(Vec::new());
    }
    let upcoming = upcoming_sessions(conn, w.id, now())?;
    let mut taken = Taken::load(conn, w.id)?;
    let mut promoted = Vec::new();
    for (id, session) in waiting {
        if !taken.fits(w.capacity.into(), session, &upcoming) {
            continue;
        }
        taken.take(session);
        diesel::update(workshop_registrations::table.find(id))
            .set((
                workshop_registrations::status.eq(RegistrationStatus::Confirmed),
                workshop_registrations::updated_at.eq(now()),
            ))
            .execute(conn)?;
        mail::promoted(conn, mailer, w, id)?;
        promoted.push(id);
    }
    Ok(promoted)
}

/// Changes the capacity of a workshop the actor sees; refused below the places already given in
/// any upcoming session. A larger capacity gives the new places to the waiting list.
pub fn set_capacity(
    conn: &mut DbConnection,
    actor: &Actor,
    mailer: &Composer,
    workshop_id: WorkshopId,
    capacity: i32,
) -> Result<Workshop, AppError> {
    let office_id = actor.office_id;
    within_scope(
        actor,
        find_in_office(conn, office_id, workshop_id)?.building_id,
    )?;
    let w = lock(conn, office_id, workshop_id)?;
    let taken = Taken::load(conn, w.id)?;
    let most = upcoming_sessions(conn, w.id, now())?
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
    let w = find_in_office(conn, office_id, workshop_id)?;
    promote(conn, mailer, &w)?;
    Ok(w)
}

/// A registration by staff or a committee member: the tenant named by id (those who may read
/// tenant files) or found by dwelling and last name, for a workshop the actor sees.
pub struct StaffRegistration {
    pub workshop_id: WorkshopId,
    pub session_id: Option<SessionId>,
    pub tenant: super::TenantRef,
}

/// Registers a tenant for a workshop the actor sees.
pub fn register_for(
    conn: &mut DbConnection,
    actor: &Actor,
    r: &StaffRegistration,
) -> Result<Registration, AppError> {
    let w = crate::workshops::queries::find(conn, actor, r.workshop_id)?;
    let tenant_id = match &r.tenant {
        super::TenantRef::Id(id) if queries::shows_names(actor) => *id,
        super::TenantRef::Id(_) => {
            return Err(field_error("dwelling", "err-workshop-register-by-lookup"))
        }
        super::TenantRef::Lookup {
            dwelling,
            last_name,
        } => queries::lookup_for(conn, &w, dwelling, last_name)?
            .ok_or_else(|| field_error("dwelling", "err-workshop-tenant-not-found"))?,
    };
    register(
        conn,
        actor.office_id,
        &NewRegistration {
            workshop_id: w.id,
            session_id: r.session_id,
            tenant_id,
            channel: crate::workshops::Channel::Staff,
            registered_by: Some(actor.user_id),
        },
    )
}

/// Cancels a registration of a workshop the actor sees; returns the workshop's id.
pub fn cancel_for(
    conn: &mut DbConnection,
    actor: &Actor,
    mailer: &Composer,
    id: RegistrationId,
) -> Result<WorkshopId, AppError> {
    let office_id = actor.office_id;
    let reg = queries::find(conn, office_id, id)?;
    within_scope(
        actor,
        find_in_office(conn, office_id, reg.workshop_id)?.building_id,
    )?;
    cancel(conn, mailer, office_id, id)?;
    Ok(reg.workshop_id)
}
