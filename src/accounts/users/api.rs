//! `/api/v1/users`: the office's accounts for administrators, in JSON. A password is accepted on
//! creation only; no answer ever carries a password hash.

use actix_web::{web, HttpResponse};

use super::input::{NewUserBody, UserChangesBody, UsersApiQuery};
use super::{queries, service, Target};
use crate::access::Caller;
use crate::accounts::service::with_new_password;
use crate::accounts::Account;
use crate::domain::ids::UserId;
use crate::domain::roles::Action;
use crate::error::{AppError, Problem};
use crate::state::AppState;
use crate::web::pagination::Paged;

/// The office's accounts, by name.
#[utoipa::path(get, path = "/api/v1/users", tag = "accounts",
    params(UsersApiQuery),
    responses((status = 200, body = Paged<Account>),
        (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn api_list_users(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<UsersApiQuery>,
) -> Result<HttpResponse, AppError> {
    let (filter, at) = (query.filter(), query.pagination());
    let (_, paged) = state
        .read(caller, move |c, actor| queries::list(c, actor, &filter, at))
        .await?;
    Ok(HttpResponse::Ok().json(paged.map(|line| line.account)))
}

#[utoipa::path(post, path = "/api/v1/users", tag = "accounts",
    request_body = NewUserBody,
    responses((status = 201, body = Account),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn api_create_user(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<NewUserBody>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    // A read: the new password is hashed before the write transaction begins.
    let (_, account) = state
        .read(caller, move |c, actor| {
            actor.require(Action::ManageAccounts)?;
            let data = body.parse()?;
            with_new_password(c, data.password.as_deref(), |c, hash| {
                let id = service::create(c, actor, &data, hash.unwrap_or_default())?;
                queries::find(c, actor, id)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(account))
}

#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "accounts",
    params(("id" = i64, Path)),
    responses((status = 200, body = Account),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn api_show_user(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<UserId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (_, account) = state
        .read(caller, move |c, actor| queries::find(c, actor, id))
        .await?;
    Ok(HttpResponse::Ok().json(account))
}

#[utoipa::path(put, path = "/api/v1/users/{id}", tag = "accounts",
    params(("id" = i64, Path)), request_body = UserChangesBody,
    responses((status = 200, body = Account),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn api_update_user(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<UserId>,
    body: web::Json<UserChangesBody>,
) -> Result<HttpResponse, AppError> {
    let (id, body) = (path.into_inner(), body.into_inner());
    let (_, account) = state
        .write(caller, move |c, actor| {
            let current = queries::find(c, actor, id)?;
            let target = Target::Existing {
                is_self: id == actor.user_id,
            };
            service::update(c, actor, id, &body.parse(&current, target)?, None)?;
            queries::find(c, actor, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(account))
}
