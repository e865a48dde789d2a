//! What an account acts for, as its scope page shows it. Administrators only; another office's
//! account is `NotFound`.

use diesel::prelude::*;

use crate::access::{self, Actor};
use crate::accounts::Account;
use crate::db::schema::{tenants, users};
use crate::db::DbConnection;
use crate::domain::ids::{BuildingId, TenantId, UserId};
use crate::domain::roles::Action;
use crate::error::AppError;

/// What an account acts for below the office, as its scope page shows it.
#[derive(Debug, Clone)]
pub struct AccountScope {
    pub account: Account,
    /// Its buildings (committee accounts), read through `crate::access`.
    pub assigned: Vec<BuildingId>,
    /// Its tenant record and that tenant's name (tenant accounts).
    pub tenant: Option<(TenantId, Option<String>)>,
}

/// The scope of one account of the actor's office.
pub fn scope(conn: &mut DbConnection, actor: &Actor, id: UserId) -> Result<AccountScope, AppError> {
    actor.require(Action::ManageAccounts)?;
    let (account, tenant_id): (Account, Option<TenantId>) = users::table
        .filter(users::id.eq(id))
        .filter(users::office_id.eq(actor.office_id))
        .select((Account::as_select(), users::tenant_id))
        .first(conn)?;
    let tenant = match tenant_id {
        Some(t) => Some((t, tenant_name(conn, t)?)),
        None => None,
    };
    Ok(AccountScope {
        assigned: access::assigned_buildings(conn, account.id)?,
        account,
        tenant,
    })
}

fn tenant_name(conn: &mut DbConnection, id: TenantId) -> Result<Option<String>, AppError> {
    Ok(tenants::table
        .find(id)
        .select((tenants::first_name, tenants::last_name))
        .first::<(String, String)>(conn)
        .optional()?
        .map(|(first, last)| format!("{first} {last}")))
}
