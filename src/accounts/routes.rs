//! Setup, sign-in and sign-out, language choice, one's own account (password, API tokens), and the
//! API's token endpoint.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::{password, tokens, NewUser};
use crate::db::now;
use crate::domain::{validate, FieldErrors, Role};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::{
    auth, redirect, render, render_status, request_lang, CsrfForm, CurrentUser, Page, SESSION_LANG,
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(setup_form)
        .service(setup)
        .service(login_form)
        .service(login)
        .service(logout)
        .service(choose_language)
        .service(account)
        .service(change_password)
        .service(create_token)
        .service(revoke_token);
}

pub fn configure_api(cfg: &mut web::ServiceConfig) {
    cfg.service(api_create_token)
        .service(api_list_tokens)
        .service(api_revoke_token)
        .service(api_me);
}

// ---------------------------------------------------------------- setup

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct SetupInput {
    pub office_name: Option<String>,
    pub region: Option<String>,
    pub admin_name: Option<String>,
    pub admin_email: Option<String>,
    #[serde(skip_serializing)]
    pub password: Option<String>,
    #[serde(skip_serializing)]
    pub password_confirm: Option<String>,
}

#[derive(Serialize)]
struct FormPage<'a, T: Serialize> {
    form: &'a T,
    errors: std::collections::BTreeMap<String, String>,
}

async fn no_account_yet(state: &AppState) -> Result<bool, AppError> {
    Ok(state.db(super::count_users).await? == 0)
}

#[get("/setup")]
async fn setup_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    if !no_account_yet(&state).await? {
        return Err(AppError::NotFound);
    }
    let lang = request_lang(&req);
    let input = SetupInput::default();
    let ctx = Page::anonymous(
        &session,
        lang,
        "setup-title",
        FormPage {
            form: &input,
            errors: Default::default(),
        },
    );
    render(&state, "accounts/setup", &ctx)
}

#[post("/setup")]
async fn setup(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    CsrfForm(input): CsrfForm<SetupInput>,
) -> Result<HttpResponse, AppError> {
    let lang = request_lang(&req);
    let mut errors = FieldErrors::new();
    let office = validate::required(
        &mut errors,
        "office_name",
        input.office_name.as_deref().unwrap_or(""),
        200,
    );
    let region = validate::optional(&mut errors, "region", input.region.as_deref(), 100);
    let name = validate::required(
        &mut errors,
        "admin_name",
        input.admin_name.as_deref().unwrap_or(""),
        200,
    );
    let email = validate::email(
        &mut errors,
        "admin_email",
        input.admin_email.as_deref(),
        true,
    );
    let pw = input.password.clone().unwrap_or_default();
    password::check_new(
        &mut errors,
        "password",
        &pw,
        input.password_confirm.as_deref().unwrap_or(""),
    );
    if !errors.is_empty() {
        let ctx = Page::anonymous(
            &session,
            lang,
            "setup-title",
            FormPage {
                form: &input,
                errors: errors.translated(lang),
            },
        );
        return render_status(
            &state,
            StatusCode::UNPROCESSABLE_ENTITY,
            "accounts/setup",
            &ctx,
        );
    }
    let hash = web::block(move || password::hash(&pw))
        .await?
        .map_err(AppError::Internal)?;
    let stored = hash.clone();
    let user_id = state
        .db_tx(move |conn| {
            // Checked again inside the transaction: two first visitors cannot both become administrator.
            if super::count_users(conn)? > 0 {
                return Err(AppError::NotFound);
            }
            let office_id = super::insert_office(conn, &office, &region, &email)?;
            super::insert_user(
                conn,
                &NewUser {
                    office_id,
                    email,
                    display_name: name,
                    password_hash: stored,
                    role: Role::Admin.as_str().into(),
                    language: lang.as_str().into(),
                    department_id: None,
                    active: true,
                    demo_password: false,
                    created_at: now(),
                },
            )
        })
        .await?;
    auth::sign_in(&session, user_id, &hash, lang)?;
    Ok(redirect(&session, "/", Some("flash-setup-done")))
}

// ---------------------------------------------------------------- sign-in

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct LoginInput {
    pub email: Option<String>,
    #[serde(skip_serializing)]
    pub password: Option<String>,
}

#[derive(Serialize)]
struct LoginPage<'a> {
    form: &'a LoginInput,
    error: Option<String>,
}

#[get("/login")]
async fn login_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    if no_account_yet(&state).await? {
        return Ok(redirect(&session, "/setup", None));
    }
    let lang = request_lang(&req);
    let input = LoginInput::default();
    let ctx = Page::anonymous(
        &session,
        lang,
        "login-title",
        LoginPage {
            form: &input,
            error: None,
        },
    );
    render(&state, "accounts/login", &ctx)
}

