//! Recording a request: the form (multipart, for photos), and the proposal to link the new report
//! to an open request of the same building and category instead of answering the problem twice.

use std::collections::BTreeMap;

use actix_multipart::Multipart;
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use super::{category_choices, urgencies};
use crate::access::{Actor, Caller, Scope};
use crate::db::DbConnection;
use crate::domain::ids::{BuildingId, RequestId, TenantId};
use crate::domain::roles::{Action, Resource};
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::requests::categories::{self, Category};
use crate::requests::input::{Prefill, RequestForm};
use crate::requests::photos::{self, MultipartForm, Stored};
use crate::requests::queries::{self, Spot};
use crate::requests::{service, Request};
use crate::state::AppState;
use crate::web::choice::{choices, with_none, Choice};
use crate::web::{format, redirect, render_status, Page};

/// An open request the new one may be another report of.
#[derive(Serialize)]
struct Candidate {
    id: RequestId,
    created: String,
    description: String,
}

#[derive(Serialize)]
struct FormPage {
    form: RequestForm,
    errors: BTreeMap<String, String>,
    buildings: Vec<Choice>,
    categories: Vec<Choice>,
    urgencies: Vec<Choice>,
    /// Set for a tenant account: the request is about their own home.
    own_home: bool,
    /// Who the request is for, when opened from a tenant's page.
    tenant_name: Option<String>,
    candidates: Vec<Candidate>,
    photos_dropped: bool,
    max_photo_mb: usize,
}

/// What the form's selects offer.
struct Lists {
    buildings: Vec<(BuildingId, String)>,
    categories: Vec<Category>,
    tenant_name: Option<String>,
}

/// The buildings the actor may record a request for (none for a tenant: their own home), the
/// office's categories, and the name of the tenant the request is for.
fn form_lists(
    conn: &mut DbConnection,
    actor: &Actor,
    tenant: Option<TenantId>,
) -> Result<Lists, AppError> {
    let names = match service::own_home(actor) {
        true => Vec::new(),
        false => crate::registry::buildings::names(conn, actor)?,
    };
    let buildings = match actor.scope(Resource::Requests) {
        Scope::RecordedOrCollective {
            buildings: mine, ..
        } => names
            .into_iter()
            .filter(|(b, _)| mine.contains(b))
            .collect(),
        _ => names,
    };
    let tenant_name = match tenant {
        Some(t) => queries::tenant_name(conn, actor, t)?,
        None => None,
    };
    Ok(Lists {
        buildings,
        categories: categories::queries::list(conn, actor.office_id)?,
        tenant_name,
    })
}

/// What the form shows: the submission, its errors, and the open requests it may be one more of.
struct Shown {
    input: RequestForm,
    errors: FieldErrors,
    status: StatusCode,
    candidates: Vec<Request>,
    photos_dropped: bool,
}

fn render_form(
    state: &AppState,
    session: &Session,
    actor: &Actor,
    lists: Lists,
    shown: Shown,
) -> Result<HttpResponse, AppError> {
    let lang = actor.lang;
    let value = |o: &Option<String>| o.clone().unwrap_or_default();
    let choose = |options| with_none(lang, "request-choose", options);
    let form = shown.input;
    let urgency = form.urgency.clone().unwrap_or_else(|| "normal".into());
    let page = FormPage {
        buildings: choose(choices(lists.buildings, &[&value(&form.building_id)])),
        categories: choose(category_choices(
            lang,
            &lists.categories,
            &value(&form.category_id),
        )),
        urgencies: urgencies(lang, &urgency),
        own_home: service::own_home(actor),
        tenant_name: lists.tenant_name,
        errors: shown.errors.translated(lang),
        candidates: shown
            .candidates
            .into_iter()
            .map(|r| Candidate {
                id: r.id,
                created: format::datetime(lang, r.created_at),
                description: r.description.chars().take(200).collect(),
            })
            .collect(),
        photos_dropped: shown.photos_dropped,
        max_photo_mb: state.settings.uploads.max_photo_bytes.div_ceil(1 << 20),
        form,
    };
    let ctx = Page::of(session, actor, "request-new-title", "requests", page);
    render_status(state, shown.status, "requests/form", &ctx)
}

/// The tenant a submission names, if its value is an id.
fn tenant_of(form: &RequestForm) -> Option<TenantId> {
    form.tenant_id
        .as_deref()
        .and_then(|t| t.trim().parse().ok())
}

/// Shows the form again with `shown`'s messages (after the write was rolled back).
async fn redisplay(
    state: &AppState,
    caller: Caller,
    session: &Session,
    shown: Shown,
) -> Result<HttpResponse, AppError> {
    let tenant = tenant_of(&shown.input);
    let (actor, lists) = state
        .read(caller, move |c, actor| form_lists(c, actor, tenant))
        .await?;
    render_form(state, session, &actor, lists, shown)
}

