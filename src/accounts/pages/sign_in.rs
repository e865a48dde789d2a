//! `/login`, `/logout` and `/language`. Sign-in spends the rate limit's budget before it reads
//! anything, then finds the account, checks the password and notes the sign-in in one database
//! call.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;

use crate::access::{self, AccountRow, Budget, Caller, SignIn};
use crate::accounts::input::{LanguageForm, LoginForm};
use crate::accounts::{queries, service};
use crate::db::{self, DbConnection};
use crate::error::AppError;
use crate::i18n::{t, Lang};
use crate::state::AppState;
use crate::web::csrf::Empty;
use crate::web::{redirect, render_status, request_lang, CsrfForm, Page, SESSION_LANG};

#[derive(Serialize)]
struct LoginPage<'a> {
    form: &'a LoginForm,
    error: Option<String>,
}

fn login_page(
    state: &AppState,
    session: &Session,
    lang: Lang,
    form: &LoginForm,
    error: Option<(&str, StatusCode)>,
) -> Result<HttpResponse, AppError> {
    let page = LoginPage {
        form,
        error: error.map(|(key, _)| t(lang, key)),
    };
    let status = error.map_or(StatusCode::OK, |(_, status)| status);
    let ctx = Page::anonymous(session, lang, "login-title", page);
    render_status(state, status, "accounts/login", &ctx)
}

/// The sign-in budgets: failed attempts per account (its email as sign-in compares it, so spaces
/// or capitals do not make a new budget) and per client address, per minute, counted in the
/// database so that every instance sees the same ones. Successful sign-ins spend nothing: an
/// office behind one shared address does not lock itself out.
fn budgets(state: &AppState) -> (Budget, Budget) {
    let s = &state.settings.security;
    let minute = chrono::Duration::minutes(1);
    (
        Budget {
            bucket: "login-account",
            max: s.login_attempts_per_account,
            window: minute,
        },
        Budget {
            bucket: "login-address",
            max: s.login_attempts_per_address,
            window: minute,
        },
    )
}

/// The account that `email` and `secret` open, under the sign-in budgets (checked before the
/// password is, and spent only by a failure), with `then` run on it in the same database call;
/// `None` for wrong credentials, `RateLimited` once a budget is spent.
pub async fn check_credentials<T, F>(
    state: &AppState,
    req: &HttpRequest,
    email: String,
    secret: String,
    then: F,
) -> Result<Option<(AccountRow, T)>, AppError>
where
    F: FnOnce(&mut DbConnection, &AccountRow) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    let address = req
        .peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_default();
    let (per_account, per_address) = budgets(state);
    let account = access::normalise_email(&email);
    let (key, addr) = (account.clone(), address.clone());
    // The check and the password in one read; argon2 never holds SQLite's write lock.
    let found = state
        .read_anonymous(move |c| {
            let now = db::now();
            if per_account.exhausted(c, &key, now)? || per_address.exhausted(c, &addr, now)? {
                return Err(AppError::RateLimited);
            }
            match service::check_password(c, &email, &secret)? {
                Some(row) => {
                    let value = then(c, &row)?;
                    Ok(Some((row, value)))
                }
                None => Ok(None),
            }
        })
        .await;
    match found {
        Ok(None) => {
            state
                .write_anonymous(move |c| {
                    let now = db::now();
                    per_account.spend(c, &account, now)?;
                    per_address.spend(c, &address, now)
                })
                .await?;
            Ok(None)
        }
        Err(AppError::RateLimited) => {
            tracing::warn!(%address, "sign-in budget spent");
            Err(AppError::RateLimited)
        }
        other => other,
    }
}

/// Opens a page session for `row`, in the account's language (sign-in, first-run setup).
pub fn open_session(session: &Session, row: &AccountRow) -> Result<(), AppError> {
    let account = SignIn {
        user: row.id,
        password_hash: &row.password_hash,
        epoch: row.session_epoch,
        lang: Lang::parse(&row.language),
    };
    access::sign_in(session, account)
}

pub async fn login_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    if state.read_anonymous(queries::count_users).await? == 0 {
        return Ok(redirect(&session, "/setup", None));
    }
    login_page(
        &state,
        &session,
        request_lang(&req),
        &LoginForm::default(),
        None,
    )
}

pub async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    CsrfForm(form): CsrfForm<LoginForm>,
) -> Result<HttpResponse, AppError> {
    let lang = request_lang(&req);
    let (email, secret) = form.credentials();
    let found = check_credentials(&state, &req, email, secret, |c, row| {
        service::record_login(c, row.id)
    })
    .await;
    let refused = match found {
        Ok(Some((row, ()))) => {
            open_session(&session, &row)?;
            return Ok(redirect(&session, "/", None));
        }
        Ok(None) => ("err-login-failed", StatusCode::UNAUTHORIZED),
        Err(AppError::RateLimited) => ("err-rate-limited", StatusCode::TOO_MANY_REQUESTS),
        Err(e) => return Err(e),
    };
    login_page(&state, &session, lang, &form, Some(refused))
}

/// Ends every session of the account server-side (a copy of the cookie taken before no longer
/// opens anything), then this one.
pub async fn logout(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    _: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    if !caller.is_anonymous() {
        let ended = state
            .write(caller, |c, actor| access::end_sessions(c, actor.user_id))
            .await;
        match ended {
            Ok(_) | Err(AppError::Unauthenticated) => {}
            Err(e) => return Err(e),
        }
    }
    access::sign_out(&session);
    Ok(redirect(&session, "/login", None))
}

/// Switches the language of the session, and of the account when signed in.
pub async fn choose_language(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    CsrfForm(form): CsrfForm<LanguageForm>,
) -> Result<HttpResponse, AppError> {
    let lang = form.lang();
    let _ = session.insert(SESSION_LANG, lang.as_str());
    if !caller.is_anonymous() {
        let kept = state
            .write(caller, move |c, actor| {
                service::set_language(c, actor, lang)
            })
            .await;
        // A session that no longer signs in still switches the language of the pages it sees.
        match kept {
            Ok(_) | Err(AppError::Unauthenticated) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(redirect(&session, &form.back(), None))
}
