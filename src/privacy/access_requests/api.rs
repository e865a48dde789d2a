//! `/api/v1/privacy/access-requests`: the access-request register in JSON (administrators).

use actix_web::{web, HttpResponse};
use serde::Serialize;

use super::{queries, service, AccessRequest, AccessRequestBody};
use crate::access::Caller;
use crate::domain::ids::AccessRequestId;
use crate::domain::roles::Action;
use crate::error::{AppError, Problem};
use crate::state::AppState;
use crate::web::format::today;
use crate::web::pagination::{PageQuery, Paged};

/// A request with whether it is overdue today.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AccessRequestItem {
    #[serde(flatten)]
    pub request: AccessRequest,
    pub overdue: bool,
}

fn item(request: AccessRequest) -> AccessRequestItem {
    AccessRequestItem {
        overdue: request.is_overdue(today()),
        request,
    }
}

#[utoipa::path(get, path = "/api/v1/privacy/access-requests", tag = "privacy",
    params(PageQuery),
    responses((status = 200, body = Paged<AccessRequestItem>),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn api_list_access_requests(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let at = query.pagination();
    let (_, paged) = state
        .read(caller, move |c, actor| queries::list(c, actor, at))
        .await?;
    Ok(HttpResponse::Ok().json(paged.map(item)))
}

#[utoipa::path(post, path = "/api/v1/privacy/access-requests", tag = "privacy",
    request_body = AccessRequestBody,
    responses((status = 201, body = AccessRequestItem),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn api_create_access_request(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<AccessRequestBody>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let (_, made) = state
        .write(caller, move |c, actor| {
            actor.require(Action::ManagePrivacy)?;
            service::create(c, actor, &body.parse(today())?)
        })
        .await?;
    Ok(HttpResponse::Created().json(item(made)))
}

#[utoipa::path(get, path = "/api/v1/privacy/access-requests/{id}", tag = "privacy",
    params(("id" = i64, Path)),
    responses((status = 200, body = AccessRequestItem),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn api_show_access_request(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<AccessRequestId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (_, found) = state
        .read(caller, move |c, actor| queries::find(c, actor, id))
        .await?;
    Ok(HttpResponse::Ok().json(item(found)))
}

#[utoipa::path(put, path = "/api/v1/privacy/access-requests/{id}", tag = "privacy",
    params(("id" = i64, Path)), request_body = AccessRequestBody,
    responses((status = 200, body = AccessRequestItem),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn api_update_access_request(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<AccessRequestId>,
    body: web::Json<AccessRequestBody>,
) -> Result<HttpResponse, AppError> {
    let (id, body) = (path.into_inner(), body.into_inner());
    let (_, changed) = state
        .write(caller, move |c, actor| {
            queries::find(c, actor, id)?;
            service::update(c, actor, id, &body.parse(today())?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(item(changed)))
}