/// `/requests/new`, opened from a building (`?building_id=`) or a tenant's page (`?tenant_id=`:
/// their dwelling and building follow).
pub async fn new_request(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    prefill: web::Query<Prefill>,
) -> Result<HttpResponse, AppError> {
    let p = prefill.into_inner();
    let tenant = p.tenant();
    let (actor, (home, lists)) = state
        .read(caller, move |c, actor| {
            actor.require(Action::ReadRequests)?;
            let home = match tenant {
                Some(t) => queries::tenant_home(c, actor, t)?,
                None => None,
            };
            let known = tenant.filter(|_| home.is_some());
            Ok((home, form_lists(c, actor, known)?))
        })
        .await?;
    let input = RequestForm {
        building_id: home.map(|(_, b)| b.to_string()).or(p.building_id),
        dwelling_id: home.map(|(d, _)| d.to_string()).or(p.dwelling_id),
        tenant_id: home.and(p.tenant_id),
        urgency: Some("normal".into()),
        ..Default::default()
    };
    let shown = Shown {
        input,
        errors: FieldErrors::new(),
        status: StatusCode::OK,
        candidates: Vec::new(),
        photos_dropped: false,
    };
    render_form(&state, &session, &actor, lists, shown)
}

fn input_of(form: &MultipartForm) -> RequestForm {
    RequestForm {
        building_id: form.get("building_id"),
        dwelling_id: form.get("dwelling_id"),
        tenant_id: form.get("tenant_id"),
        category_id: form.get("category_id"),
        urgency: form.get("urgency"),
        description: form.get("description"),
        parent_id: form.get("parent_id"),
    }
}

/// Before recording: the actor, and the open requests like the submitted one (same building and
/// category) with the form's lists when there are some: another report of an open problem is
/// offered the link first.
async fn look_for_similar(
    state: &AppState,
    caller: Caller,
    input: &RequestForm,
    link_decided: bool,
) -> Result<(Actor, Option<(Vec<Request>, Lists)>), AppError> {
    let (spot, tenant) = (input.place().filter(|_| !link_decided), tenant_of(input));
    state
        .read(caller, move |c, actor| {
            // A tenant does not see other tenants' requests; staff link them later.
            let Some((building_id, category_id)) = spot.filter(|_| !service::own_home(actor))
            else {
                return Ok(None);
            };
            let spot = Spot {
                building_id,
                category_id,
                except: None,
            };
            let similar = queries::similar_open(c, actor, spot)?;
            if similar.is_empty() {
                return Ok(None);
            }
            Ok(Some((similar, form_lists(c, actor, tenant)?)))
        })
        .await
}

/// Records a request from the form, with its photos; or proposes the link to a similar open
/// request; or shows the form again with its messages.
pub async fn create_request(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    body: Multipart,
) -> Result<HttpResponse, AppError> {
    let max = state.settings.uploads.max_photo_bytes;
    let form = photos::read_page_form(body, max, &session).await?;
    let input = input_of(&form);
    let link_decided = form.fields.contains_key("parent_id");
    let had_photos = !form.files.is_empty();
    let mut errors = FieldErrors::new();
    let checked = photos::check(form.files, 0, &mut errors);
    let mut shown = Shown {
        input,
        errors,
        status: StatusCode::UNPROCESSABLE_ENTITY,
        candidates: Vec::new(),
        photos_dropped: false,
    };
    if !shown.errors.is_empty() {
        return redisplay(&state, caller, &session, shown).await;
    }
    let (actor, similar) =
        look_for_similar(&state, caller.clone(), &shown.input, link_decided).await?;
    if let Some((candidates, lists)) = similar {
        shown.status = StatusCode::OK;
        shown.candidates = candidates;
        shown.photos_dropped = had_photos;
        return render_form(&state, &session, &actor, lists, shown);
    }
    let stored = Stored::write(&state.settings.uploads.dir, actor.office_id, &checked)?;
    let stored = std::sync::Arc::new(stored);
    let (recorded, input) = (stored.clone(), shown.input.clone());
    let written = state
        .write(caller.clone(), move |c, actor| {
            let data = input.parse(service::own_home(actor))?;
            let id = service::create(c, actor, &data, crate::db::now())?;
            recorded.insert(c, actor, id)?;
            Ok(id)
        })
        .await;
    match written {
        Ok((_, id)) => Ok(redirect(
            &session,
            &format!("/requests/{id}"),
            Some("request-flash-recorded"),
        )),
        Err(e) => {
            stored.remove();
            match e {
                AppError::Validation(errors) => {
                    shown.errors = errors;
                    redisplay(&state, caller, &session, shown).await
                }
                e => Err(e),
            }
        }
    }
}
