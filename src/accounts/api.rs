//! `/api/v1/auth/token`, `/api/v1/tokens` and `/api/v1/me`: bearer tokens for the API, and the
//! caller as the API sees them.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;

use super::input::TokenRequest;
use super::pages::sign_in::check_credentials;
use super::{queries, service, ApiToken};
use crate::access::Caller;
use crate::db::write_tx;
use crate::domain::ids::{OfficeId, TokenId, UserId};
use crate::domain::roles::Role;
use crate::error::{AppError, Problem};
use crate::state::AppState;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TokenCreated {
    pub id: TokenId,
    /// The bearer token; shown once, never again.
    pub token: String,
}

/// Exchanges an email and password for a bearer token.
#[utoipa::path(
    post, path = "/api/v1/auth/token", tag = "auth",
    request_body = TokenRequest,
    responses(
        (status = 201, body = TokenCreated),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
pub async fn api_create_token(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<TokenRequest>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let name = body.name()?;
    let (_, (id, token)) =
        check_credentials(&state, &req, body.email, body.password, move |c, row| {
            write_tx(c, |c| service::create_token(c, row.into(), &name))
        })
        .await?
        .ok_or(AppError::Unauthenticated)?;
    Ok(HttpResponse::Created().json(TokenCreated { id, token }))
}

/// The caller's live tokens.
#[utoipa::path(get, path = "/api/v1/tokens", tag = "auth",
    responses((status = 200, body = Vec<ApiToken>)))]
pub async fn api_list_tokens(
    state: web::Data<AppState>,
    caller: Caller,
) -> Result<HttpResponse, AppError> {
    let (_, tokens) = state.read(caller, queries::tokens).await?;
    Ok(HttpResponse::Ok().json(tokens))
}

/// Revokes one of the caller's tokens.
#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "auth",
    params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn api_revoke_token(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<TokenId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    state
        .write(caller, move |c, actor| service::revoke_token(c, actor, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The caller as the API sees them.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Me {
    pub id: UserId,
    pub office_id: OfficeId,
    pub office_name: String,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub language: String,
}

#[utoipa::path(get, path = "/api/v1/me", tag = "auth", responses((status = 200, body = Me)))]
pub async fn api_me(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, AppError> {
    let actor = state.actor(caller).await?;
    Ok(HttpResponse::Ok().json(Me {
        id: actor.user_id,
        office_id: actor.office_id,
        office_name: actor.office_name,
        email: actor.email,
        display_name: actor.name,
        role: actor.role,
        language: actor.lang.as_str().into(),
    }))
}
