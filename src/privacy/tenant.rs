//! The tenant a privacy page or API call is about, found within the actor's reach.

use diesel::prelude::*;
use serde::Serialize;

use crate::access::{Actor, Scope};
use crate::db::schema::{offices, tenants};
use crate::db::DbConnection;
use crate::domain::ids::{OfficeId, TenantId};
use crate::domain::roles::{Action, Resource};
use crate::error::AppError;
use crate::i18n::Lang;

/// A tenant as privacy pages name them.
#[derive(Debug, Clone, Serialize, Queryable)]
pub struct TenantRef {
    pub id: TenantId,
    pub office_id: OfficeId,
    pub first_name: String,
    pub last_name: String,
    pub language: String,
}

impl TenantRef {
    pub fn name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }

    /// The language the tenant reads (French for "other").
    pub fn lang(&self) -> Lang {
        Lang::parse(&self.language)
    }
}

const COLUMNS: (
    tenants::id,
    tenants::office_id,
    tenants::first_name,
    tenants::last_name,
    tenants::language,
) = (
    tenants::id,
    tenants::office_id,
    tenants::first_name,
    tenants::last_name,
    tenants::language,
);

/// The tenant `id`, if the actor may see its consents (`Forbidden` for a role that sees none,
/// `NotFound` for another office's).
pub fn find_tenant(
    conn: &mut DbConnection,
    actor: &Actor,
    id: TenantId,
) -> Result<TenantRef, AppError> {
    actor.require(Action::ReadConsents)?;
    match actor.scope(Resource::Consents) {
        Scope::Office => Ok(tenants::table
            .filter(tenants::id.eq(id))
            .filter(tenants::office_id.eq(actor.office_id))
            .select(COLUMNS)
            .first(conn)?),
        _ => Err(AppError::NotFound),
    }
}

/// The tenant `id` of any office (the signed withdrawal link is the authority, not a sign-in).
pub fn tenant_by_id(conn: &mut DbConnection, id: TenantId) -> Result<TenantRef, AppError> {
    Ok(tenants::table.find(id).select(COLUMNS).first(conn)?)
}

/// The name of `office` (pages shown without a sign-in name the office they speak for).
pub fn office_name(conn: &mut DbConnection, office: OfficeId) -> Result<String, AppError> {
    Ok(offices::table
        .find(office)
        .select(offices::name)
        .first(conn)?)
}
