//! `/api/v1/requests`: requests in JSON, with the same scope, rules and messages as the pages. Every
//! change sends the `version` it read; a stale one answers 409 and changes nothing.

use actix_multipart::Multipart;
use actix_web::{get, post, web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::mail::MailParts;
use super::service::{self, CommentInput, LinkInput, RequestInput, StepInput};
use super::store::{self, Event};
use super::{photos, Request, RequestQuery, Viewer};
use crate::api::Paginated;
use crate::domain::roles::Action;
use crate::error::{AppError, Problem};
use crate::state::AppState;
use crate::web::CurrentUser;

/// The OpenAPI paths of this module.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    api_list_requests,
    api_create_request,
    api_show_request,
    api_request_steps,
    api_take_step,
    api_request_comments,
    api_add_comment,
    api_link_request,
    api_upload_photos,
    api_download_photo
))]
pub struct Doc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(api_list_requests)
        .service(api_create_request)
        .service(api_show_request)
        .service(api_request_steps)
        .service(api_take_step)
        .service(api_request_comments)
        .service(api_add_comment)
        .service(api_link_request)
        .service(api_upload_photos)
        .service(api_download_photo);
}

/// A request to record.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct RequestBody {
    /// A building of the office (ignored for a tenant account: their own home).
    pub building_id: Option<i64>,
    pub dwelling_id: Option<i64>,
    pub tenant_id: Option<i64>,
    pub category_id: Option<i64>,
    /// low, normal (default) or urgent
    pub urgency: Option<String>,
    pub description: Option<String>,
    /// An open request of the same building to link this one under.
    pub parent_id: Option<i64>,
}

fn s(v: Option<i64>) -> Option<String> {
    v.map(|n| n.to_string())
}

impl From<RequestBody> for RequestInput {
    fn from(b: RequestBody) -> Self {
        RequestInput {
            building_id: s(b.building_id),
            dwelling_id: s(b.dwelling_id),
            tenant_id: s(b.tenant_id),
            category_id: s(b.category_id),
            urgency: b.urgency,
            description: b.description,
            parent_id: s(b.parent_id),
        }
    }
}

/// A lifecycle step.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct StepBody {
    /// The request's version as read.
    pub version: Option<i64>,
    /// route, start, wait, resolve, close, close_not_ours, reopen
    pub step: Option<String>,
    pub comment: Option<String>,
    /// The comment is visible to the tenant.
    #[serde(default)]
    pub visible: bool,
    /// For close_not_ours: the outside resource, its contact, what the tenant was told.
    pub referral_resource: Option<String>,
    pub referral_contact: Option<String>,
    pub referral_told: Option<String>,
}

/// A comment.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct CommentBody {
    pub body: Option<String>,
    /// Visible to the tenant (always, for tenants and committee members).
    #[serde(default)]
    pub visible: bool,
}

/// A link under a building-level request (`parent_id` null: unlink).
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct LinkBody {
    pub version: Option<i64>,
    pub parent_id: Option<i64>,
}

/// A request with its photos' ids.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RequestDetail {
    #[serde(flatten)]
    pub request: Request,
    pub photo_ids: Vec<i64>,
    /// The requests linked under this one.
    pub children: Vec<i64>,
}

fn checkbox(v: bool) -> Option<String> {
    v.then(|| "on".to_owned())
}

async fn detail(state: &AppState, user: &CurrentUser, id: i64) -> Result<RequestDetail, AppError> {
    let u = user.clone();
    state
        .db(move |c| {
            let v = Viewer::load(c, &u)?;
            let request = store::find(c, &v, id)?;
            let photo_ids = store::photos(c, id)?.into_iter().map(|p| p.0).collect();
            let children = store::children(c, id)?.into_iter().map(|r| r.id).collect();
            Ok(RequestDetail {
                request,
                photo_ids,
                children,
            })
        })
        .await
}

/// The requests the caller may see, matching the filters, newest first.
#[utoipa::path(get, path = "/api/v1/requests", tag = "requests",
    params(RequestQuery),
    responses((status = 200, body = Paginated<Request>),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[get("/requests")]
pub async fn api_list_requests(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<RequestQuery>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ReadRequests)?;
    let filter = query.filter()?;
    let (page, per_page, now, u) = (
        query.page(),
        query.per_page(),
        crate::db::now(),
        user.clone(),
    );
    let (items, total) = state
        .db(move |c| {
            let v = Viewer::load(c, &u)?;
            let lines = store::list(c, &v, &filter, now, (page - 1) * per_page, per_page)?;
            Ok((lines, store::count(c, &v, &filter, now)?))
        })
        .await?;
    Ok(HttpResponse::Ok().json(Paginated {
        items: items.into_iter().map(|l| l.request).collect::<Vec<_>>(),
        total,
        page,
        per_page,
    }))
}

#[utoipa::path(post, path = "/api/v1/requests", tag = "requests",
    request_body = RequestBody,
    responses((status = 201, body = RequestDetail),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[post("/requests")]
pub async fn api_create_request(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Json<RequestBody>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ReadRequests)?;
    let (u, input) = (user.clone(), RequestInput::from(body.into_inner()));
    let id = state
        .db_tx(move |c| {
            let v = Viewer::load(c, &u)?;
            service::create(c, &v, &input, crate::db::now())
        })
        .await?;
    Ok(HttpResponse::Created().json(detail(&state, &user, id).await?))
}

