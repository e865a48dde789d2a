//! `/api/v1/users`: the office's accounts for administrators, in JSON. A password is accepted on
//! creation only; no answer ever carries a password hash.

use actix_web::{get, post, put, web, HttpResponse};
use serde::Deserialize;

use super::{Account, Target, UserInput};
use crate::api::Paginated;
use crate::domain::roles::Action;
use crate::error::{AppError, Problem};
use crate::state::AppState;
use crate::web::CurrentUser;

/// The OpenAPI paths of this module.
#[derive(utoipa::OpenApi)]
#[openapi(paths(api_list_users, api_create_user, api_show_user, api_update_user))]
pub struct Doc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(api_list_users)
        .service(api_create_user)
        .service(api_show_user)
        .service(api_update_user);
}

/// `?q=&role=&active=&page=&per_page=` of the account list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct UsersApiQuery {
    /// Part of the name or email.
    pub q: Option<String>,
    /// admin, isc, staff, committee or tenant
    pub role: Option<String>,
    /// true or false; both when absent.
    pub active: Option<bool>,
    /// 1-based page number.
    pub page: Option<i64>,
    /// Items per page, 1 to 200 (default 50).
    pub per_page: Option<i64>,
}

/// An account to create.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct NewUserBody {
    pub display_name: Option<String>,
    pub email: Option<String>,
    /// admin, isc, staff, committee or tenant
    pub role: Option<String>,
    /// fr (default) or en
    pub language: Option<String>,
    /// A department of the office (role staff only).
    pub department_id: Option<i64>,
    /// At least 10 characters.
    pub password: Option<String>,
}

/// Changes to an account; a field left out keeps its current value. The password is changed by
/// its owner on their account page, or by an administrator on the account's page.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct UserChangesBody {
    pub display_name: Option<String>,
    pub role: Option<String>,
    pub language: Option<String>,
    /// A department of the office (role staff only); null removes it.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<i64>)]
    pub department_id: Option<Option<i64>>,
    pub active: Option<bool>,
}

/// Tells "absent" (keep) from `null` (clear).
fn double_option<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<i64>>, D::Error> {
    Option::<i64>::deserialize(d).map(Some)
}

/// The office's accounts, by name.
#[utoipa::path(get, path = "/api/v1/users", tag = "accounts",
    params(UsersApiQuery),
    responses((status = 200, body = Paginated<Account>),
        (status = 403, body = Problem, content_type = "application/problem+json")))]
#[get("/users")]
pub async fn api_list_users(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<UsersApiQuery>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageAccounts)?;
    let filter = super::UserFilter {
        q: query
            .q
            .as_deref()
            .unwrap_or("")
            .trim()
            .chars()
            .take(100)
            .collect(),
        role: query.role.as_deref().and_then(crate::domain::Role::parse),
        active: query.active,
    };
    let page = query.page.unwrap_or(1).clamp(1, 1_000_000);
    let per_page = query.per_page.unwrap_or(50).clamp(1, 200);
    let office = user.office_id;
    let (rows, total) = state
        .db(move |c| super::list(c, office, &filter, (page - 1) * per_page, per_page))
        .await?;
    Ok(HttpResponse::Ok().json(Paginated {
        items: rows.into_iter().map(|(a, _)| a).collect::<Vec<_>>(),
        total,
        page,
        per_page,
    }))
}

#[utoipa::path(post, path = "/api/v1/users", tag = "accounts",
    request_body = NewUserBody,
    responses((status = 201, body = Account),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[post("/users")]
pub async fn api_create_user(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Json<NewUserBody>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageAccounts)?;
    let b = body.into_inner();
    let input = UserInput {
        display_name: b.display_name,
        email: b.email,
        role: b.role,
        language: b.language,
        department_id: b.department_id.map(|d| d.to_string()),
        active: None,
        password_confirm: b.password.clone(),
        password: b.password,
    };
    let office = user.office_id;
    let deps = state
        .db(move |c| super::list_departments(c, office))
        .await?;
    let ids: Vec<i64> = deps.iter().map(|(id, _)| *id).collect();
    let mut data = input.validate(Target::New, &ids)?;
    let hash = super::hash_password(data.password.take())
        .await?
        .unwrap_or_default();
    let account = state
        .db_tx(move |c| {
            let id = super::insert(c, office, &data, hash)?;
            super::find(c, office, id)
        })
        .await?;
    Ok(HttpResponse::Created().json(account))
}

#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "accounts",
    params(("id" = i64, Path)),
    responses((status = 200, body = Account),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
#[get("/users/{id:\\d+}")]
pub async fn api_show_user(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageAccounts)?;
    let (office, id) = (user.office_id, path.into_inner());
    Ok(HttpResponse::Ok().json(state.db(move |c| super::find(c, office, id)).await?))
}

#[utoipa::path(put, path = "/api/v1/users/{id}", tag = "accounts",
    params(("id" = i64, Path)), request_body = UserChangesBody,
    responses((status = 200, body = Account),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[put("/users/{id:\\d+}")]
pub async fn api_update_user(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Json<UserChangesBody>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageAccounts)?;
    let (office, id) = (user.office_id, path.into_inner());
    let (current, deps) = state
        .db(move |c| {
            Ok((
                super::find(c, office, id)?,
                super::list_departments(c, office)?,
            ))
        })
        .await?;
    let b = body.into_inner();
    let mut input = UserInput::from_account(&current);
    input.display_name = b.display_name.or(input.display_name);
    input.role = b.role.or(input.role);
    input.language = b.language.or(input.language);
    if let Some(dep) = b.department_id {
        input.department_id = dep.map(|d| d.to_string());
    }
    if let Some(active) = b.active {
        input.active = active.then(|| "on".to_owned());
    }
    let ids: Vec<i64> = deps.iter().map(|(id, _)| *id).collect();
    let data = input.validate(
        Target::Existing {
            is_self: id == user.id,
        },
        &ids,
    )?;
    let account = state
        .db_tx(move |c| {
            super::update(c, office, id, &data, None)?;
            super::find(c, office, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(account))
}
