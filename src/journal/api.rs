//! `/api/v1/journal`: the practice journal in JSON, with the same filters and rules as the pages.

use actix_web::{delete, get, post, put, web, HttpResponse};
use serde::Deserialize;

use super::pages::actor;
use super::{store, JournalEntry, JournalInput, JournalQuery};
use crate::api::Paginated;
use crate::domain::roles::Action;
use crate::error::{AppError, Problem};
use crate::state::AppState;
use crate::web::CurrentUser;

/// The OpenAPI paths of this module.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    api_list_journal,
    api_create_journal_entry,
    api_show_journal_entry,
    api_update_journal_entry,
    api_delete_journal_entry
))]
pub struct Doc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(api_list_journal)
        .service(api_create_journal_entry)
        .service(api_show_journal_entry)
        .service(api_update_journal_entry)
        .service(api_delete_journal_entry);
}

/// A manual entry to create or replace.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct JournalBody {
    /// 1 to 4; optional, it follows from the sub-activity (and must match it when given).
    pub pole: Option<i64>,
    /// A sub-activity code, e.g. `ateliers_groupe`.
    pub sub_activity: Option<String>,
    /// YYYY-MM-DD, at most one day ahead.
    #[schema(value_type = Option<String>, format = Date)]
    pub occurred_on: Option<String>,
    /// 1 to 1440.
    pub duration_minutes: Option<i64>,
    /// A building of the office.
    pub building_id: Option<i64>,
    /// 0 to 10000 (default 0).
    pub people_reached: Option<i64>,
    /// At most 500 characters; no tenant names.
    pub note: Option<String>,
}

impl From<JournalBody> for JournalInput {
    fn from(b: JournalBody) -> Self {
        JournalInput {
            pole: b.pole.map(|n| n.to_string()),
            sub_activity: b.sub_activity,
            occurred_on: b.occurred_on,
            duration_minutes: b.duration_minutes.map(|n| n.to_string()),
            building_id: b.building_id.map(|n| n.to_string()),
            people_reached: b.people_reached.map(|n| n.to_string()),
            note: b.note,
        }
    }
}

/// The office's entries matching the filters, newest first.
#[utoipa::path(get, path = "/api/v1/journal", tag = "journal",
    params(JournalQuery),
    responses((status = 200, body = Paginated<JournalEntry>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[get("/journal")]
pub async fn api_list_journal(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<JournalQuery>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ReadJournal)?;
    let filter = query.filter(user.id)?;
    let (office, page, per_page) = (user.office_id, query.page(), query.per_page());
    let (lines, totals) = state
        .db(move |c| {
            let lines = store::list(c, office, &filter, (page - 1) * per_page, per_page)?;
            Ok((lines, store::totals(c, office, &filter)?))
        })
        .await?;
    Ok(HttpResponse::Ok().json(Paginated {
        items: lines.into_iter().map(|l| l.entry).collect::<Vec<_>>(),
        total: totals.entries,
        page,
        per_page,
    }))
}

#[utoipa::path(post, path = "/api/v1/journal", tag = "journal",
    request_body = JournalBody,
    responses((status = 201, body = JournalEntry),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[post("/journal")]
pub async fn api_create_journal_entry(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Json<JournalBody>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::WriteJournal)?;
    let data = JournalInput::from(body.into_inner()).validate(super::today())?;
    let (office, author) = (user.office_id, user.id);
    let entry = state
        .db_tx(move |c| {
            let id = super::record(c, office, author, &data)?;
            store::find(c, office, id)
        })
        .await?;
    Ok(HttpResponse::Created().json(entry))
}

#[utoipa::path(get, path = "/api/v1/journal/{id}", tag = "journal",
    params(("id" = i64, Path)),
    responses((status = 200, body = JournalEntry),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
#[get("/journal/{id:\\d+}")]
pub async fn api_show_journal_entry(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ReadJournal)?;
    let (office, id) = (user.office_id, path.into_inner());
    Ok(HttpResponse::Ok().json(state.db(move |c| store::find(c, office, id)).await?))
}

/// Replaces a manual entry: its author or an administrator only (403), never one written by
/// a capability (409).
#[utoipa::path(put, path = "/api/v1/journal/{id}", tag = "journal",
    params(("id" = i64, Path)), request_body = JournalBody,
    responses((status = 200, body = JournalEntry),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[put("/journal/{id:\\d+}")]
pub async fn api_update_journal_entry(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Json<JournalBody>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::WriteJournal)?;
    let (office, id, me) = (user.office_id, path.into_inner(), actor(&user));
    // Not found, forbidden or not manual is said before any message about the fields.
    state
        .db(move |c| store::authorize_change(&store::find(c, office, id)?, me))
        .await?;
    let data = JournalInput::from(body.into_inner()).validate(super::today())?;
    let entry = state
        .db_tx(move |c| {
            store::update(c, office, id, me, &data)?;
            store::find(c, office, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(entry))
}

#[utoipa::path(delete, path = "/api/v1/journal/{id}", tag = "journal",
    params(("id" = i64, Path)),
    responses((status = 204),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json")))]
#[delete("/journal/{id:\\d+}")]
pub async fn api_delete_journal_entry(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::WriteJournal)?;
    let (office, id, me) = (user.office_id, path.into_inner(), actor(&user));
    state
        .db_tx(move |c| store::delete(c, office, id, me))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