/// Checks credentials under the rate limit; the account on success.
async fn check_credentials(
    state: &AppState,
    req: &HttpRequest,
    email: &str,
    pw: &str,
) -> Result<Option<super::AuthRow>, AppError> {
    let address = req
        .peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_default();
    if !state.login_limiter.allow(email, &address) {
        tracing::warn!(%address, "login rate limit reached");
        return Err(AppError::RateLimited);
    }
    let lookup = email.to_owned();
    let row = state
        .db(move |c| super::find_auth_by_email(c, &lookup))
        .await?;
    let pw = pw.to_owned();
    let ok = web::block(move || match row {
        Some(row) if row.active && password::verify(&pw, &row.password_hash) => Some(row),
        _ => {
            password::verify_dummy(&pw);
            None
        }
    })
    .await?;
    Ok(ok)
}

#[post("/login")]
async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    CsrfForm(input): CsrfForm<LoginInput>,
) -> Result<HttpResponse, AppError> {
    let lang = request_lang(&req);
    let email = input.email.clone().unwrap_or_default();
    let pw = input.password.clone().unwrap_or_default();
    let found = match check_credentials(&state, &req, &email, &pw).await {
        Err(AppError::RateLimited) => {
            let ctx = Page::anonymous(
                &session,
                lang,
                "login-title",
                LoginPage {
                    form: &input,
                    error: Some(crate::i18n::t(lang, "err-rate-limited")),
                },
            );
            return render_status(
                &state,
                StatusCode::TOO_MANY_REQUESTS,
                "accounts/login",
                &ctx,
            );
        }
        other => other?,
    };
    let Some(row) = found else {
        let ctx = Page::anonymous(
            &session,
            lang,
            "login-title",
            LoginPage {
                form: &input,
                error: Some(crate::i18n::t(lang, "err-login-failed")),
            },
        );
        return render_status(&state, StatusCode::UNAUTHORIZED, "accounts/login", &ctx);
    };
    let id = row.id;
    state.db(move |c| super::record_login(c, id)).await?;
    auth::sign_in(
        &session,
        row.id,
        &row.password_hash,
        Lang::parse(&row.language),
    )?;
    Ok(redirect(&session, "/", None))
}

#[derive(Debug, Deserialize)]
pub struct Empty {}

#[post("/logout")]
async fn logout(session: Session, CsrfForm(_): CsrfForm<Empty>) -> HttpResponse {
    session.purge();
    redirect(&session, "/login", None)
}

// ---------------------------------------------------------------- language

#[derive(Debug, Deserialize)]
pub struct LanguageInput {
    pub lang: Option<String>,
    pub back: Option<String>,
}

/// Switches the language of the session, and of the account when signed in.
#[post("/language")]
async fn choose_language(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    CsrfForm(input): CsrfForm<LanguageInput>,
) -> Result<HttpResponse, AppError> {
    let lang = Lang::parse(input.lang.as_deref().unwrap_or("fr"));
    let _ = session.insert(SESSION_LANG, lang.as_str());
    if let Ok(user) = CurrentUser::extract(&req).await {
        state
            .db(move |c| super::set_language(c, user.id, lang.as_str()))
            .await?;
    }
    // Only a path of this site: never an open redirect.
    let back = input
        .back
        .filter(|b| b.starts_with('/') && !b.starts_with("//") && !b.contains('\\'))
        .unwrap_or_else(|| "/".into());
    Ok(redirect(&session, &back, None))
}

use actix_web::FromRequest;

// ---------------------------------------------------------------- own account

#[derive(Serialize)]
struct AccountPage {
    email: String,
    tokens: Vec<tokens::ApiToken>,
    new_token: Option<String>,
    errors: std::collections::BTreeMap<String, String>,
}

async fn account_page(
    state: &AppState,
    session: &Session,
    user: &CurrentUser,
    new_token: Option<String>,
    errors: FieldErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let uid = user.id;
    let list = state.db(move |c| tokens::list(c, uid)).await?;
    let ctx = Page::new(
        session,
        user,
        "account-title",
        "account",
        AccountPage {
            email: user.email.clone(),
            tokens: list,
            new_token,
            errors: errors.translated(user.lang),
        },
    );
    render_status(state, status, "accounts/account", &ctx)
}

