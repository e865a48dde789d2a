//! `/privacy/tenants/{id}/export.zip`: the tenant's archive (administrators).

use actix_web::http::header;
use actix_web::{web, HttpResponse};

use crate::access::Caller;
use crate::domain::ids::TenantId;
use crate::error::AppError;
use crate::state::AppState;

pub async fn download_archive(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<TenantId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (_, (_, bytes)) = state
        .read(caller, move |c, actor| super::archive(c, actor, id))
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("application/zip")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"renseignements-locataire-{id}.zip\""),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(bytes))
}
