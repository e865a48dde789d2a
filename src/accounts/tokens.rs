//! API bearer tokens: shown once, stored as a SHA-256 digest, listed and revocable by their owner.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rand::RngCore;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::AuthRow;
use crate::db::schema::{api_tokens, offices, users};
use crate::db::{now, DbConnection};
use crate::error::AppError;

/// A token as its owner sees it in lists (never the secret).
#[derive(Debug, Queryable, Serialize, utoipa::ToSchema)]
pub struct ApiToken {
    pub id: i64,
    pub name: String,
    pub created_at: NaiveDateTime,
    pub last_used_at: Option<NaiveDateTime>,
}

fn digest(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Creates a token for `user_id`; returns its id and the secret, which is never stored.
pub fn create(
    conn: &mut DbConnection,
    office_id: i64,
    user_id: i64,
    name: &str,
) -> Result<(i64, String), AppError> {
    let mut bytes = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let secret = format!(
        "psl_{}",
        bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
    );
    let id = diesel::insert_into(api_tokens::table)
        .values((
            api_tokens::office_id.eq(office_id),
            api_tokens::user_id.eq(user_id),
            api_tokens::name.eq(name),
            api_tokens::token_hash.eq(digest(&secret)),
            api_tokens::created_at.eq(now()),
        ))
        .returning(api_tokens::id)
        .get_result::<i64>(conn)?;
    Ok((id, secret))
}

/// The account behind a live token, if any. Marks the token used at most every ten minutes, so that
/// reads through the API do not each take the write lock.
pub fn authenticate(conn: &mut DbConnection, secret: &str) -> Result<Option<AuthRow>, AppError> {
    let found = api_tokens::table
        .inner_join(users::table.inner_join(offices::table))
        .filter(api_tokens::token_hash.eq(digest(secret)))
        .filter(api_tokens::revoked_at.is_null())
        .select((
            api_tokens::id,
            api_tokens::last_used_at,
            super::AUTH_COLUMNS,
        ))
        .first::<(i64, Option<NaiveDateTime>, AuthRow)>(conn)
        .optional()?;
    let Some((token_id, last_used, row)) = found else {
        return Ok(None);
    };
    let stale = last_used.is_none_or(|t| now() - t > chrono::Duration::minutes(10));
    if stale {
        diesel::update(api_tokens::table.find(token_id))
            .set(api_tokens::last_used_at.eq(now()))
            .execute(conn)?;
    }
    Ok(Some(row))
}

/// The owner's live tokens, newest first.
pub fn list(conn: &mut DbConnection, user_id: i64) -> Result<Vec<ApiToken>, AppError> {
    Ok(api_tokens::table
        .filter(api_tokens::user_id.eq(user_id))
        .filter(api_tokens::revoked_at.is_null())
        .order(api_tokens::id.desc())
        .select((
            api_tokens::id,
            api_tokens::name,
            api_tokens::created_at,
            api_tokens::last_used_at,
        ))
        .load(conn)?)
}

/// Revokes one of the owner's tokens; `NotFound` for anyone else's.
pub fn revoke(conn: &mut DbConnection, user_id: i64, token_id: i64) -> Result<(), AppError> {
    let n = diesel::update(
        api_tokens::table
            .filter(api_tokens::id.eq(token_id))
            .filter(api_tokens::user_id.eq(user_id))
            .filter(api_tokens::revoked_at.is_null()),
    )
    .set(api_tokens::revoked_at.eq(now()))
    .execute(conn)?;
    if n == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}
