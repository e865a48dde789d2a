//! Reads of registrations: a workshop's list (names only for those who may read tenant files), one
//! registration, and the tenant found at a dwelling under a last name.

use diesel::prelude::*;
use serde::Serialize;

use crate::access::Actor;
use crate::db::schema::{dwellings, tenants, workshop_buildings, workshop_registrations};
use crate::db::DbConnection;
use crate::domain::ids::{BuildingId, OfficeId, RegistrationId, SessionId, TenantId, WorkshopId};
use crate::domain::roles::Action;
use crate::domain::text::fold;
use crate::error::AppError;
use crate::workshops::{Registration, RegistrationStatus, Workshop};

/// Whether the actor sees tenants' names on registrations and attendance sheets: those who may
/// read tenant files; committee members see dwellings only.
pub fn shows_names(actor: &Actor) -> bool {
    actor.can(Action::ReadTenants)
}

/// A registration with its tenant's dwelling, and name when the reader may see it.
#[derive(Debug, Clone, Queryable, Serialize, utoipa::ToSchema)]
pub struct RegistrationLine {
    pub id: RegistrationId,
    pub session_id: Option<SessionId>,
    pub tenant_id: TenantId,
    pub status: RegistrationStatus,
    /// Empty for readers who may not see tenants' names.
    pub first_name: String,
    /// Empty for readers who may not see tenants' names.
    pub last_name: String,
    pub dwelling: String,
}

/// The registrations of a workshop that are not cancelled, confirmed first, in order; names
/// blanked unless `names`.
pub fn list(
    conn: &mut DbConnection,
    workshop_id: WorkshopId,
    names: bool,
) -> Result<Vec<RegistrationLine>, AppError> {
    let mut lines: Vec<RegistrationLine> = workshop_registrations::table
        .inner_join(tenants::table.inner_join(dwellings::table))
        .filter(workshop_registrations::workshop_id.eq(workshop_id))
        .filter(workshop_registrations::status.ne(RegistrationStatus::Cancelled))
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
        .load(conn)?;
    if !names {
        for l in &mut lines {
            l.first_name.clear();
            l.last_name.clear();
        }
    }
    Ok(lines)
}

/// One registration of the office.
pub fn find(
    conn: &mut DbConnection,
    office_id: OfficeId,
    id: RegistrationId,
) -> Result<Registration, AppError> {
    Ok(workshop_registrations::table
        .filter(workshop_registrations::id.eq(id))
        .filter(workshop_registrations::office_id.eq(office_id))
        .first(conn)?)
}

/// The current tenant living in `dwelling` of one of `buildings` under `last_name` (accents and
/// case ignored), of `office_id`.
pub fn find_tenant(
    conn: &mut DbConnection,
    office_id: OfficeId,
    buildings: &[BuildingId],
    dwelling: &str,
    last_name: &str,
) -> Result<Option<TenantId>, AppError> {
    let found: Vec<(TenantId, String)> = tenants::table
        .inner_join(dwellings::table)
        .filter(tenants::office_id.eq(office_id))
        .filter(dwellings::building_id.eq_any(buildings.to_vec()))
        .filter(dwellings::number.eq(dwelling.trim()))
        .filter(tenants::move_out.is_null())
        .order(tenants::id.asc())
        .select((tenants::id, tenants::last_name))
        .load(conn)?;
    let wanted = fold(last_name.trim());
    Ok(found
        .into_iter()
        .find(|(_, n)| fold(n) == wanted)
        .map(|(id, _)| id))
}

/// The buildings whose tenants a workshop invites (`None`: the whole office).
pub fn invited_buildings(
    conn: &mut DbConnection,
    w: &Workshop,
) -> Result<Option<Vec<BuildingId>>, AppError> {
    Ok(match w.audience.as_str() {
        "office" => None,
        "buildings" => {
            let mut list: Vec<BuildingId> = workshop_buildings::table
                .filter(workshop_buildings::workshop_id.eq(w.id))
                .select(workshop_buildings::building_id)
                .load(conn)?;
            list.push(w.building_id);
            Some(list)
        }
        _ => Some(vec![w.building_id]),
    })
}

/// The tenant a workshop's registration form names by dwelling and last name, among those it
/// invites.
pub fn lookup_for(
    conn: &mut DbConnection,
    w: &Workshop,
    dwelling: &str,
    last_name: &str,
) -> Result<Option<TenantId>, AppError> {
    let buildings = match invited_buildings(conn, w)? {
        Some(list) => list,
        None => {
            use crate::db::schema::buildings;
            buildings::table
                .filter(buildings::office_id.eq(w.office_id))
                .select(buildings::id)
                .load(conn)?
        }
    };
    find_tenant(conn, w.office_id, &buildings, dwelling, last_name)
}
