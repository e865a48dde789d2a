//! Accounts' rules and writes: passwords checked and changed, accounts inserted, the language kept,
//! API tokens issued and revoked.
//!
//! argon2 takes tens of milliseconds on purpose: a new password is hashed before the write
//! transaction begins ([`with_new_password`]), so SQLite's write lock is never held meanwhile.

use diesel::prelude::*;
use rand::RngCore;

use super::input::PasswordChange;
use super::{password, NewToken, NewUser};
use crate::access::{self, AccountRow, Actor};
use crate::db::schema::{api_tokens, users};
use crate::db::{now, write_tx, DbConnection};
use crate::domain::ids::{OfficeId, TokenId, UserId};
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::i18n::Lang;

/// The active account these credentials open, or `None`. An unknown email, a disabled account and
/// a wrong password take the same time and give the same answer.
pub fn check_password(
    conn: &mut DbConnection,
    email: &str,
    secret: &str,
) -> Result<Option<AccountRow>, AppError> {
    match access::find_account_by_email(conn, email)? {
        Some(row) if row.active && password::verify(secret, &row.password_hash) => Ok(Some(row)),
        _ => {
            password::verify_dummy(secret);
            Ok(None)
        }
    }
}

/// Notes a sign-in through the pages (the account list shows it).
pub fn record_login(conn: &mut DbConnection, user: UserId) -> Result<(), AppError> {
    diesel::update(users::table.find(user))
        .set(users::last_login_at.eq(now()))
        .execute(conn)?;
    Ok(())
}

/// Inserts an account; an email already used (by any office) is a field error.
pub fn insert_user(conn: &mut DbConnection, user: &NewUser) -> Result<UserId, AppError> {
    let taken: i64 = users::table
        .filter(users::email.eq(&user.email))
        .count()
        .get_result(conn)?;
    if taken > 0 {
        let mut errors = FieldErrors::new();
        errors.add("email", "err-email-taken");
        return Err(errors.into());
    }
    Ok(diesel::insert_into(users::table)
        .values(user)
        .returning(users::id)
        .get_result(conn)?)
}

/// Replaces an account's password hash (no longer the demo one): its other sessions end.
pub fn set_password(conn: &mut DbConnection, user: UserId, hash: &str) -> Result<(), AppError> {
    diesel::update(users::table.find(user))
        .set((
            users::password_hash.eq(hash),
            users::demo_password.eq(false),
        ))
        .execute(conn)?;
    Ok(())
}

/// Hashes `new_password` when there is one, then runs `write` with the hash in one write
/// transaction: the hash is computed before the transaction takes the write lock.
pub fn with_new_password<T>(
    conn: &mut DbConnection,
    new_password: Option<&str>,
    write: impl FnOnce(&mut DbConnection, Option<&str>) -> Result<T, AppError>,
) -> Result<T, AppError> {
    let hash = new_password.map(password::hashed).transpose()?;
    write_tx(conn, |c| write(c, hash.as_deref()))
}

/// What keeps open the session a password change came from (`crate::access::refresh_stamp`):
/// the new password's hash and the account's session epoch.
#[derive(Debug, Clone)]
pub struct KeptSession {
    pub password_hash: String,
    pub epoch: i32,
}

/// Changes the actor's own password once the current one is confirmed; the other sessions of the
/// account end, the one the change came from is kept with the answer.
pub fn change_password(
    conn: &mut DbConnection,
    actor: &Actor,
    change: PasswordChange,
) -> Result<KeptSession, AppError> {
    let mut errors = change.new.as_ref().err().cloned().unwrap_or_default();
    let account = access::find_account(conn, actor.user_id)?.ok_or(AppError::NotFound)?;
    if !password::verify(&change.current, &account.password_hash) {
        errors.add("current", "err-password-wrong");
    }
    let new = errors.into_result(change.new.unwrap_or_default())?;
    let revoke_tokens = change.revoke_tokens;
    with_new_password(conn, Some(&new), |c, hash| {
        let hash = hash.unwrap_or_default();
        set_password(c, actor.user_id, hash)?;
        // Every other session of the account ends; the one the change came from is kept.
        let epoch = access::end_sessions(c, actor.user_id)?;
        if revoke_tokens {
            revoke_all_tokens(c, actor.user_id)?;
        }
        Ok(KeptSession {
            password_hash: hash.to_owned(),
            epoch,
        })
    })
}

/// Keeps the actor's language choice with the account, for their next sessions.
pub fn set_language(conn: &mut DbConnection, actor: &Actor, lang: Lang) -> Result<(), AppError> {
    diesel::update(users::table.find(actor.user_id))
        .set(users::language.eq(lang.as_str()))
        .execute(conn)?;
    Ok(())
}

/// Disables the account with this email (the command line); `false` when there is none.
pub fn disable(conn: &mut DbConnection, email: &str) -> Result<bool, AppError> {
    let ids: Vec<UserId> =
        diesel::update(users::table.filter(users::email.eq(access::normalise_email(email))))
            .set(users::active.eq(false))
            .returning(users::id)
            .get_results(conn)?;
    for id in &ids {
        access::end_sessions(conn, *id)?;
    }
    Ok(!ids.is_empty())
}

/// Whose token is made: the account and its office.
#[derive(Debug, Clone, Copy)]
pub struct TokenOwner {
    pub office_id: OfficeId,
    pub user_id: UserId,
}

impl From<&Actor> for TokenOwner {
    fn from(actor: &Actor) -> Self {
        TokenOwner {
            office_id: actor.office_id,
            user_id: actor.user_id,
        }
    }
}

impl From<&AccountRow> for TokenOwner {
    fn from(row: &AccountRow) -> Self {
        TokenOwner {
            office_id: row.office_id,
            user_id: row.id,
        }
    }
}

/// Issues a token; answers its id and the secret, which is shown once and never stored.
pub fn create_token(
    conn: &mut DbConnection,
    owner: TokenOwner,
    name: &str,
) -> Result<(TokenId, String), AppError> {
    let mut bytes = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let secret = format!(
        "psl_{}",
        bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
    );
    let row = NewToken {
        office_id: owner.office_id,
        user_id: owner.user_id,
        name: name.to_owned(),
        token_hash: access::token_digest(&secret),
        created_at: now(),
    };
    let id = diesel::insert_into(api_tokens::table)
        .values(&row)
        .returning(api_tokens::id)
        .get_result(conn)?;
    Ok((id, secret))
}

/// Revokes every live token of the account (a password change that asks for it).
pub fn revoke_all_tokens(conn: &mut DbConnection, user: UserId) -> Result<usize, AppError> {
    Ok(diesel::update(
        api_tokens::table
            .filter(api_tokens::user_id.eq(user))
            .filter(api_tokens::revoked_at.is_null()),
    )
    .set(api_tokens::revoked_at.eq(now()))
    .execute(conn)?)
}

/// Revokes one of the actor's own live tokens; `NotFound` for anyone else's.
pub fn revoke_token(conn: &mut DbConnection, actor: &Actor, id: TokenId) -> Result<(), AppError> {
    let n = diesel::update(
        api_tokens::table
            .filter(api_tokens::id.eq(id))
            .filter(api_tokens::user_id.eq(actor.user_id))
            .filter(api_tokens::revoked_at.is_null()),
    )
    .set(api_tokens::revoked_at.eq(now()))
    .execute(conn)?;
    if n == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}
