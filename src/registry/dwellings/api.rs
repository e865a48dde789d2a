//! `/api/v1/dwellings`: the same rules as the pages, in JSON.

use actix_web::http::StatusCode;
use actix_web::{delete, get, post, put, web, HttpResponse};
use serde::Deserialize;

use super::{Dwelling, DwellingData, DwellingInput};
use crate::api::{write_then_show, ApiListQuery, Paginated};
use crate::domain::roles::Action;
use crate::domain::FieldErrors;
use crate::error::{AppError, Problem};
use crate::registry::buildings;
use crate::state::AppState;
use crate::web::CurrentUser;

/// The OpenAPI paths of this module.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    api_list_dwellings,
    api_create_dwelling,
    api_show_dwelling,
    api_update_dwelling,
    api_delete_dwelling
))]
pub struct Doc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(api_list_dwellings)
        .service(api_create_dwelling)
        .service(api_show_dwelling)
        .service(api_update_dwelling)
        .service(api_delete_dwelling);
}

/// `?building_id=&page=&per_page=` of the dwellings list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct DwellingListQuery {
    /// Only this building's dwellings.
    pub building_id: Option<i64>,
    /// 1-based page number.
    pub page: Option<i64>,
    /// Items per page, 1 to 200 (default 50).
    pub per_page: Option<i64>,
}

/// A dwelling to create or replace.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct DwellingBody {
    /// Required on creation: one of the office's buildings. Ignored on update (a dwelling does not
    /// move between buildings).
    pub building_id: Option<i64>,
    /// Door number, unique within the building.
    pub number: Option<String>,
    /// 0 to 10.
    pub bedrooms: Option<i32>,
    /// Adapted for reduced mobility (default false).
    pub adapted: Option<bool>,
}

impl From<DwellingBody> for DwellingInput {
    fn from(b: DwellingBody) -> Self {
        DwellingInput {
            number: b.number,
            bedrooms: b.bedrooms.map(|n| n.to_string()),
            adapted: b.adapted.map(|a| a.to_string()),
        }
    }
}

/// The building and validated fields of a creation, every field's problem reported at once.
fn validate_new(body: DwellingBody) -> Result<(i64, DwellingData), FieldErrors> {
    let building_id = body.building_id;
    let result = DwellingInput::from(body).validate();
    let mut errors = result.as_ref().err().cloned().unwrap_or_default();
    if building_id.is_none() {
        errors.add("building_id", "err-required");
    }
    match (result, building_id) {
        (Ok(data), Some(b)) if errors.is_empty() => Ok((b, data)),
        _ => Err(errors),
    }
}

/// The office's dwellings, by building and door number, optionally of one building (404 when that
/// building is not the office's).
#[utoipa::path(get, path = "/api/v1/dwellings", tag = "registry",
    params(DwellingListQuery),
    responses((status = 200, body = Paginated<Dwelling>),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
#[get("/dwellings")]
pub async fn api_list_dwellings(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<DwellingListQuery>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ReadRegistry)?;
    let paging = ApiListQuery {
        q: None,
        page: query.page,
        per_page: query.per_page,
    };
    let (office, building, offset, limit) = (
        user.office_id,
        query.building_id,
        paging.offset(),
        paging.per_page(),
    );
    let (items, total) = state
        .db(move |c| super::list(c, office, building, offset, limit))
        .await?;
    Ok(HttpResponse::Ok().json(Paginated::new(items, total, &paging)))
}

/// Adds a dwelling; a `building_id` that is not the office's is the field error `unknown-reference`.
#[utoipa::path(post, path = "/api/v1/dwellings", tag = "registry",
    request_body = DwellingBody,
    responses((status = 201, body = Dwelling),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[post("/dwellings")]
pub async fn api_create_dwelling(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Json<DwellingBody>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageRegistry)?;
    let (building_id, data) = validate_new(body.into_inner())?;
    let office = user.office_id;
    let dwelling = state
        .db_tx(move |c| {
            match buildings::find(c, office, building_id) {
                Ok(_) => {}
                Err(AppError::NotFound) => {
                    let mut e = FieldErrors::new();
                    e.add("building_id", "err-unknown-reference");
                    return Err(e.into());
                }
                Err(e) => return Err(e),
            }
            let id = super::insert(c, office, building_id, &data)?;
            super::find(c, office, id)
        })
        .await?;
    Ok(HttpResponse::Created().json(dwelling))
}

#[utoipa::path(get, path = "/api/v1/dwellings/{id}", tag = "registry",
    params(("id" = i64, Path)),
    responses((status = 200, body = Dwelling),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
#[get("/dwellings/{id:\\d+}")]
pub async fn api_show_dwelling(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ReadRegistry)?;
    let (office, id) = (user.office_id, path.into_inner());
    Ok(HttpResponse::Ok().json(state.db(move |c| super::find(c, office, id)).await?))
}

/// Replaces a dwelling's number, bedrooms and adaptation; `building_id` is ignored.
#[utoipa::path(put, path = "/api/v1/dwellings/{id}", tag = "registry",
    params(("id" = i64, Path)), request_body = DwellingBody,
    responses((status = 200, body = Dwelling),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[put("/dwellings/{id:\\d+}")]
pub async fn api_update_dwelling(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Json<DwellingBody>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageRegistry)?;
    let (office, id) = (user.office_id, path.into_inner());
    let data = DwellingInput::from(body.into_inner()).validate()?;
    write_then_show(
        &state,
        StatusCode::OK,
        office,
        move |c| super::update(c, office, id, &data).map(|_| id),
        super::find,
    )
    .await
}

/// Deletes a dwelling; 409 while a tenant record points to it.
#[utoipa::path(delete, path = "/api/v1/dwellings/{id}", tag = "registry",
    params(("id" = i64, Path)),
    responses((status = 204),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json")))]
#[delete("/dwellings/{id:\\d+}")]
pub async fn api_delete_dwelling(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageRegistry)?;
    let (office, id) = (user.office_id, path.into_inner());
    state.db_tx(move |c| super::delete(c, office, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}
