//! CSRF protection for every form: a random token kept in the (encrypted) session and echoed in a
//! hidden `_csrf` field. `CsrfForm<T>` refuses a form whose token does not match.

use actix_session::{Session, SessionExt};
use actix_web::{dev::Payload, web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;
use rand::RngCore;
use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::error::AppError;

const SESSION_CSRF: &str = "csrf";

/// The session's token, created on first use.
pub fn token(session: &Session) -> String {
    if let Ok(Some(existing)) = session.get::<String>(SESSION_CSRF) {
        return existing;
    }
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let _ = session.insert(SESSION_CSRF, &token);
    token
}

/// Whether `submitted` is the session's token (compared in constant time).
pub fn verify(session: &Session, submitted: &str) -> bool {
    match session.get::<String>(SESSION_CSRF) {
        Ok(Some(expected)) if expected.len() == submitted.len() => {
            expected
                .bytes()
                .zip(submitted.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
        }
        _ => false,
    }
}

#[derive(Deserialize)]
struct WithToken<T> {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(flatten)]
    inner: T,
}

/// A url-encoded form whose CSRF token has been checked. Form fields are strings (or options of
/// strings) and are parsed by the domain's validators, so bad input is a message, not a 400.
pub struct CsrfForm<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for CsrfForm<T> {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let form = web::Form::<WithToken<T>>::from_request(req, payload);
        let session = req.get_session();
        Box::pin(async move {
            let form = form
                .await
                .map_err(|_| AppError::BadRequest("err-bad-form"))?;
            let WithToken { csrf, inner } = form.into_inner();
            if !verify(&session, &csrf) {
                return Err(AppError::Csrf);
            }
            Ok(CsrfForm(inner))
        })
    }
}

/// The body of a form that carries nothing but its CSRF token (delete, sign out, retry…).
#[derive(Debug, Deserialize)]
pub struct Empty {}
