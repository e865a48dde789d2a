//! `/api/v1/tenants`: the same rules as the pages, in JSON. No delete: tenants move out (a
//! move-out date), and purging personal data belongs to the privacy capability.

use actix_web::{get, post, put, web, HttpResponse};
use serde::Deserialize;

use super::queries::{self, Filter, Status, TenantView};
use super::TenantInput;
use crate::api::{ApiListQuery, Paginated};
use crate::domain::roles::Action;
use crate::error::{AppError, Problem};
use crate::state::AppState;
use crate::web::CurrentUser;

/// The OpenAPI paths of this module.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    api_list_tenants,
    api_create_tenant,
    api_show_tenant,
    api_update_tenant
))]
pub struct Doc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(api_list_tenants)
        .service(api_create_tenant)
        .service(api_show_tenant)
        .service(api_update_tenant);
}

/// `?q=&building_id=&status=&page=&per_page=` of the tenant list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TenantApiQuery {
    /// Words that must all appear in the name, email or phone (accents and case ignored).
    pub q: Option<String>,
    /// Only the tenants of this building.
    pub building_id: Option<i64>,
    /// current (default: no move-out date, or one to come), former or all.
    #[param(inline)]
    pub status: Option<Status>,
    /// 1-based page number.
    pub page: Option<i64>,
    /// Items per page, 1 to 200 (default 50).
    pub per_page: Option<i64>,
}

/// A tenant to create or replace.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct TenantBody {
    /// A dwelling of your office (it gives the building).
    pub dwelling_id: Option<i64>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    /// fr (default), en or other
    pub language: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// 1 to 20 (default 1)
    pub household_size: Option<i32>,
    /// YYYY-MM-DD
    pub move_in: Option<String>,
    /// YYYY-MM-DD, not before move_in
    pub move_out: Option<String>,
    /// Consent to be contacted by email: true records it now, by you (an existing consent keeps its
    /// date and recorder); false withdraws it; left out, it stays as recorded (none on creation).
    pub consent_email: Option<bool>,
    /// Consent to be contacted by phone, as consent_email.
    pub consent_phone: Option<bool>,
    /// Consent to be contacted by SMS, as consent_email.
    pub consent_sms: Option<bool>,
}

impl From<TenantBody> for TenantInput {
    fn from(b: TenantBody) -> Self {
        let flag = |v: Option<bool>| v.map(|v| if v { "on" } else { "" }.to_owned());
        TenantInput {
            dwelling_id: b.dwelling_id.map(|n| n.to_string()),
            first_name: b.first_name,
            last_name: b.last_name,
            language: b.language,
            phone: b.phone,
            email: b.email,
            household_size: b.household_size.map(|n| n.to_string()),
            move_in: b.move_in,
            move_out: b.move_out,
            consent_email: flag(b.consent_email),
            consent_phone: flag(b.consent_phone),
            consent_sms: flag(b.consent_sms),
        }
    }
}

/// The office's tenants with their dwelling and building, by name.
#[utoipa::path(get, path = "/api/v1/tenants", tag = "registry",
    params(TenantApiQuery),
    responses((status = 200, body = Paginated<TenantView>),
        (status = 400, body = Problem, content_type = "application/problem+json")))]
#[get("/tenants")]
pub async fn api_list_tenants(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<TenantApiQuery>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ReadTenants)?;
    let query = query.into_inner();
    let paging = ApiListQuery {
        q: query.q,
        page: query.page,
        per_page: query.per_page,
    };
    let filter = Filter {
        q: paging.q(),
        building_id: query.building_id,
        status: query.status.unwrap_or_default(),
    };
    let (office, page) = (user.office_id, Some((paging.offset(), paging.per_page())));
    let (items, total) = state
        .db(move |c| queries::list(c, office, &filter, page))
        .await?;
    Ok(HttpResponse::Ok().json(Paginated::new(items, total, &paging)))
}

#[utoipa::path(post, path = "/api/v1/tenants", tag = "registry",
    request_body = TenantBody,
    responses((status = 201, body = TenantView),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[post("/tenants")]
pub async fn api_create_tenant(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Json<TenantBody>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageTenants)?;
    let input = TenantInput::from(body.into_inner()).with_unchecked_boxes();
    let (office, uid) = (user.office_id, user.id);
    let tenant = state
        .db_tx(move |c| {
            let id = super::create(c, office, uid, &input)?;
            queries::find_view(c, office, id)
        })
        .await?;
    Ok(HttpResponse::Created().json(tenant))
}

#[utoipa::path(get, path = "/api/v1/tenants/{id}", tag = "registry",
    params(("id" = i64, Path)),
    responses((status = 200, body = TenantView),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
#[get("/tenants/{id:\\d+}")]
pub async fn api_show_tenant(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ReadTenants)?;
    let (office, id) = (user.office_id, path.into_inner());
    let tenant = state.db(move |c| queries::find_view(c, office, id)).await?;
    Ok(HttpResponse::Ok().json(tenant))
}

#[utoipa::path(put, path = "/api/v1/tenants/{id}", tag = "registry",
    params(("id" = i64, Path)), request_body = TenantBody,
    responses((status = 200, body = TenantView),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[put("/tenants/{id:\\d+}")]
pub async fn api_update_tenant(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Json<TenantBody>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageTenants)?;
    let (office, uid, id) = (user.office_id, user.id, path.into_inner());
    let input = TenantInput::from(body.into_inner());
    let tenant = state
        .db_tx(move |c| {
            super::change(c, office, uid, id, &input)?;
            queries::find_view(c, office, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(tenant))
}
