//! `/api/v1/journal`: the practice journal in JSON, with the same filters and rules as the pages.

use actix_web::{web, HttpResponse};

use super::{queries, service, EntryBody, JournalEntry, JournalQuery};
use crate::access::Caller;
use crate::domain::ids::JournalEntryId;
use crate::domain::roles::Action;
use crate::error::{AppError, Problem};
use crate::state::AppState;
use crate::web::format::today;
use crate::web::pagination::Paged;

/// The office's entries matching the filters, newest first.
#[utoipa::path(get, path = "/api/v1/journal", tag = "journal",
    params(JournalQuery),
    responses((status = 200, body = Paged<JournalEntry>),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn api_list_journal(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<JournalQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let (_, (paged, _)) = state
        .read(caller, move |c, actor| {
            actor.require(Action::ReadJournal)?;
            let filter = query.filter(actor.user_id)?;
            queries::list(c, actor, &filter, query.pagination())
        })
        .await?;
    Ok(HttpResponse::Ok().json(paged.map(|line| line.entry)))
}

#[utoipa::path(post, path = "/api/v1/journal", tag = "journal",
    request_body = EntryBody,
    responses((status = 201, body = JournalEntry),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn api_create_journal_entry(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<EntryBody>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let (_, entry) = state
        .write(caller, move |c, actor| {
            actor.require(Action::WriteJournal)?;
            let id = service::create(c, actor, &body.parse(today())?)?;
            queries::find(c, actor, id)
        })
        .await?;
    Ok(HttpResponse::Created().json(entry))
}

#[utoipa::path(get, path = "/api/v1/journal/{id}", tag = "journal",
    params(("id" = i64, Path)),
    responses((status = 200, body = JournalEntry),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn api_show_journal_entry(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<JournalEntryId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (_, entry) = state
        .read(caller, move |c, actor| {
            actor.require(Action::ReadJournal)?;
            queries::find(c, actor, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(entry))
}

/// Replaces a manual entry: its author or an administrator only (403), never one written by
/// a capability (409).
#[utoipa::path(put, path = "/api/v1/journal/{id}", tag = "journal",
    params(("id" = i64, Path)), request_body = EntryBody,
    responses((status = 200, body = JournalEntry),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn api_update_journal_entry(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<JournalEntryId>,
    body: web::Json<EntryBody>,
) -> Result<HttpResponse, AppError> {
    let (id, body) = (path.into_inner(), body.into_inner());
    let (_, entry) = state
        .write(caller, move |c, actor| {
            // Not found, forbidden or not manual is said before any message about the fields.
            service::find_changeable(c, actor, id)?;
            service::update(c, actor, id, &body.parse(today())?)?;
            queries::find(c, actor, id)
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
pub async fn api_delete_journal_entry(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<JournalEntryId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    state
        .write(caller, move |c, actor| service::delete(c, actor, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
