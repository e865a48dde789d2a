//! `/api/v1/departments`: readable by every registry reader (requests will be routed to them),
//! changed by administrators only.

use actix_web::{web, HttpResponse};

use super::{queries, service, Department, DepartmentBody, DepartmentInput};
use crate::access::Caller;
use crate::domain::ids::DepartmentId;
use crate::domain::roles::Action;
use crate::error::{AppError, Problem};
use crate::state::AppState;
use crate::web::pagination::{PageQuery, Paged};

/// The office's departments, by name.
#[utoipa::path(get, path = "/api/v1/departments", tag = "registry",
    params(PageQuery),
    responses((status = 200, body = Paged<Department>)))]
pub async fn api_list_departments(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let at = query.pagination();
    let (_, paged) = state
        .read(caller, move |c, actor| {
            actor.require(Action::ReadRegistry)?;
            let office = actor.office_id.get();
            let (items, total) = queries::list(c, office, at.offset(), at.limit())?;
            Ok(Paged::new(items, total, at))
        })
        .await?;
    Ok(HttpResponse::Ok().json(paged))
}

#[utoipa::path(post, path = "/api/v1/departments", tag = "registry",
    request_body = DepartmentBody,
    responses((status = 201, body = Department),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn api_create_department(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<DepartmentBody>,
) -> Result<HttpResponse, AppError> {
    let input = DepartmentInput::from(body.into_inner());
    let (_, department) = state
        .write(caller, move |c, actor| {
            actor.require(Action::ManageOffice)?;
            let id = service::create(c, actor, &input.validate()?)?;
            queries::get(c, actor, id)
        })
        .await?;
    Ok(HttpResponse::Created().json(department))
}

#[utoipa::path(get, path = "/api/v1/departments/{id}", tag = "registry",
    params(("id" = i64, Path)),
    responses((status = 200, body = Department),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn api_show_department(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<DepartmentId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (_, department) = state
        .read(caller, move |c, actor| queries::get(c, actor, id))
        .await?;
    Ok(HttpResponse::Ok().json(department))
}

#[utoipa::path(put, path = "/api/v1/departments/{id}", tag = "registry",
    params(("id" = i64, Path)), request_body = DepartmentBody,
    responses((status = 200, body = Department),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn api_update_department(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<DepartmentId>,
    body: web::Json<DepartmentBody>,
) -> Result<HttpResponse, AppError> {
    let (id, input) = (path.into_inner(), DepartmentInput::from(body.into_inner()));
    let (_, department) = state
        .write(caller, move |c, actor| {
            actor.require(Action::ManageOffice)?;
            service::change(c, actor, id, &input.validate()?)?;
            queries::get(c, actor, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(department))
}

/// Deletes a department; 409 while an account belongs to it.
#[utoipa::path(delete, path = "/api/v1/departments/{id}", tag = "registry",
    params(("id" = i64, Path)),
    responses((status = 204),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json")))]
pub async fn api_delete_department(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<DepartmentId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    state
        .write(caller, move |c, actor| service::remove(c, actor, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
