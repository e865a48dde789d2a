//! `/api/v1/departments`: readable by every registry reader (requests will be routed to them),
//! changed by administrators only.

use actix_web::http::StatusCode;
use actix_web::{delete, get, post, put, web, HttpResponse};
use serde::Deserialize;

use super::{Department, DepartmentInput};
use crate::api::{write_then_show, ApiListQuery, Paginated};
use crate::domain::roles::Action;
use crate::error::{AppError, Problem};
use crate::state::AppState;
use crate::web::CurrentUser;

/// The OpenAPI paths of this module.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    api_list_departments,
    api_create_department,
    api_show_department,
    api_update_department,
    api_delete_department
))]
pub struct Doc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(api_list_departments)
        .service(api_create_department)
        .service(api_show_department)
        .service(api_update_department)
        .service(api_delete_department);
}

/// A department to create or replace.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct DepartmentBody {
    pub name: Option<String>,
    /// Where the department receives tenant requests.
    pub email: Option<String>,
}

impl From<DepartmentBody> for DepartmentInput {
    fn from(b: DepartmentBody) -> Self {
        DepartmentInput {
            name: b.name,
            email: b.email,
        }
    }
}

/// The office's departments, by name (`q` is not used).
#[utoipa::path(get, path = "/api/v1/departments", tag = "registry",
    params(ApiListQuery),
    responses((status = 200, body = Paginated<Department>)))]
#[get("/departments")]
pub async fn api_list_departments(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<ApiListQuery>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ReadRegistry)?;
    let (office, offset, limit) = (user.office_id, query.offset(), query.per_page());
    let (items, total) = state
        .db(move |c| super::list(c, office, offset, limit))
        .await?;
    Ok(HttpResponse::Ok().json(Paginated::new(items, total, &query)))
}

#[utoipa::path(post, path = "/api/v1/departments", tag = "registry",
    request_body = DepartmentBody,
    responses((status = 201, body = Department),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[post("/departments")]
pub async fn api_create_department(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Json<DepartmentBody>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageOffice)?;
    let data = DepartmentInput::from(body.into_inner()).validate()?;
    let office = user.office_id;
    write_then_show(
        &state,
        StatusCode::CREATED,
        office,
        move |c| super::insert(c, office, &data),
        super::find,
    )
    .await
}

#[utoipa::path(get, path = "/api/v1/departments/{id}", tag = "registry",
    params(("id" = i64, Path)),
    responses((status = 200, body = Department),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
#[get("/departments/{id:\\d+}")]
pub async fn api_show_department(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ReadRegistry)?;
    let (office, id) = (user.office_id, path.into_inner());
    Ok(HttpResponse::Ok().json(state.db(move |c| super::find(c, office, id)).await?))
}

#[utoipa::path(put, path = "/api/v1/departments/{id}", tag = "registry",
    params(("id" = i64, Path)), request_body = DepartmentBody,
    responses((status = 200, body = Department),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[put("/departments/{id:\\d+}")]
pub async fn api_update_department(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Json<DepartmentBody>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageOffice)?;
    let (office, id) = (user.office_id, path.into_inner());
    let data = DepartmentInput::from(body.into_inner()).validate()?;
    write_then_show(
        &state,
        StatusCode::OK,
        office,
        move |c| super::update(c, office, id, &data).map(|_| id),
        super::find,
    )
    .await
}

/// Deletes a department; 409 while an account belongs to it.
#[utoipa::path(delete, path = "/api/v1/departments/{id}", tag = "registry",
    params(("id" = i64, Path)),
    responses((status = 204),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json")))]
#[delete("/departments/{id:\\d+}")]
pub async fn api_delete_department(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageOffice)?;
    let (office, id) = (user.office_id, path.into_inner());
    state.db_tx(move |c| super::delete(c, office, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}
