//! A request's page: what it is, where it stands, its steps and comments (internal ones only for
//! those who handle requests), photos, linked reports; and the forms for the steps allowed from its
//! status, comments, links and photos. Every change form carries the version it was read at.

use std::collections::BTreeMap;

use actix_multipart::Multipart;
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use serde::Serialize;

use super::mail::{category_label, status_label, MailParts};
use super::service::{self, CommentInput, LinkInput, StepInput};
use super::{photos, store, Request, Status, Step, Viewer};
use crate::domain::roles::Action;
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::i18n::t;
use crate::state::AppState;
use crate::web::{format, redirect, render_status, CsrfForm, CurrentUser, Page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(show_request)
        .service(step_request)
        .service(comment_request)
        .service(link_request)
        .service(add_photos);
}

#[derive(Serialize)]
struct EventView {
    when: String,
    who: String,
    text: String,
    body: String,
    internal: bool,
}

#[derive(Serialize)]
struct Related {
    id: i64,
    status: String,
    description: String,
}

#[derive(Serialize)]
struct StepChoice {
    value: &'static str,
    label: String,
}

#[derive(Serialize)]
struct ShowPage {
    request: Request,
    building: String,
    dwelling: Option<String>,
    tenant: Option<String>,
    category: String,
    department: Option<String>,
    urgency: String,
    status: String,
    created: String,
    due: String,
    late: bool,
    referral: bool,
    events: Vec<EventView>,
    photos: Vec<i64>,
    can_add_photos: bool,
    parent: Option<Related>,
    children: Vec<Related>,
    candidates: Vec<Related>,
    handles: bool,
    steps: Vec<StepChoice>,
    /// Which form the errors belong to: step, comment, link or photos.
    error_form: String,
    errors: BTreeMap<String, String>,
    form: StepInput,
}

fn related(lang: crate::i18n::Lang, r: &Request) -> Related {
    Related {
        id: r.id,
        status: status_label(lang, r.status()),
        description: r.description.chars().take(120).collect(),
    }
}

#[allow(clippy::too_many_arguments)]
async fn render_page(
    state: &AppState,
    session: &Session,
    user: &CurrentUser,
    id: i64,
    status: StatusCode,
    error_form: &str,
    errors: &FieldErrors,
    form: StepInput,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ReadRequests)?;
    let u = user.clone();
    let (v, r, names, events, photos, parent, children, candidates) = state
        .db(move |c| {
            let v = Viewer::load(c, &u)?;
            let r = store::find(c, &v, id)?;
            let names = store::names(c, &r)?;
            let events = store::events(c, r.id, v.handles())?;
            let photos = store::photos(c, r.id)?;
            let parent = match r.parent_id {
                Some(p) => store::find(c, &v, p).ok(),
                None => None,
            };
            let children = if v.handles() {
                store::children(c, r.id)?
            } else {
                Vec::new()
            };
            let candidates = if v.handles() && r.parent_id.is_none() && children.is_empty() {
                store::similar_open(c, v.office_id, r.building_id, r.category_id, Some(r.id))?
            } else {
                Vec::new()
            };
            Ok((v, r, names, events, photos, parent, children, candidates))
        })
        .await?;
    let lang = user.lang;
    let now = crate::db::now();
    let events = events
        .into_iter()
        .map(|e| {
            let text = match (e.kind.as_str(), Status::parse(&e.to_status)) {
                ("step", Some(s)) | ("followup_no", Some(s)) => {
                    format!(
                        "{} {}",
                        t(lang, &format!("request-event-{}", e.kind)),
                        status_label(lang, s)
                    )
                }
                (kind, _) => t(lang, &format!("request-event-{kind}")),
            };
            EventView {
                when: format::datetime(lang, e.created_at),
                who: e.author.unwrap_or_else(|| t(lang, "request-event-tenant")),
                text,
                body: e.body,
                internal: !e.visible_to_tenant,
            }
        })
        .collect();
    let steps = if v.handles() {
        Step::allowed_from(r.status())
            .into_iter()
            .map(|s| StepChoice {
                value: s.as_str(),
                label: t(lang, &format!("request-step-{}", s.as_str())),
            })
            .collect()
    } else {
        Vec::new()
    };
    let page = ShowPage {
        building: names.building,
        dwelling: names.dwelling,
        tenant: if v.handles() { names.tenant } else { None },
        category: category_label(lang, &names.category_code, &names.category_name),
        department: names.department,
        urgency: t(lang, &format!("request-urgency-{}", r.urgency)),
        status: status_label(lang, r.status()),
        created: format::datetime(lang, r.created_at),
        due: format::datetime(lang, r.due_at),
        late: r.is_late(now),
        referral: !r.referral_resource.is_empty(),
        events,
        can_add_photos: photos.len() < photos::MAX_PHOTOS,
        photos: photos.into_iter().map(|(id, _, _)| id).collect(),
        parent: parent.as_ref().map(|p| related(lang, p)),
        children: children.iter().map(|c| related(lang, c)).collect(),
        candidates: candidates.iter().map(|c| related(lang, c)).collect(),
        handles: v.handles(),
        steps,
        error_form: error_form.to_owned(),
        errors: errors.translated(lang),
        form,
        request: r,
    };
    let ctx = Page::new(session, user, "request-title", "requests", page);
    render_status(state, status, "requests/show", &ctx)
}