#[utoipa::path(get, path = "/api/v1/requests/{id}", tag = "requests",
    params(("id" = i64, Path)),
    responses((status = 200, body = RequestDetail),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
#[get("/requests/{id:\\d+}")]
pub async fn api_show_request(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ReadRequests)?;
    Ok(HttpResponse::Ok().json(detail(&state, &user, path.into_inner()).await?))
}

/// The request's events of `kinds`, internal ones only for those who handle requests.
async fn events(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    comments: bool,
) -> Result<Vec<Event>, AppError> {
    let u = user.clone();
    state
        .db(move |c| {
            let v = Viewer::load(c, &u)?;
            store::find(c, &v, id)?;
            let all = store::events(c, id, v.handles())?;
            Ok(all
                .into_iter()
                .filter(|e| (e.kind == "comment") == comments)
                .collect())
        })
        .await
}

/// The request's steps (recording, status changes, links, follow-up answers), oldest first.
#[utoipa::path(get, path = "/api/v1/requests/{id}/steps", tag = "requests",
    params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Event>),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
#[get("/requests/{id:\\d+}/steps")]
pub async fn api_request_steps(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    Ok(HttpResponse::Ok().json(events(&state, &user, path.into_inner(), false).await?))
}

/// Takes a step allowed from the request's status; 409 when `version` is stale.
#[utoipa::path(post, path = "/api/v1/requests/{id}/steps", tag = "requests",
    params(("id" = i64, Path)), request_body = StepBody,
    responses((status = 200, body = RequestDetail),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[post("/requests/{id:\\d+}/steps")]
pub async fn api_take_step(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Json<StepBody>,
) -> Result<HttpResponse, AppError> {
    let b = body.into_inner();
    let input = StepInput {
        version: s(b.version),
        step: b.step,
        comment: b.comment,
        visible: checkbox(b.visible),
        referral_resource: b.referral_resource,
        referral_contact: b.referral_contact,
        referral_told: b.referral_told,
    };
    let (id, u, parts) = (path.into_inner(), user.clone(), MailParts::of(&state));
    state
        .db_tx(move |c| {
            let v = Viewer::load(c, &u)?;
            service::take_step(c, &parts.mailer(), &v, id, &input, crate::db::now())
        })
        .await?;
    Ok(HttpResponse::Ok().json(detail(&state, &user, id).await?))
}

#[utoipa::path(get, path = "/api/v1/requests/{id}/comments", tag = "requests",
    params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Event>),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
#[get("/requests/{id:\\d+}/comments")]
pub async fn api_request_comments(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    Ok(HttpResponse::Ok().json(events(&state, &user, path.into_inner(), true).await?))
}

#[utoipa::path(post, path = "/api/v1/requests/{id}/comments", tag = "requests",
    params(("id" = i64, Path)), request_body = CommentBody,
    responses((status = 201, body = Vec<Event>),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[post("/requests/{id:\\d+}/comments")]
pub async fn api_add_comment(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Json<CommentBody>,
) -> Result<HttpResponse, AppError> {
    let b = body.into_inner();
    let input = CommentInput {
        body: b.body,
        visible: checkbox(b.visible),
    };
    let (id, u, parts) = (path.into_inner(), user.clone(), MailParts::of(&state));
    state
        .db_tx(move |c| {
            let v = Viewer::load(c, &u)?;
            service::comment(c, &parts.mailer(), &v, id, &input, crate::db::now())
        })
        .await?;
    Ok(HttpResponse::Created().json(events(&state, &user, id, true).await?))
}

#[utoipa::path(post, path = "/api/v1/requests/{id}/link", tag = "requests",
    params(("id" = i64, Path)), request_body = LinkBody,
    responses((status = 200, body = RequestDetail),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[post("/requests/{id:\\d+}/link")]
pub async fn api_link_request(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Json<LinkBody>,
) -> Result<HttpResponse, AppError> {
    let b = body.into_inner();
    let input = LinkInput {
        version: s(b.version),
        parent_id: s(b.parent_id),
    };
    let (id, u) = (path.into_inner(), user.clone());
    state
        .db_tx(move |c| {
            let v = Viewer::load(c, &u)?;
            service::link(c, &v, id, &input, crate::db::now())
        })
        .await?;
    Ok(HttpResponse::Ok().json(detail(&state, &user, id).await?))
}

/// Adds photos (multipart field `photos`, JPEG/PNG/WebP, at most 5 per request).
#[utoipa::path(post, path = "/api/v1/requests/{id}/photos", tag = "requests",
    params(("id" = i64, Path)),
    request_body(content_type = "multipart/form-data", content = Vec<u8>),
    responses((status = 201, body = RequestDetail),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[post("/requests/{id:\\d+}/photos")]
pub async fn api_upload_photos(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: Multipart,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let form = photos::read_form(body, state.settings.uploads.max_photo_bytes).await?;
    photos::add(&state, &user, id, form.files).await?;
    Ok(HttpResponse::Created().json(detail(&state, &user, id).await?))
}

#[utoipa::path(get, path = "/api/v1/requests/{id}/photos/{photo_id}", tag = "requests",
    params(("id" = i64, Path), ("photo_id" = i64, Path)),
    responses((status = 200, content_type = "image/*", body = Vec<u8>),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
#[get("/requests/{id:\\d+}/photos/{photo:\\d+}")]
pub async fn api_download_photo(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (id, photo) = path.into_inner();
    photos::load(&state, &user, id, photo).await
}
