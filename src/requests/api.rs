//! `/api/v1/requests`: requests in JSON, with the same scope, rules and messages as the pages.
//! Every change sends the `version` it read; a stale one answers 409 and changes nothing.

use actix_multipart::Multipart;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use super::input::{CommentBody, LinkBody, RequestBody, RequestQuery, StepBody};
use super::queries::{self, Event};
use super::sight::Sight;
use super::{photos, service, EventKind, Request};
use crate::access::log::{self, Channel, RecordKind};
use crate::access::{Actor, Caller};
use crate::db::DbConnection;
use crate::domain::ids::{PhotoId, RequestId};
use crate::domain::roles::Action;
use crate::error::{AppError, Problem};
use crate::state::AppState;
use crate::web::pagination::Paged;

/// A request with its photos' ids.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RequestDetail {
    #[serde(flatten)]
    pub request: Request,
    pub photo_ids: Vec<PhotoId>,
    /// The requests linked under this one.
    pub children: Vec<RequestId>,
}

fn detail(
    conn: &mut DbConnection,
    actor: &Actor,
    id: RequestId,
) -> Result<RequestDetail, AppError> {
    let request = queries::find(conn, actor, id)?;
    let sight = Sight::of(actor, &request);
    if request.is_personal() {
        log::read_one(conn, actor, Channel::Api, RecordKind::Request, id)?;
    }
    Ok(RequestDetail {
        photo_ids: match sight.photos() {
            true => queries::photo_ids(conn, id)?,
            false => Vec::new(),
        },
        children: match sight {
            Sight::Handler => queries::children(conn, id)?
                .into_iter()
                .map(|r| r.id)
                .collect(),
            _ => Vec::new(),
        },
        request: sight.redact(request),
    })
}

/// The request's comments (or, `comments` false, its other events), those of the audiences the
/// actor reads; no comments of a building-level issue for a committee member who did not record
/// it.
fn events_of(
    conn: &mut DbConnection,
    actor: &Actor,
    id: RequestId,
    comments: bool,
) -> Result<Vec<Event>, AppError> {
    let r = queries::find(conn, actor, id)?;
    let thread = Sight::of(actor, &r).comments();
    let all = queries::events(conn, r.id, actor.role.audiences(), thread)?;
    Ok(all
        .into_iter()
        .filter(|e| (e.kind == EventKind::Comment) == comments)
        .collect())
}

