//! From credentials to an [`Actor`]: the account is read again on every request (a disabled account
//! or a changed password takes effect at once), with its office's name in the same query; the
//! records the account is tied to are read only for the roles that have them.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use sha2::{Digest, Sha256};

use super::{Actor, Credentials};
use crate::db::schema::{api_tokens, offices, user_buildings, users};
use crate::db::{now, DbConnection};
use crate::domain::ids::{BuildingId, DepartmentId, OfficeId, TenantId, TokenId, UserId};
use crate::domain::roles::Role;
use crate::error::AppError;
use crate::i18n::Lang;

/// What authentication reads of an account, in one query with the office's name.
#[derive(Debug, Clone, Queryable)]
pub struct AccountRow {
    pub id: UserId,
    pub office_id: OfficeId,
    pub office_name: String,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub language: String,
    pub department_id: Option<DepartmentId>,
    pub tenant_id: Option<TenantId>,
    pub active: bool,
    pub password_hash: String,
    /// Moved on by sign-out, a password change or disabling: sessions opened before no longer hold.
    pub session_epoch: i32,
}

#[allow(clippy::type_complexity)]
const ACCOUNT_COLUMNS: (
    users::id,
    users::office_id,
    offices::name,
    users::email,
    users::display_name,
    users::role,
    users::language,
    users::department_id,
    users::tenant_id,
    users::active,
    users::password_hash,
    users::session_epoch,
) = (
    users::id,
    users::office_id,
    offices::name,
    users::email,
    users::display_name,
    users::role,
    users::language,
    users::department_id,
    users::tenant_id,
    users::active,
    users::password_hash,
    users::session_epoch,
);

/// The account with this id, active or not.
pub fn find_account(conn: &mut DbConnection, id: UserId) -> Result<Option<AccountRow>, AppError> {
    Ok(users::table
        .inner_join(offices::table)
        .filter(users::id.eq(id))
        .select(ACCOUNT_COLUMNS)
        .first(conn)
        .optional()?)
}

/// The account with this email (compared as sign-in compares it: trimmed, lower case).
pub fn find_account_by_email(
    conn: &mut DbConnection,
    email: &str,
) -> Result<Option<AccountRow>, AppError> {
    Ok(users::table
        .inner_join(offices::table)
        .filter(users::email.eq(normalise_email(email)))
        .select(ACCOUNT_COLUMNS)
        .first(conn)
        .optional()?)
}

/// An email as accounts store it and as sign-in and its rate limit compare it.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// A short digest of the stored password hash: a session opened before a password change no
/// longer matches its account.
pub fn password_stamp(stored_hash: &str) -> String {
    Sha256::digest(stored_hash.as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The SHA-256 digest under which an API token is stored.
pub fn token_digest(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The account behind a live token, if any. Marks the token used at most every ten minutes, so that
/// reads through the API do not each take the write lock.
fn account_of_token(conn: &mut DbConnection, secret: &str) -> Result<Option<AccountRow>, AppError> {
    let found = api_tokens::table
        .inner_join(users::table.inner_join(offices::table))
        .filter(api_tokens::token_hash.eq(token_digest(secret)))
        .filter(api_tokens::revoked_at.is_null())
        .select((api_tokens::id, api_tokens::last_used_at, ACCOUNT_COLUMNS))
        .first::<(TokenId, Option<NaiveDateTime>, AccountRow)>(conn)
        .optional()?;
    let Some((token_id, last_used, row)) = found else {
        return Ok(None);
    };
    if last_used.is_none_or(|t| now() - t > chrono::Duration::minutes(10)) {
        diesel::update(api_tokens::table.find(token_id))
            .set(api_tokens::last_used_at.eq(now()))
            .execute(conn)?;
    }
    Ok(Some(row))
}

/// The active account the credentials stand for; `Unauthenticated` otherwise.
pub fn authenticate(
    conn: &mut DbConnection,
    credentials: &Credentials,
) -> Result<AccountRow, AppError> {
    let row = match credentials {
        Credentials::Session { user, stamp, epoch } => find_account(conn, *user)?
            .filter(|r| r.session_epoch == *epoch)
            .filter(|r| password_stamp(&r.password_hash) == *stamp),
        Credentials::Bearer(token) => account_of_token(conn, token)?,
        Credentials::None => None,
    };
    row.filter(|r| r.active).ok_or(AppError::Unauthenticated)
}

/// Ends every page session of the account, on every device (sign-out, password change, disabling):
/// moves its session epoch on, and answers the new one.
pub fn end_sessions(conn: &mut DbConnection, user: UserId) -> Result<i32, AppError> {
    Ok(diesel::update(users::table.find(user))
        .set(users::session_epoch.eq(users::session_epoch + 1))
        .returning(users::session_epoch)
        .get_result(conn)?)
}

/// The buildings a committee account acts for (`user_buildings`): the one place they are read.
pub fn assigned_buildings(
    conn: &mut DbConnection,
    user: UserId,
) -> Result<Vec<BuildingId>, AppError> {
    Ok(user_buildings::table
        .filter(user_buildings::user_id.eq(user))
        .select(user_buildings::building_id)
        .load(conn)?)
}

/// The actor of an authenticated account: committee members' buildings are read here.
pub fn load_actor(conn: &mut DbConnection, row: AccountRow) -> Result<Actor, AppError> {
    let buildings = if row.role == Role::Committee {
        assigned_buildings(conn, row.id)?
    } else {
        Vec::new()
    };
    Ok(Actor {
        user_id: row.id,
        office_id: row.office_id,
        office_name: row.office_name,
        email: row.email,
        name: row.display_name,
        role: row.role,
        lang: Lang::parse(&row.language),
        department: row.department_id.filter(|_| row.role == Role::Staff),
        buildings,
        tenant: row.tenant_id.filter(|_| row.role == Role::Tenant),
    })
}
