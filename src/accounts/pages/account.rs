//! `/account`: one's own account — a new password, and the API tokens one holds (made, shown once,
//! revoked).

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use crate::access::{self, Actor, Caller};
use crate::accounts::input::{PasswordForm, TokenForm};
use crate::accounts::{queries, service, ApiToken};
use crate::domain::ids::TokenId;
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::csrf::Empty;
use crate::web::{redirect, render_status, CsrfForm, Page};

#[derive(Serialize)]
struct AccountPage {
    email: String,
    tokens: Vec<ApiToken>,
    new_token: Option<String>,
    errors: BTreeMap<String, String>,
}

/// What the page shows besides the account: a token just made, or a form's messages.
struct Shown {
    new_token: Option<String>,
    errors: FieldErrors,
    status: StatusCode,
}

impl Shown {
    fn plain() -> Shown {
        Shown {
            new_token: None,
            errors: FieldErrors::new(),
            status: StatusCode::OK,
        }
    }

    fn invalid(errors: FieldErrors) -> Shown {
        Shown {
            new_token: None,
            errors,
            status: StatusCode::UNPROCESSABLE_ENTITY,
        }
    }
}

fn render_account(
    state: &AppState,
    session: &Session,
    actor: &Actor,
    tokens: Vec<ApiToken>,
    shown: Shown,
) -> Result<HttpResponse, AppError> {
    let page = AccountPage {
        email: actor.email.clone(),
        tokens,
        new_token: shown.new_token,
        errors: shown.errors.translated(actor.lang),
    };
    let ctx = Page::of(session, actor, "account-title", "account", page);
    render_status(state, shown.status, "accounts/account", &ctx)
}

/// The page read again (after a write refused with messages).
async fn redisplay(
    state: &AppState,
    caller: Caller,
    session: &Session,
    shown: Shown,
) -> Result<HttpResponse, AppError> {
    let (actor, tokens) = state.read(caller, queries::tokens).await?;
    render_account(state, session, &actor, tokens, shown)
}

pub async fn account(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
) -> Result<HttpResponse, AppError> {
    redisplay(&state, caller, &session, Shown::plain()).await
}

pub async fn change_password(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    CsrfForm(form): CsrfForm<PasswordForm>,
) -> Result<HttpResponse, AppError> {
    let change = form.parse();
    // A read: the service begins its write transaction itself, once the new password is hashed.
    let changed = state
        .read(caller.clone(), move |c, actor| {
            service::change_password(c, actor, change)
        })
        .await;
    match changed {
        Ok((_, kept)) => {
            access::refresh_stamp(&session, &kept.password_hash, kept.epoch);
            Ok(redirect(
                &session,
                "/account",
                Some("flash-password-changed"),
            ))
        }
        Err(AppError::Validation(errors)) => {
            redisplay(&state, caller, &session, Shown::invalid(errors)).await
        }
        Err(e) => Err(e),
    }
}

pub async fn create_token(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    CsrfForm(form): CsrfForm<TokenForm>,
) -> Result<HttpResponse, AppError> {
    let made = state
        .write(caller.clone(), move |c, actor| {
            let name = form.parse()?;
            let (_, secret) = service::create_token(c, actor.into(), &name)?;
            Ok((secret, queries::tokens(c, actor)?))
        })
        .await;
    match made {
        Ok((actor, (secret, tokens))) => {
            let shown = Shown {
                new_token: Some(secret),
                errors: FieldErrors::new(),
                status: StatusCode::CREATED,
            };
            render_account(&state, &session, &actor, tokens, shown)
        }
        Err(AppError::Validation(errors)) => {
            redisplay(&state, caller, &session, Shown::invalid(errors)).await
        }
        Err(e) => Err(e),
    }
}

pub async fn revoke_token(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<TokenId>,
    _: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    state
        .write(caller, move |c, actor| service::revoke_token(c, actor, id))
        .await?;
    Ok(redirect(&session, "/account", Some("flash-token-revoked")))
}
