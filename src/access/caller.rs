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
/// Session key of the language chosen by a signed-in user or an anonymous visitor.
pub const SESSION_LANG: &str = "lang";

/// What a request claims to be.
#[derive(Debug, Clone)]
pub enum Credentials {
    /// A page session: the account and the stamp of the password it was opened with.
    Session { user: UserId, stamp: String },
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

impl Caller {
    /// Reads the credentials of `req`: a bearer token under `/api/`, the session cookie elsewhere.
    pub fn of(req: &HttpRequest) -> Caller {
        if req.path().starts_with("/api/") {
            let credentials = bearer(req).map_or(Credentials::None, Credentials::Bearer);
            return Caller {
                credentials,
                session: None,
            };
        }
        let session = req.get_session();
        let user = session.get::<i64>(SESSION_USER).ok().flatten();
        let stamp = session.get::<String>(SESSION_STAMP).ok().flatten();
        let credentials = match (user, stamp) {
            (Some(user), Some(stamp)) => Credentials::Session {
                user: UserId(user),
                stamp,
            },
            _ => Credentials::None,
        };
        Caller {
            credentials,
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

/// Starts an authenticated session (a new one: the old identifier is dropped against fixation).
pub fn sign_in(
    session: &Session,
    user: UserId,
    password_hash: &str,
    lang: Lang,
) -> Result<(), AppError> {
    session.renew();
    session
        .insert(SESSION_USER, user.get())
        .and_then(|_| session.insert(SESSION_STAMP, password_stamp(password_hash)))
        .and_then(|_| session.insert(SESSION_LANG, lang.as_str()))
        .map_err(|e| AppError::internal(anyhow::anyhow!("session: {e}")))
}

/// Keeps the current session valid after its own password change (other sessions end).
pub fn refresh_stamp(session: &Session, password_hash: &str) {
    let _ = session.insert(SESSION_STAMP, password_stamp(password_hash));
}

/// Ends the session.
pub fn sign_out(session: &Session) {
    session.purge();
}
