//! A request's page: what it is, where it stands, its steps and comments (internal ones only for
//! those who handle requests), photos, linked reports; and the forms for the steps allowed from its
//! status, comments, links and photos. Every change form carries the version it was read at.

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use crate::access::log::{self, Channel, RecordKind};
use crate::access::{Actor, Caller};
use crate::db::DbConnection;
use crate::domain::ids::{PhotoId, RequestId};
use crate::domain::roles::{Action, Audience};
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::i18n::{t, Lang};
use crate::requests::input::StepForm;
use crate::requests::queries::{self, Event, Names, Spot};
use crate::requests::sight::Sight;
use crate::requests::{photos, EventKind, Request, Status, Step};
use crate::state::AppState;
use crate::web::{format, render_status, Choice, Page};

#[derive(Serialize)]
struct EventView {
    when: String,
    who: String,
    text: String,
    body: String,
    /// Empty for what the tenant reads; else who reads it ("staff notes", "ISC notes").
    audience: String,
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
    /// The comment form is offered (not on a building-level issue a committee member did not
    /// record).
    may_comment: bool,
    /// Who a comment may be for, for those who handle requests.
    audiences: Vec<Choice>,
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
    sight: Sight,
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
            actor,
            Spot {
                building_id: r.building_id,
                category_id: r.category_id,
                except: Some(r.id),
            },
        )?,
        false => Vec::new(),
    };
    let sight = Sight::of(actor, &r);
    let photos = match sight.photos() {
        true => queries::photo_ids(conn, r.id)?,
        false => Vec::new(),
    };
    if r.is_personal() {
        log::read_one(conn, actor, Channel::Page, RecordKind::Request, r.id)?;
    }
    Ok(Detail {
        names: queries::names(conn, &r)?,
        events: queries::events(conn, r.id, actor.role.audiences(), sight.comments())?,
        photos,
        sight,
        request: sight.redact(r),
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
        audience: match e.audience {
            Audience::Tenant => String::new(),
            a => t(lang, &format!("request-audience-{a}")),
        },
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

/// The audiences the actor may write a comment for, staff notes chosen.
fn audience_choices(actor: &Actor) -> Vec<Choice> {
    let lang = actor.lang;
    actor
        .role
        .audiences()
        .iter()
        .map(|a| {
            Choice::new(
                a.as_str(),
                t(lang, &format!("request-audience-choice-{a}")),
                *a == Audience::Staff,
            )
        })
        .collect()
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
        department: d.names.department.filter(|_| handles),
        urgency: t(lang, &r.urgency.label_key()),
        status: t(lang, &r.status.label_key()),
        created: format::datetime(lang, r.created_at),
        due: format::datetime(lang, r.due_at),
        late: r.is_late(crate::db::now()),
        referral: !r.referral_resource.is_empty(),
        events: d.events.into_iter().map(|e| event_view(lang, e)).collect(),
        can_add_photos: d.sight.photos() && d.photos.len() < photos::MAX_PHOTOS,
        may_comment: d.sight.may_comment(),
        audiences: match handles {
            true => audience_choices(actor),
            false => Vec::new(),
        },
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
