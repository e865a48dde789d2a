//! Reads about accounts that are not account administration: whether any account exists yet
//! (first-run setup), the demo password guard of production, one's own API tokens, and the
//! command line's list.

use diesel::prelude::*;

use super::{Account, ApiToken};
use crate::access::Actor;
use crate::db::schema::{api_tokens, users};
use crate::db::DbConnection;
use crate::error::AppError;

/// Accounts of every office: none means the first-run setup is still open.
pub fn count_users(conn: &mut DbConnection) -> Result<i64, AppError> {
    Ok(users::table.count().get_result(conn)?)
}

/// Active accounts still using the demo password (production refuses to start while any exist).
pub fn count_demo_passwords(conn: &mut DbConnection) -> Result<i64, AppError> {
    Ok(users::table
        .filter(users::demo_password.eq(true))
        .filter(users::active.eq(true))
        .count()
        .get_result(conn)?)
}

/// The actor's live tokens, newest first.
pub fn tokens(conn: &mut DbConnection, actor: &Actor) -> Result<Vec<ApiToken>, AppError> {
    Ok(api_tokens::table
        .filter(api_tokens::user_id.eq(actor.user_id))
        .filter(api_tokens::revoked_at.is_null())
        .order(api_tokens::id.desc())
        .select(ApiToken::as_select())
        .load(conn)?)
}

/// Every account of every office, by id (the command line's `user list`).
pub fn every_account(conn: &mut DbConnection) -> Result<Vec<Account>, AppError> {
    Ok(users::table
        .order(users::id)
        .select(Account::as_select())
        .load(conn)?)
}