/// The requests the caller may see, matching the filters, newest first.
#[utoipa::path(get, path = "/api/v1/requests", tag = "requests",
    params(RequestQuery),
    responses((status = 200, body = Paged<Request>),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn api_list_requests(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<RequestQuery>,
) -> Result<HttpResponse, AppError> {
    let (query, now) = (query.into_inner(), crate::db::now());
    let (_, paged) = state
        .read(caller, move |c, actor| {
            actor.require(Action::ReadRequests)?;
            let paged = queries::list(c, actor, &query.filter()?, now, query.pagination())?;
            queries::log_lines(c, actor, Channel::Api, &paged.items)?;
            Ok(paged.map(|line| {
                let sight = Sight::of(actor, &line.request);
                sight.redact(line.request)
            }))
        })
        .await?;
    Ok(HttpResponse::Ok().json(paged))
}

#[utoipa::path(post, path = "/api/v1/requests", tag = "requests",
    request_body = RequestBody,
    responses((status = 201, body = RequestDetail),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn api_create_request(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<RequestBody>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let (_, created) = state
        .write(caller, move |c, actor| {
            actor.require(Action::ReadRequests)?;
            let data = body.parse(service::own_home(actor))?;
            let id = service::create(c, actor, &data, crate::db::now())?;
            detail(c, actor, id)
        })
        .await?;
    Ok(HttpResponse::Created().json(created))
}

#[utoipa::path(get, path = "/api/v1/requests/{id}", tag = "requests",
    params(("id" = i64, Path)),
    responses((status = 200, body = RequestDetail),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn api_show_request(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<RequestId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (_, shown) = state
        .read(caller, move |c, actor| {
            actor.require(Action::ReadRequests)?;
            detail(c, actor, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(shown))
}

/// The request's steps (recording, status changes, links, follow-up answers), oldest first.
#[utoipa::path(get, path = "/api/v1/requests/{id}/steps", tag = "requests",
    params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Event>),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn api_request_steps(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<RequestId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (_, steps) = state
        .read(caller, move |c, actor| events_of(c, actor, id, false))
        .await?;
    Ok(HttpResponse::Ok().json(steps))
}

/// Takes a step allowed from the request's status; 409 when `version` is stale.
#[utoipa::path(post, path = "/api/v1/requests/{id}/steps", tag = "requests",
    params(("id" = i64, Path)), request_body = StepBody,
    responses((status = 200, body = RequestDetail),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn api_take_step(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<RequestId>,
    body: web::Json<StepBody>,
) -> Result<HttpResponse, AppError> {
    let (id, body, mail) = (path.into_inner(), body.into_inner(), state.mail.clone());
    let (_, moved) = state
        .write(caller, move |c, actor| {
            let r = service::find_handled(c, actor, id)?;
            service::take_step(c, &mail, actor, &r, &body.parse()?, crate::db::now())?;
            detail(c, actor, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(moved))
}

#[utoipa::path(get, path = "/api/v1/requests/{id}/comments", tag = "requests",
    params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Event>),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn api_request_comments(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<RequestId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (_, comments) = state
        .read(caller, move |c, actor| events_of(c, actor, id, true))
        .await?;
    Ok(HttpResponse::Ok().json(comments))
}

#[utoipa::path(post, path = "/api/v1/requests/{id}/comments", tag = "requests",
    params(("id" = i64, Path)), request_body = CommentBody,
    responses((status = 201, body = Vec<Event>),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn api_add_comment(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<RequestId>,
    body: web::Json<CommentBody>,
) -> Result<HttpResponse, AppError> {
    let (id, body, mail) = (path.into_inner(), body.into_inner(), state.mail.clone());
    let (_, comments) = state
        .write(caller, move |c, actor| {
            let r = queries::find(c, actor, id)?;
            service::comment(c, &mail, actor, &r, &body.parse()?, crate::db::now())?;
            events_of(c, actor, id, true)
        })
        .await?;
    Ok(HttpResponse::Created().json(comments))
}

#[utoipa::path(post, path = "/api/v1/requests/{id}/link", tag = "requests",
    params(("id" = i64, Path)), request_body = LinkBody,
    responses((status = 200, body = RequestDetail),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn api_link_request(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<RequestId>,
    body: web::Json<LinkBody>,
) -> Result<HttpResponse, AppError> {
    let (id, body) = (path.into_inner(), body.into_inner());
    let (_, linked) = state
        .write(caller, move |c, actor| {
            let r = service::find_handled(c, actor, id)?;
            service::link(c, actor, &r, &body.parse()?, crate::db::now())?;
            detail(c, actor, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(linked))
}

/// Adds photos (multipart field `photos`, JPEG/PNG/WebP, at most 5 per request).
#[utoipa::path(post, path = "/api/v1/requests/{id}/photos", tag = "requests",
    params(("id" = i64, Path)),
    request_body(content_type = "multipart/form-data", content = Vec<u8>),
    responses((status = 201, body = RequestDetail),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn api_upload_photos(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<RequestId>,
    body: Multipart,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let form = photos::read_form(body, state.settings.uploads.max_photo_bytes).await?;
    let then = move |c: &mut DbConnection, actor: &Actor| detail(c, actor, id);
    let (_, added) = photos::add(&state, caller, id, form.files, then).await?;
    Ok(HttpResponse::Created().json(added))
}

#[utoipa::path(get, path = "/api/v1/requests/{id}/photos/{photo_id}", tag = "requests",
    params(("id" = i64, Path), ("photo_id" = i64, Path)),
    responses((status = 200, content_type = "image/*", body = Vec<u8>),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn api_download_photo(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(RequestId, PhotoId)>,
) -> Result<HttpResponse, AppError> {
    let (id, photo) = path.into_inner();
    photos::load(&state, caller, id, photo).await
}