#[get("/account")]
async fn account(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
) -> Result<HttpResponse, AppError> {
    account_page(
        &state,
        &session,
        &user,
        None,
        FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

#[derive(Debug, Deserialize)]
pub struct PasswordInput {
    pub current: Option<String>,
    pub password: Option<String>,
    pub password_confirm: Option<String>,
}

#[post("/account/password")]
async fn change_password(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    CsrfForm(input): CsrfForm<PasswordInput>,
) -> Result<HttpResponse, AppError> {
    let mut errors = FieldErrors::new();
    let new_pw = input.password.unwrap_or_default();
    password::check_new(
        &mut errors,
        "password",
        &new_pw,
        input.password_confirm.as_deref().unwrap_or(""),
    );
    let current = input.current.unwrap_or_default();
    let uid = user.id;
    let row = state
        .db(move |c| super::find_auth(c, uid))
        .await?
        .ok_or(AppError::NotFound)?;
    let stored = row.password_hash.clone();
    let current_ok = web::block(move || password::verify(&current, &stored)).await?;
    if !current_ok {
        errors.add("current", "err-password-wrong");
    }
    if !errors.is_empty() {
        return account_page(
            &state,
            &session,
            &user,
            None,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let hash = web::block(move || password::hash(&new_pw))
        .await?
        .map_err(AppError::Internal)?;
    let stored = hash.clone();
    state
        .db_tx(move |c| super::set_password(c, uid, &stored))
        .await?;
    auth::refresh_stamp(&session, &hash);
    Ok(redirect(
        &session,
        "/account",
        Some("flash-password-changed"),
    ))
}

#[derive(Debug, Deserialize)]
pub struct TokenInput {
    pub name: Option<String>,
}

#[post("/account/tokens")]
async fn create_token(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    CsrfForm(input): CsrfForm<TokenInput>,
) -> Result<HttpResponse, AppError> {
    let mut errors = FieldErrors::new();
    let name = validate::required(
        &mut errors,
        "name",
        input.name.as_deref().unwrap_or(""),
        100,
    );
    if !errors.is_empty() {
        return account_page(
            &state,
            &session,
            &user,
            None,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let (office, uid) = (user.office_id, user.id);
    let (_, secret) = state
        .db_tx(move |c| tokens::create(c, office, uid, &name))
        .await?;
    account_page(
        &state,
        &session,
        &user,
        Some(secret),
        FieldErrors::new(),
        StatusCode::CREATED,
    )
    .await
}

#[post("/account/tokens/{id}/revoke")]
async fn revoke_token(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let (uid, id) = (user.id, path.into_inner());
    state.db_tx(move |c| tokens::revoke(c, uid, id)).await?;
    Ok(redirect(&session, "/account", Some("flash-token-revoked")))
}

// ---------------------------------------------------------------- API

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct TokenRequest {
    pub email: String,
    pub password: String,
    /// A name to recognise the token by in lists ("export comptable").
    pub name: Option<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TokenCreated {
    pub id: i64,
    /// The bearer token; shown once, never again.
    pub token: String,
}

/// Exchanges an email and password for a bearer token.
#[utoipa::path(
    post, path = "/api/v1/auth/token", tag = "auth",
    request_body = TokenRequest,
    responses(
        (status = 201, body = TokenCreated),
        (status = 401, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 429, body = crate::error::Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
#[post("/auth/token")]
pub async fn api_create_token(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<TokenRequest>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let mut errors = FieldErrors::new();
    let name = validate::optional(&mut errors, "name", body.name.as_deref(), 100);
    errors.into_result(())?;
    let row = check_credentials(&state, &req, &body.email, &body.password)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let name = if name.is_empty() {
        "API".to_owned()
    } else {
        name
    };
    let (id, token) = state
        .db_tx(move |c| tokens::create(c, row.office_id, row.id, &name))
        .await?;
    Ok(HttpResponse::Created().json(TokenCreated { id, token }))
}

/// The caller's live tokens.
#[utoipa::path(get, path = "/api/v1/tokens", tag = "auth",
    responses((status = 200, body = Vec<tokens::ApiToken>)))]
#[get("/tokens")]
pub async fn api_list_tokens(
    state: web::Data<AppState>,
    user: CurrentUser,
) -> Result<HttpResponse, AppError> {
    let uid = user.id;
    Ok(HttpResponse::Ok().json(state.db(move |c| tokens::list(c, uid)).await?))
}

/// Revokes one of the caller's tokens.
#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "auth",
    params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")))]
#[actix_web::delete("/tokens/{id}")]
pub async fn api_revoke_token(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let (uid, id) = (user.id, path.into_inner());
    state.db_tx(move |c| tokens::revoke(c, uid, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The caller as the API sees them.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Me {
    pub id: i64,
    pub office_id: i64,
    pub office_name: String,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub language: String,
}

#[utoipa::path(get, path = "/api/v1/me", tag = "auth", responses((status = 200, body = Me)))]
#[get("/me")]
pub async fn api_me(user: CurrentUser) -> HttpResponse {
    HttpResponse::Ok().json(Me {
        id: user.id,
        office_id: user.office_id,
        office_name: user.office_name,
        email: user.email,
        display_name: user.display_name,
        role: user.role,
        language: user.lang.as_str().into(),
    })
}
