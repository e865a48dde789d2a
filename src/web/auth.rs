//! Who is asking: `CurrentUser` comes from the session cookie for pages and from a bearer token under
//! `/api`. Either way the account is read again on every request, so a disabled account or a changed
//! password takes effect at once.

use actix_session::{Session, SessionExt};
use actix_web::http::header;
use actix_web::{dev::Payload, web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;

use crate::accounts::{self, AuthRow};
use crate::domain::roles::{Action, Role};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;

const SESSION_USER: &str = "uid";
const SESSION_STAMP: &str = "stamp";

/// The signed-in account, always of exactly one office.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: i64,
    pub office_id: i64,
    pub office_name: String,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub lang: Lang,
    pub department_id: Option<i64>,
}

impl CurrentUser {
    /// `Forbidden` unless the role allows `action`.
    pub fn require(&self, action: Action) -> Result<(), AppError> {
        if self.role.can(action) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    fn from_row(row: AuthRow) -> Option<CurrentUser> {
        Some(CurrentUser {
            id: row.id,
            office_id: row.office_id,
            office_name: row.office_name,
            email: row.email,
            display_name: row.display_name,
            role: Role::parse(&row.role)?,
            lang: Lang::parse(&row.language),
            department_id: row.department_id,
        })
    }
}

/// Transitional: starts a session through `access::sign_in`, at epoch 0 (nothing moves an
/// account's epoch on until sign-out does it through `access::end_sessions`).
pub fn sign_in(
    session: &Session,
    user_id: i64,
    password_hash: &str,
    lang: Lang,
) -> Result<(), AppError> {
    crate::access::sign_in(
        session,
        crate::access::SignIn {
            user: crate::domain::ids::UserId(user_id),
            password_hash,
            epoch: 0,
            lang,
        },
    )
}

/// Transitional: see [`sign_in`].
pub fn refresh_stamp(session: &Session, password_hash: &str) {
    crate::access::refresh_stamp(session, password_hash, 0);
}

fn bearer(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let token = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))?;
    Some(token.trim().to_owned())
}

impl FromRequest for CurrentUser {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let is_api = req.path().starts_with("/api/");
        let token = if is_api { bearer(req) } else { None };
        let session = req.get_session();
        Box::pin(async move {
            let state = state.ok_or_else(|| AppError::internal(anyhow::anyhow!("no state")))?;
            let row = if is_api {
                let token = token.ok_or(AppError::Unauthenticated)?;
                state
                    .db(move |conn| accounts::tokens::authenticate(conn, &token))
                    .await?
            } else {
                let Ok(Some(uid)) = session.get::<i64>(SESSION_USER) else {
                    return Err(AppError::Unauthenticated);
                };
                let stamp = session.get::<String>(SESSION_STAMP).ok().flatten();
                let row = state.db(move |conn| accounts::find_auth(conn, uid)).await?;
                row.filter(|r| Some(accounts::password::stamp(&r.password_hash)) == stamp)
            };
            let Some(row) = row.filter(|r| r.active) else {
                if !is_api {
                    session.purge();
                }
                return Err(AppError::Unauthenticated);
            };
            CurrentUser::from_row(row).ok_or(AppError::Unauthenticated)
        })
    }
}