#[get("/requests/{id:\\d+}")]
async fn show_request(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let none = FieldErrors::new();
    let id = path.into_inner();
    render_page(
        &state,
        &session,
        &user,
        id,
        StatusCode::OK,
        "",
        &none,
        StepInput::default(),
    )
    .await
}

/// Redirects to the request after a change, or re-renders it with the form's messages (422) or the
/// stale-version message (409).
#[allow(clippy::too_many_arguments)]
async fn after(
    state: &AppState,
    session: &Session,
    user: &CurrentUser,
    id: i64,
    which: &str,
    form: StepInput,
    result: Result<(), AppError>,
    flash: &str,
) -> Result<HttpResponse, AppError> {
    match result {
        Ok(()) => Ok(redirect(session, &format!("/requests/{id}"), Some(flash))),
        Err(AppError::Validation(errors)) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            render_page(state, session, user, id, status, which, &errors, form).await
        }
        Err(AppError::Conflict(key)) => {
            let mut errors = FieldErrors::new();
            errors.add("version", key);
            render_page(
                state,
                session,
                user,
                id,
                StatusCode::CONFLICT,
                which,
                &errors,
                form,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

#[post("/requests/{id:\\d+}/step")]
async fn step_request(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(input): CsrfForm<StepInput>,
) -> Result<HttpResponse, AppError> {
    let (id, u, i, parts) = (
        path.into_inner(),
        user.clone(),
        input.clone(),
        MailParts::of(&state),
    );
    let result = state
        .db_tx(move |c| {
            let v = Viewer::load(c, &u)?;
            service::take_step(c, &parts.mailer(), &v, id, &i, crate::db::now())
        })
        .await;
    after(
        &state,
        &session,
        &user,
        id,
        "step",
        input,
        result,
        "request-flash-step",
    )
    .await
}

#[post("/requests/{id:\\d+}/comments")]
async fn comment_request(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(input): CsrfForm<CommentInput>,
) -> Result<HttpResponse, AppError> {
    let (id, u, parts) = (path.into_inner(), user.clone(), MailParts::of(&state));
    let result = state
        .db_tx(move |c| {
            let v = Viewer::load(c, &u)?;
            service::comment(c, &parts.mailer(), &v, id, &input, crate::db::now())
        })
        .await;
    let form = StepInput::default();
    after(
        &state,
        &session,
        &user,
        id,
        "comment",
        form,
        result,
        "request-flash-comment",
    )
    .await
}

#[post("/requests/{id:\\d+}/link")]
async fn link_request(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(input): CsrfForm<LinkInput>,
) -> Result<HttpResponse, AppError> {
    let (id, u) = (path.into_inner(), user.clone());
    let result = state
        .db_tx(move |c| {
            let v = Viewer::load(c, &u)?;
            service::link(c, &v, id, &input, crate::db::now())
        })
        .await;
    let form = StepInput::default();
    after(
        &state,
        &session,
        &user,
        id,
        "link",
        form,
        result,
        "request-flash-linked",
    )
    .await
}

#[post("/requests/{id:\\d+}/photos")]
async fn add_photos(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
    body: Multipart,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let form =
        photos::read_page_form(body, state.settings.uploads.max_photo_bytes, &session).await?;
    let result = photos::add(&state, &user, id, form.files).await.map(|_| ());
    let form = StepInput::default();
    after(
        &state,
        &session,
        &user,
        id,
        "photos",
        form,
        result,
        "request-flash-photos",
    )
    .await
}
