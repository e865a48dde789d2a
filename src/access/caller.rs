//! `Caller`: the credentials a request carries — the session cookie for pages, a bearer token under
//! `/api` — taken without touching the database. They become an [`super::Actor`] inside the
//! handler's one database call.

use actix_session::{Session, SessionExt};
use actix_web::http::header;
use actix_web::{dev::Payload, FromRequest, HttpRequest};
use futures_util::future::{ready, Ready};

use super::load::password_stamp;
use crate::domain::ids::UserId;
use crate::error::AppError;
use crate::i18n::Lang;

const SESSION_USER: &str = "uid";
const SESSION_STAMP: &str = "stamp";
const SESSION_EPOCH: &str = "epoch";
/// When the session was opened and when it was last used (Unix seconds).
const SESSION_ISSUED: &str = "issued";
const SESSION_SEEN: &str = "seen";
/// The "last used" time is written again (re-sending the cookie) at most this often.
const SEEN_GRANULARITY_SECS: i64 = 60;
/// Session key of the language chosen by a signed-in user or an anonymous visitor.
pub const SESSION_LANG: &str = "lang";

/// What a request claims to be.
#[derive(Debug, Clone)]
pub enum Credentials {
    /// A page session: the account, the stamp of the password it was opened with, and the
    /// account's session epoch at sign-in (sign-out, a password change or disabling moves it on).
    Session {
        user: UserId,
        stamp: String,
        epoch: i32,
    },
    /// An API bearer token.
    Bearer(String),
    /// Nothing: an anonymous visitor.
    None,
}

/// The credentials of the current request, and its session to end when they no longer hold.
#[derive(Clone)]
pub struct Caller {
    pub credentials: Credentials,
    session: Option<Session>,
}

impl Caller {
    /// Ends the page session whose account no longer signs in (disabled, password changed).
    pub fn forget(&self) {
        if let Some(session) = &self.session {
            session.purge();
        }
    }

    /// Whether the request came with any credentials at all.
    pub fn is_anonymous(&self) -> bool {
        matches!(self.credentials, Credentials::None)
    }
}

fn bearer(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let token = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))?;
    Some(token.trim().to_owned())
}

/// How long a page session lives: at most `idle` without a request, at most `absolute` in all.
#[derive(Debug, Clone, Copy)]
pub struct SessionPolicy {
    pub idle: chrono::Duration,
    pub absolute: chrono::Duration,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy {
            idle: chrono::Duration::hours(2),
            absolute: chrono::Duration::hours(12),
        }
    }
}

fn unix_now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// The session's credentials if it is still alive under `policy`; the "last used" time is moved
/// on (at most once a minute, since writing it re-sends the cookie).
fn live_session(session: &Session, policy: SessionPolicy) -> Credentials {
    live_session_at(session, policy, unix_now())
}

fn live_session_at(session: &Session, policy: SessionPolicy, now: i64) -> Credentials {
    let get_i64 = |key: &str| session.get::<i64>(key).ok().flatten();
    let (Some(user), Some(stamp), Some(epoch), Some(issued), Some(seen)) = (
        get_i64(SESSION_USER),
        session.get::<String>(SESSION_STAMP).ok().flatten(),
        get_i64(SESSION_EPOCH),
        get_i64(SESSION_ISSUED),
        get_i64(SESSION_SEEN),
    ) else {
        return Credentials::None;
    };
    if now - issued > policy.absolute.num_seconds() || now - seen > policy.idle.num_seconds() {
        return Credentials::None;
    }
    if now - seen >= SEEN_GRANULARITY_SECS {
        let _ = session.insert(SESSION_SEEN, now);
    }
    Credentials::Session {
        user: UserId(user),
        stamp,
        epoch: i32::try_from(epoch).unwrap_or(-1),
    }
}

impl Caller {
    /// Reads the credentials of `req`: a bearer token under `/api/`, the session cookie elsewhere
    /// (if it is still alive under the application's [`SessionPolicy`]).
    pub fn of(req: &HttpRequest) -> Caller {
        if req.path().starts_with("/api/") {
            let credentials = bearer(req).map_or(Credentials::None, Credentials::Bearer);
            return Caller {
                credentials,
                session: None,
            };
        }
        let policy = req.app_data::<SessionPolicy>().copied().unwrap_or_default();
        let session = req.get_session();
        Caller {
            credentials: live_session(&session, policy),
            session: Some(session),
        }
    }
}

impl FromRequest for Caller {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(Caller::of(req)))
    }
}

/// The account a session is opened for: who, the password hash and session epoch it is tied to,
/// and the language of its pages.
pub struct SignIn<'a> {
    pub user: UserId,
    pub password_hash: &'a str,
    pub epoch: i32,
    pub lang: Lang,
}

/// Starts an authenticated session (a new one: the old identifier is dropped against fixation).
pub fn sign_in(session: &Session, account: SignIn<'_>) -> Result<(), AppError> {
    session.renew();
    let now = unix_now();
    session
        .insert(SESSION_USER, account.user.get())
        .and_then(|_| session.insert(SESSION_STAMP, password_stamp(account.password_hash)))
        .and_then(|_| session.insert(SESSION_EPOCH, i64::from(account.epoch)))
        .and_then(|_| session.insert(SESSION_ISSUED, now))
        .and_then(|_| session.insert(SESSION_SEEN, now))
        .and_then(|_| session.insert(SESSION_LANG, account.lang.as_str()))
        .map_err(|e| AppError::internal(anyhow::anyhow!("session: {e}")))
}

/// Keeps the current session valid after its own password change, which moved the account's
/// epoch on (every other session of the account has ended).
pub fn refresh_stamp(session: &Session, password_hash: &str, epoch: i32) {
    let _ = session.insert(SESSION_STAMP, password_stamp(password_hash));
    let _ = session.insert(SESSION_EPOCH, i64::from(epoch));
}

/// Ends the session.
pub fn sign_out(session: &Session) {
    session.purge();
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn session_with(issued: i64, seen: i64) -> Session {
        let session = TestRequest::default().to_srv_request().get_session();
        let stored = session
            .insert(SESSION_USER, 7_i64)
            .and_then(|()| session.insert(SESSION_STAMP, "abc"))
            .and_then(|()| session.insert(SESSION_EPOCH, 2_i64))
            .and_then(|()| session.insert(SESSION_ISSUED, issued))
            .and_then(|()| session.insert(SESSION_SEEN, seen));
        assert!(stored.is_ok());
        session
    }

    #[test]
    fn a_session_ends_when_idle_too_long_or_too_old() {
        let policy = SessionPolicy {
            idle: chrono::Duration::minutes(30),
            absolute: chrono::Duration::hours(8),
        };
        let t0 = 1_800_000_000;
        let fresh = live_session_at(&session_with(t0, t0), policy, t0 + 29 * 60);
        assert!(matches!(fresh, Credentials::Session { epoch: 2, .. }));
        let idle = live_session_at(&session_with(t0, t0), policy, t0 + 31 * 60);
        assert!(matches!(idle, Credentials::None));
        let active_but_old = session_with(t0, t0 + 8 * 3600);
        let old = live_session_at(&active_but_old, policy, t0 + 8 * 3600 + 1);
        assert!(matches!(old, Credentials::None));
    }

    #[test]
    fn using_a_session_moves_its_last_seen_time_on() {
        let policy = SessionPolicy::default();
        let t0 = 1_800_000_000;
        let session = session_with(t0, t0);
        live_session_at(&session, policy, t0 + 600);
        assert_eq!(
            session.get::<i64>(SESSION_SEEN).ok().flatten(),
            Some(t0 + 600)
        );
    }
}
