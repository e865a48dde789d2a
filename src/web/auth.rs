//! Transitional: `CurrentUser`, an extractor that authenticates in a database call of its own, for
//! the areas not yet converted to `crate::access` (`Caller` and the `Actor` loaded in the page's
//! own call). It authenticates through `crate::access` too.

use actix_session::Session;
use actix_web::{dev::Payload, web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;

use crate::access::{self, AccountRow, Caller};
use crate::domain::ids::UserId;
use crate::domain::roles::{Action, Role};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;

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

    fn from_row(row: AccountRow) -> CurrentUser {
        CurrentUser {
            id: row.id.get(),
            office_id: row.office_id.get(),
            office_name: row.office_name,
            email: row.email,
            display_name: row.display_name,
            role: row.role,
            lang: Lang::parse(&row.language),
            department_id: row.department_id.map(|d| d.get()),
        }
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
    access::sign_in(
        session,
        access::SignIn {
            user: UserId(user_id),
            password_hash,
            epoch: 0,
            lang,
        },
    )
}

/// Transitional: see [`sign_in`].
pub fn refresh_stamp(session: &Session, password_hash: &str) {
    access::refresh_stamp(session, password_hash, 0);
}

impl FromRequest for CurrentUser {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let caller = Caller::of(req);
        Box::pin(async move {
            let state = state.ok_or_else(|| AppError::internal(anyhow::anyhow!("no state")))?;
            let credentials = caller.credentials.clone();
            let row = state
                .read_anonymous(move |conn| access::authenticate(conn, &credentials))
                .await;
            // A session whose account no longer signs in ends; a visitor's is kept (its language).
            if !caller.is_anonymous() && matches!(row, Err(AppError::Unauthenticated)) {
                caller.forget();
            }
            row.map(CurrentUser::from_row)
        })
    }
}
