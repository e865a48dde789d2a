//! `/api/v1/privacy/retention`: what the next retention run takes, per kind (administrators).

use actix_web::{web, HttpResponse};
use chrono::NaiveDateTime;
use serde::Serialize;

use super::queries::{self, Pending};
use crate::access::Caller;
use crate::db::now;
use crate::error::{AppError, Problem};
use crate::state::AppState;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RetentionBody {
    /// When the next run happens (UTC).
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub next_run: NaiveDateTime,
    pub kinds: Vec<Pending>,
}

#[utoipa::path(get, path = "/api/v1/privacy/retention", tag = "privacy",
    responses((status = 200, body = RetentionBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn api_retention(
    state: web::Data<AppState>,
    caller: Caller,
) -> Result<HttpResponse, AppError> {
    let periods = state.settings.retention;
    let (_, (next_run, kinds)) = state
        .read(caller, move |c, actor| {
            queries::pending(c, actor, &periods, now())
        })
        .await?;
    Ok(HttpResponse::Ok().json(RetentionBody { next_run, kinds }))
}
