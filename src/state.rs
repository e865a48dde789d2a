//! The state every handler shares, and the one bridge from async handlers to the blocking database.

use std::sync::Arc;

use actix_web::web;
use handlebars::Handlebars;

use crate::access::{self, Actor, Caller};
use crate::config::Settings;
use crate::db::{self, DbConnection, Pool, QueryCounter};
use crate::email::Composer;
use crate::error::AppError;

pub struct AppState {
    pub pool: Pool,
    /// A small pool for background jobs, apart from the one requests use.
    pub jobs_pool: Pool,
    pub settings: Arc<Settings>,
    pub templates: Arc<Handlebars<'static>>,
    /// The one email composer: every capability writes its messages to the outbox through it.
    pub mail: Composer,
    pub queries: QueryCounter,
}

impl AppState {
    /// Authenticates `caller` and runs `f` as that actor, in one call to the blocking pool: the
    /// account, its scope and the page's own queries share one connection and one hop. Answers
    /// the actor with `f`'s result, for the page chrome.
    pub async fn read<T, F>(&self, caller: Caller, f: F) -> Result<(Actor, T), AppError>
    where
        F: FnOnce(&mut DbConnection, &Actor) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        let credentials = caller.credentials.clone();
        let result = web::block(move || {
            let mut conn = pool.get()?;
            let actor = actor_of(&mut conn, &credentials)?;
            let value = f(&mut conn, &actor)?;
            Ok((actor, value))
        })
        .await?;
        forget_if_unauthenticated(&caller, result)
    }

    /// Like [`AppState::read`], with `f` in one write transaction (IMMEDIATE on SQLite): all of it
    /// is written or none. The actor is loaded before the transaction begins.
    pub async fn write<T, F>(&self, caller: Caller, f: F) -> Result<(Actor, T), AppError>
    where
        F: FnOnce(&mut DbConnection, &Actor) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        let credentials = caller.credentials.clone();
        let result = web::block(move || {
            let mut conn = pool.get()?;
            let actor = actor_of(&mut conn, &credentials)?;
            let value = db::write_tx(&mut conn, |c| f(c, &actor))?;
            Ok((actor, value))
        })
        .await?;
        forget_if_unauthenticated(&caller, result)
    }

    /// For the few pages anyone may open without signing in — sign-in and first-run setup, and
    /// those whose link is their credential (a follow-up question's token, a signed
    /// consent-withdrawal link the handler has checked): `f` with no actor, in one call to the
    /// blocking pool.
    pub async fn read_anonymous<T, F>(&self, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || f(&mut *pool.get()?)).await?
    }

    /// Like [`AppState::read_anonymous`], with `f` in one write transaction.
    pub async fn write_anonymous<T, F>(&self, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || db::write_tx(&mut *pool.get()?, f)).await?
    }

    /// The actor alone (pages that show a form and read nothing else).
    pub async fn actor(&self, caller: Caller) -> Result<Actor, AppError> {
        self.read(caller, |_, _| Ok(())).await.map(|(a, ())| a)
    }
}

fn actor_of(conn: &mut DbConnection, credentials: &access::Credentials) -> Result<Actor, AppError> {
    let account = access::authenticate(conn, credentials)?;
    access::load_actor(conn, account)
}

/// A page session whose account no longer signs in is ended, so the next request starts afresh.
fn forget_if_unauthenticated<T>(
    caller: &Caller,
    result: Result<T, AppError>,
) -> Result<T, AppError> {
    if matches!(result, Err(AppError::Unauthenticated)) {
        caller.forget();
    }
    result
}
