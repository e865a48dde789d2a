//! A request's page: what it is, where it stands, its steps and comments (internal ones only for
//! those who handle requests), photos, linked reports; and the forms for the steps allowed from its
//! status, comments, links and photos. Every change form carries the version it was read at.

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use crate::access::{Actor, Caller};
use crate::db::DbConnection;
use crate::domain::ids::{PhotoId, RequestId};
use crate::domain::roles::Action;
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::i18n::{t, Lang};
use crate::requests::input::StepForm;
use crate::requests::queries::{self, Event, Names, Spot};
use crate::requests::{photos, EventKind, Request, Status, Step};
use crate::state::AppState;
use crate::web::{format, render_status, Page};

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
    id: RequestId,
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
    photos: Vec<PhotoId>,
    can_add_photos: bool,
    parent: Option<Related>,
    children: Vec<Related>,
    candidates: Vec<Related>,
    handles: bool,
    steps: Vec<StepChoice>,
    /// Which form the errors belong to: step, comment, link or photos.
    error_form: &'static str,
    errors: BTreeMap<String, String>,
    form: StepForm,
}

/// Everything a request's page shows, read in one call.
struct Detail {
    request: Request,
    names: Names,
    events: Vec<Event>,
    photos: Vec<PhotoId>,
    parent: Option<Request>,
    children: Vec<Request>,
    candidates: Vec<Request>,
}

fn detail(conn: &mut DbConnection, actor: &Actor, id: RequestId) -> Result<Detail, AppError> {
    actor.require(Action::ReadRequests)?;
    let handles = actor.can(Action::HandleRequests);
    let r = queries::find(conn, actor, id)?;
    let parent = match r.parent_id {
        Some(p) => queries::find(conn, actor, p).ok(),
        None => None,
    };
    let children = match handles {
        true => queries::children(conn, r.id)?,
        false => Vec::new(),
    };
    let candidates = match handles && r.parent_id.is_none() && children.is_empty() {
        true => queries::similar_open(
            conn,
            Spot {
                office_id: r.office_id,
                building_id: r.building_id,
                category_id: r.category_id,
                except: Some(r.id),
            },
        )?,
        false => Vec::new(),
    };
    Ok(Detail {
        names: queries::names(conn, &r)?,
        events: queries::events(conn, r.id, handles)?,
        photos: queries::photo_ids(conn, r.id)?,
        request: r,
        parent,
        children,
        candidates,
    })
}

fn related(lang: Lang, r: &Request) -> Related {
    Related {
        id: r.id,
        status: t(lang, &r.status.label_key()),
        description: r.description.chars().take(120).collect(),
    }
}

fn event_view(lang: Lang, e: Event) -> EventView {
    let kind = format!("request-event-{}", e.kind);
    let text = match (e.kind, Status::parse(&e.to_status)) {
        (EventKind::Step | EventKind::FollowupNo, Some(s)) => {
            format!("{} {}", t(lang, &kind), t(lang, &s.label_key()))
        }
        _ => t(lang, &kind),
    };
    EventView {
        when: format::datetime(lang, e.created_at),
        who: e.author.unwrap_or_else(|| t(lang, "request-event-tenant")),
        text,
        body: e.body,
        internal: !e.visible_to_tenant,
    }
}

/// What the page shows besides the request: the messages of the form that failed, if any.
pub struct Shown {
    pub status: StatusCode,
    /// step, comment, link or photos.
    pub error_form: &'static str,
    pub errors: FieldErrors,
    /// The step form as submitted.
    pub form: StepForm,
}

fn page(actor: &Actor, d: Detail, shown: Shown) -> ShowPage {
    let (lang, handles, r) = (actor.lang, actor.can(Action::HandleRequests), d.request);
    let steps = match handles {
        true => Step::allowed_from(r.status)
            .into_iter()
            .map(|s| StepChoice {
                value: s.as_str(),
                label: t(lang, &s.label_key()),
            })
            .collect(),
        false => Vec::new(),
    };
    ShowPage {
        category: d.names.category(lang),
        building: d.names.building,
        dwelling: d.names.dwelling,
        tenant: d.names.tenant.filter(|_| handles),
        department: d.names.department,
        urgency: t(lang, &r.urgency.label_key()),
        status: t(lang, &r.status.label_key()),
        created: format::datetime(lang, r.created_at),
        due: format::datetime(lang, r.due_at),
        late: r.is_late(crate::db::now()),
        referral: !r.referral_resource.is_empty(),
        events: d.events.into_iter().map(|e| event_view(lang, e)).collect(),
        can_add_photos: d.photos.len() < photos::MAX_PHOTOS,
        photos: d.photos,
        parent: d.parent.as_ref().map(|p| related(lang, p)),
        children: d.children.iter().map(|c| related(lang, c)).collect(),
        candidates: d.candidates.iter().map(|c| related(lang, c)).collect(),
        handles,
        steps,
        error_form: shown.error_form,
        errors: shown.errors.translated(lang),
        form: shown.form,
        request: r,
    }
}

/// Reads request `id` and renders its page with `shown`.
pub async fn show(
    state: &AppState,
    caller: Caller,
    session: &Session,
    id: RequestId,
    shown: Shown,
) -> Result<HttpResponse, AppError> {
    let (actor, d) = state
        .read(caller, move |c, actor| detail(c, actor, id))
        .await?;
    let status = shown.status;
    let ctx = Page::of(
        session,
        &actor,
        "request-title",
        "requests",
        page(&actor, d, shown),
    );
    render_status(state, status, "requests/show", &ctx)
}

pub async fn show_request(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<RequestId>,
) -> Result<HttpResponse, AppError> {
    let shown = Shown {
        status: StatusCode::OK,
        error_form: "",
        errors: FieldErrors::new(),
        form: StepForm::default(),
    };
    show(&state, caller, &session, path.into_inner(), shown).await
}
