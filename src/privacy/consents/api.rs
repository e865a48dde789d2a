//! `/api/v1/privacy/tenants/{id}/…`: a tenant's consents (current and history), recording a
//! decision, and who consulted the file — the same rules as the pages.

use actix_web::{web, HttpResponse};
use serde::Serialize;

use super::{queries, service, Consent, ConsentBody, ConsentEvent};
use crate::access::log::{read_one, Channel, RecordKind};
use crate::access::Caller;
use crate::domain::ids::TenantId;
use crate::domain::roles::Action;
use crate::error::{AppError, Problem};
use crate::privacy::access_log::queries::{consultations, Consultations};
use crate::privacy::find_tenant;
use crate::state::AppState;
use crate::web::format::today;

/// A tenant's consents: the current one of each purpose mentioned, and every decision.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ConsentsBody {
    pub current: Vec<Consent>,
    /// Newest first.
    pub history: Vec<ConsentEvent>,
}

#[utoipa::path(get, path = "/api/v1/privacy/tenants/{id}/consents", tag = "privacy",
    params(("id" = i64, Path, description = "A tenant of the caller's office")),
    responses((status = 200, body = ConsentsBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn api_tenant_consents(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<TenantId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (_, body) = state
        .read(caller, move |c, actor| {
            find_tenant(c, actor, id)?;
            read_one(c, actor, Channel::Api, RecordKind::Tenant, id)?;
            let history = queries::history(c, id)?;
            Ok(ConsentsBody {
                current: queries::summary(&history, today()),
                history: history.into_iter().map(|l| l.event).collect(),
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(body))
}

/// Records a decision of the tenant (given or withdrawn) as the caller's entry.
#[utoipa::path(post, path = "/api/v1/privacy/tenants/{id}/consents", tag = "privacy",
    params(("id" = i64, Path)), request_body = ConsentBody,
    responses((status = 201, body = ConsentEvent),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn api_record_consent(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<TenantId>,
    body: web::Json<ConsentBody>,
) -> Result<HttpResponse, AppError> {
    let (id, body) = (path.into_inner(), body.into_inner());
    let (_, event) = state
        .write(caller, move |c, actor| {
            actor.require(Action::RecordConsents)?;
            find_tenant(c, actor, id)?;
            service::record(c, actor, id, &body.parse(today())?)
        })
        .await?;
    Ok(HttpResponse::Created().json(event))
}

/// Who consulted the tenant's file, newest first (the latest 50, with the total).
#[utoipa::path(get, path = "/api/v1/privacy/tenants/{id}/consultations", tag = "privacy",
    params(("id" = i64, Path)),
    responses((status = 200, body = Consultations),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn api_tenant_consultations(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<TenantId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (_, body) = state
        .read(caller, move |c, actor| consultations(c, actor, id))
        .await?;
    Ok(HttpResponse::Ok().json(body))
}
