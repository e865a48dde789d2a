//! `/api/v1/privacy/incidents`: the incident register in JSON (administrators).

use actix_web::{web, HttpResponse};

use super::{queries, service, Incident, IncidentBody};
use crate::access::Caller;
use crate::domain::ids::IncidentId;
use crate::error::{AppError, Problem};
use crate::state::AppState;
use crate::web::format::today;
use crate::web::pagination::{PageQuery, Paged};

#[utoipa::path(get, path = "/api/v1/privacy/incidents", tag = "privacy",
    params(PageQuery),
    responses((status = 200, body = Paged<Incident>),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn api_list_incidents(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let at = query.pagination();
    let (_, paged) = state
        .read(caller, move |c, actor| queries::list(c, actor, at))
        .await?;
    Ok(HttpResponse::Ok().json(paged))
}

#[utoipa::path(post, path = "/api/v1/privacy/incidents", tag = "privacy",
    request_body = IncidentBody,
    responses((status = 201, body = Incident),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn api_create_incident(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<IncidentBody>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let (_, made) = state
        .write(caller, move |c, actor| {
            actor.require(crate::domain::roles::Action::ManagePrivacy)?;
            service::create(c, actor, &body.parse(today())?)
        })
        .await?;
    Ok(HttpResponse::Created().json(made))
}

#[utoipa::path(get, path = "/api/v1/privacy/incidents/{id}", tag = "privacy",
    params(("id" = i64, Path)),
    responses((status = 200, body = Incident),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn api_show_incident(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<IncidentId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (_, found) = state
        .read(caller, move |c, actor| queries::find(c, actor, id))
        .await?;
    Ok(HttpResponse::Ok().json(found))
}

#[utoipa::path(put, path = "/api/v1/privacy/incidents/{id}", tag = "privacy",
    params(("id" = i64, Path)), request_body = IncidentBody,
    responses((status = 200, body = Incident),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn api_update_incident(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<IncidentId>,
    body: web::Json<IncidentBody>,
) -> Result<HttpResponse, AppError> {
    let (id, body) = (path.into_inner(), body.into_inner());
    let (_, changed) = state
        .write(caller, move |c, actor| {
            queries::find(c, actor, id)?;
            service::update(c, actor, id, &body.parse(today())?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(changed))
}

#[utoipa::path(delete, path = "/api/v1/privacy/incidents/{id}", tag = "privacy",
    params(("id" = i64, Path)),
    responses((status = 204),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn api_delete_incident(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<IncidentId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    state
        .write(caller, move |c, actor| service::delete(c, actor, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
