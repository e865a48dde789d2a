//! `/api/v1/privacy/access-log`: the office's log of reads in JSON (administrators).

use actix_web::{web, HttpResponse};
use serde::Serialize;

use super::{queries, AccessEntry, AccessLogQuery};
use crate::access::Caller;
use crate::domain::roles::{Action, Role};
use crate::error::{AppError, Problem};
use crate::state::AppState;
use crate::web::pagination::Paged;

/// A logged read with the reader's name and role.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AccessLogItem {
    #[serde(flatten)]
    pub entry: AccessEntry,
    pub user_name: String,
    pub user_role: Role,
}

/// The office's logged reads matching the filters, newest first.
#[utoipa::path(get, path = "/api/v1/privacy/access-log", tag = "privacy",
    params(AccessLogQuery),
    responses((status = 200, body = Paged<AccessLogItem>),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn api_list_access_log(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<AccessLogQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let (_, paged) = state
        .read(caller, move |c, actor| {
            actor.require(Action::ManagePrivacy)?;
            queries::list(c, actor, &query.filter()?, query.pagination())
        })
        .await?;
    Ok(HttpResponse::Ok().json(paged.map(|l| AccessLogItem {
        entry: l.entry,
        user_name: l.user_name,
        user_role: l.user_role,
    })))
}
