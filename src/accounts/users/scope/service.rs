//! Replacing what an account acts for, in the caller's transaction: the buildings and the tenant
//! record must be the actor's office's.

use diesel::prelude::*;

use super::ScopeData;
use crate::access::Actor;
use crate::accounts::users::service::unknown;
use crate::accounts::Account;
use crate::db::schema::{buildings, tenants, user_buildings, users};
use crate::db::DbConnection;
use crate::domain::ids::{BuildingId, TenantId, UserId};
use crate::domain::roles::Action;
use crate::error::AppError;

/// Replaces what `account` acts for: a committee account's buildings, a tenant account's tenant
/// record. Ids of another office are a field error and nothing is written.
pub fn save_scope(
    conn: &mut DbConnection,
    actor: &Actor,
    account: &Account,
    data: &ScopeData,
) -> Result<(), AppError> {
    actor.require(Action::ManageAccounts)?;
    match data {
        ScopeData::Buildings(chosen) => assign_buildings(conn, actor, account.id, chosen),
        ScopeData::Tenant(tenant) => link_tenant(conn, actor, account.id, *tenant),
        ScopeData::Office => Ok(()),
    }
}

fn assign_buildings(
    conn: &mut DbConnection,
    actor: &Actor,
    user: UserId,
    chosen: &[BuildingId],
) -> Result<(), AppError> {
    let known: i64 = buildings::table
        .filter(buildings::office_id.eq(actor.office_id))
        .filter(buildings::id.eq_any(chosen))
        .count()
        .get_result(conn)?;
    if known != chosen.len() as i64 {
        return Err(unknown("building_id"));
    }
    diesel::delete(user_buildings::table.filter(user_buildings::user_id.eq(user))).execute(conn)?;
    for b in chosen {
        diesel::insert_into(user_buildings::table)
            .values((
                user_buildings::user_id.eq(user),
                user_buildings::building_id.eq(b),
            ))
            .execute(conn)?;
    }
    Ok(())
}

fn link_tenant(
    conn: &mut DbConnection,
    actor: &Actor,
    user: UserId,
    tenant: Option<TenantId>,
) -> Result<(), AppError> {
    if let Some(t) = tenant {
        let known: i64 = tenants::table
            .filter(tenants::id.eq(t))
            .filter(tenants::office_id.eq(actor.office_id))
            .count()
            .get_result(conn)?;
        if known == 0 {
            return Err(unknown("tenant_id"));
        }
    }
    diesel::update(users::table.find(user))
        .set(users::tenant_id.eq(tenant))
        .execute(conn)?;
    Ok(())
}
