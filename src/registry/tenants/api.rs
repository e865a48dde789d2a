//! `/api/v1/tenants`: the same rules as the pages, in JSON. No delete: tenants move out (a
//! move-out date), and purging personal data belongs to the privacy capability. Every read of a
//! tenant (one, or a list with its row count) is written to the access log.

use actix_web::{web, HttpResponse};

use super::queries::{self, TenantView};
use super::{service, TenantApiQuery, TenantBody, TenantInput};
use crate::access::log::{read_many, read_one, Channel, RecordKind};
use crate::access::Caller;
use crate::domain::ids::TenantId;
use crate::domain::roles::Action;
use crate::error::{AppError, Problem};
use crate::state::AppState;
use crate::web::pagination::Paged;

/// The office's tenants with their dwelling and building, by name.
#[utoipa::path(get, path = "/api/v1/tenants", tag = "registry",
    params(TenantApiQuery),
    responses((status = 200, body = Paged<TenantView>),
        (status = 400, body = Problem, content_type = "application/problem+json")))]
pub async fn api_list_tenants(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<TenantApiQuery>,
) -> Result<HttpResponse, AppError> {
    let (filter, at) = (query.filter(), query.pagination());
    let (_, paged) = state
        .read(caller, move |c, actor| {
            actor.require(Action::ReadTenants)?;
            let paged = queries::list_page(c, actor.office_id.get(), &filter, at)?;
            read_many(
                c,
                actor,
                Channel::Api,
                RecordKind::Tenant,
                paged.items.len(),
            )?;
            Ok(paged)
        })
        .await?;
    Ok(HttpResponse::Ok().json(paged))
}

#[utoipa::path(post, path = "/api/v1/tenants", tag = "registry",
    request_body = TenantBody,
    responses((status = 201, body = TenantView),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn api_create_tenant(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<TenantBody>,
) -> Result<HttpResponse, AppError> {
    let input = TenantInput::from(body.into_inner()).with_unchecked_boxes();
    let (_, tenant) = state
        .write(caller, move |c, actor| {
            let id = service::create(c, actor, &input)?;
            queries::find_view(c, actor.office_id.get(), id.get())
        })
        .await?;
    Ok(HttpResponse::Created().json(tenant))
}

#[utoipa::path(get, path = "/api/v1/tenants/{id}", tag = "registry",
    params(("id" = i64, Path)),
    responses((status = 200, body = TenantView),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn api_show_tenant(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<TenantId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (_, tenant) = state
        .read(caller, move |c, actor| {
            actor.require(Action::ReadTenants)?;
            let tenant = queries::find_view(c, actor.office_id.get(), id.get())?;
            read_one(c, actor, Channel::Api, RecordKind::Tenant, id)?;
            Ok(tenant)
        })
        .await?;
    Ok(HttpResponse::Ok().json(tenant))
}

#[utoipa::path(put, path = "/api/v1/tenants/{id}", tag = "registry",
    params(("id" = i64, Path)), request_body = TenantBody,
    responses((status = 200, body = TenantView),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn api_update_tenant(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<TenantId>,
    body: web::Json<TenantBody>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let input = TenantInput::from(body.into_inner());
    let (_, tenant) = state
        .write(caller, move |c, actor| {
            service::change(c, actor, id, &input)?;
            queries::find_view(c, actor.office_id.get(), id.get())
        })
        .await?;
    Ok(HttpResponse::Ok().json(tenant))
}
