//! Recording a request: the form (multipart, for photos), and the proposal to link the new report to
//! an open request of the same building and category instead of answering the problem twice.

use std::collections::BTreeMap;

use actix_multipart::Multipart;
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::pages::{choices, Choice};
use super::photos::{self, MultipartForm};
use super::service::{self, RequestInput};
use super::{categories, store, Scope, Urgency, Viewer};
use crate::db::schema::{buildings, dwellings, tenants, user_buildings};
use crate::db::DbConnection;
use crate::domain::roles::Action;
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::i18n::t;
use crate::state::AppState;
use crate::web::{format, redirect, render_status, CurrentUser, Page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(new_request).service(create_request);
}

/// `?building_id=&dwelling_id=&tenant_id=`: a form opened from a building or a tenant's page.
#[derive(Debug, Default, Deserialize)]
struct Prefill {
    building_id: Option<String>,
    dwelling_id: Option<String>,
    tenant_id: Option<String>,
}

/// An open request the new one may be another report of.
#[derive(Serialize)]
struct Candidate {
    id: i64,
    created: String,
    description: String,
}

#[derive(Serialize)]
struct FormPage {
    form: RequestInput,
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

/// The buildings the viewer may record a request for (none for a tenant: their own home).
fn building_list(conn: &mut DbConnection, v: &Viewer) -> Result<Vec<(i64, String)>, AppError> {
    let q = buildings::table
        .filter(buildings::office_id.eq(v.office_id))
        .order((buildings::name, buildings::id))
        .select((buildings::id, buildings::name));
    Ok(match v.scope {
        Scope::Tenant(_) => Vec::new(),
        Scope::Buildings => q
            .filter(
                buildings::id.eq_any(
                    user_buildings::table
                        .filter(user_buildings::user_id.eq(v.user_id))
                        .select(user_buildings::building_id),
                ),
            )
            .load(conn)?,
        _ => q.load(conn)?,
    })
}

#[allow(clippy::too_many_arguments)]
async fn render_form(
    state: &AppState,
    session: &Session,
    user: &CurrentUser,
    status: StatusCode,
    form: RequestInput,
    errors: &FieldErrors,
    candidates: Vec<Candidate>,
    photos_dropped: bool,
) -> Result<HttpResponse, AppError> {
    let (u, tenant) = (user.clone(), form.tenant_id.clone());
    let (viewer, names, cats, tenant_name) = state
        .db(move |c| {
            let v = Viewer::load(c, &u)?;
            let names = building_list(c, &v)?;
            let tenant_name = match tenant.as_deref().and_then(|t| t.trim().parse::<i64>().ok()) {
                Some(t) => tenants::table
                    .filter(tenants::id.eq(t))
                    .filter(tenants::office_id.eq(u.office_id))
                    .select((tenants::first_name, tenants::last_name))
                    .first::<(String, String)>(c)
                    .optional()?
                    .map(|(f, l)| format!("{f} {l}")),
                None => None,
            };
            Ok((v, names, categories::list(c, u.office_id)?, tenant_name))
        })
        .await?;
    let lang = user.lang;
    let v = |o: &Option<String>| o.clone().unwrap_or_default();
    let cat_items: Vec<(i64, String)> = cats.iter().map(|c| (c.id, c.label(lang))).collect();
    let urgency = form.urgency.clone().unwrap_or_else(|| "normal".into());
    let page = FormPage {
        buildings: choices(lang, &names, "request-choose", &v(&form.building_id)),
        categories: choices(lang, &cat_items, "request-choose", &v(&form.category_id)),
        urgencies: Urgency::ALL
            .iter()
            .map(|u| Choice {
                value: u.as_str().into(),
                label: t(lang, &format!("request-urgency-{}", u.as_str())),
                selected: u.as_str() == urgency,
            })
            .collect(),
        own_home: matches!(viewer.scope, Scope::Tenant(_)),
        tenant_name,
        errors: errors.translated(lang),
        candidates,
        photos_dropped,
        max_photo_mb: state.settings.uploads.max_photo_bytes.div_ceil(1 << 20),
        form,
    };
    let ctx = Page::new(session, user, "request-new-title", "requests", page);
    render_status(state, status, "requests/form", &ctx)
}

#[get("/requests/new")]
async fn new_request(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    prefill: web::Query<Prefill>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ReadRequests)?;
    let p = prefill.into_inner();
    let (office, tenant) = (user.office_id, p.tenant_id.clone());
    // Opened from a tenant's page: their dwelling and building follow.
    let from_tenant = match tenant.as_deref().and_then(|t| t.parse::<i64>().ok()) {
        Some(t) => {
            state
                .db(move |c| {
                    Ok(tenants::table
                        .inner_join(dwellings::table)
                        .filter(tenants::id.eq(t))
                        .filter(tenants::office_id.eq(office))
                        .select((dwellings::id, dwellings::building_id))
                        .first::<(i64, i64)>(c)
                        .optional()?)
                })
                .await?
        }
        None => None,
    };
    let form = RequestInput {
        building_id: from_tenant.map(|(_, b)| b.to_string()).or(p.building_id),
        dwelling_id: from_tenant.map(|(d, _)| d.to_string()).or(p.dwelling_id),
        tenant_id: from_tenant.and(tenant),
        urgency: Some("normal".into()),
        ..Default::default()
    };
    let none = FieldErrors::new();
    render_form(
        &state,
        &session,
        &user,
        StatusCode::OK,
        form,
        &none,
        Vec::new(),
        false,
    )
    .await
}

fn input_of(form: &MultipartForm) -> RequestInput {
    RequestInput {
        building_id: form.get("building_id"),
        dwelling_id: form.get("dwelling_id"),
        tenant_id: form.get("tenant_id"),
        category_id: form.get("category_id"),
        urgency: form.get("urgency"),
        description: form.get("description"),
        parent_id: form.get("parent_id").filter(|p| p != "none"),
    }
}

#[post("/requests")]
async fn create_request(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    body: Multipart,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ReadRequests)?;
    let form =
        photos::read_page_form(body, state.settings.uploads.max_photo_bytes, &session).await?;
    let input = input_of(&form);
    let link_decided = form.fields.contains_key("parent_id");
    let had_photos = !form.files.is_empty();
    let mut errors = FieldErrors::new();
    let checked = photos::check(form.files, 0, &mut errors);
    let invalid = StatusCode::UNPROCESSABLE_ENTITY;
    if !errors.is_empty() {
        return render_form(
            &state,
            &session,
            &user,
            invalid,
            input,
            &errors,
            Vec::new(),
            false,
        )
        .await;
    }
    // Another report of an open problem? Propose the link before recording.
    let (u, i) = (user.clone(), input.clone());
    let similar = if link_decided {
        Vec::new()
    } else {
        state.db(move |c| similar(c, &u, &i)).await?
    };
    if !similar.is_empty() {
        let lang = user.lang;
        let candidates = similar
            .into_iter()
            .map(|r| Candidate {
                id: r.id,
                created: format::datetime(lang, r.created_at),
                description: r.description.chars().take(200).collect(),
            })
            .collect();
        let none = FieldErrors::new();
        return render_form(
            &state,
            &session,
            &user,
            StatusCode::OK,
            input,
            &none,
            candidates,
            had_photos,
        )
        .await;
    }
    let dir = state.settings.uploads.dir.clone();
    let names = photos::write_files(&dir, user.office_id, &checked)?;
    let (u, i, n) = (user.clone(), input.clone(), names.clone());
    let result = state
        .db_tx(move |c| {
            let v = Viewer::load(c, &u)?;
            let id = service::create(c, &v, &i, crate::db::now())?;
            photos::insert(c, &v, id, &checked, &n)?;
            Ok(id)
        })
        .await;
    match result {
        Ok(id) => Ok(redirect(
            &session,
            &format!("/requests/{id}"),
            Some("request-flash-recorded"),
        )),
        Err(e) => {
            photos::remove_files(&dir, user.office_id, &names);
            match e {
                AppError::Validation(errors) => {
                    render_form(
                        &state,
                        &session,
                        &user,
                        invalid,
                        input,
                        &errors,
                        Vec::new(),
                        false,
                    )
                    .await
                }
                e => Err(e),
            }
        }
    }
}

/// Open requests like the one submitted (same building and category), when both are known.
fn similar(
    conn: &mut DbConnection,
    user: &CurrentUser,
    input: &RequestInput,
) -> Result<Vec<super::Request>, AppError> {
    let v = Viewer::load(conn, user)?;
    if matches!(v.scope, Scope::Tenant(_)) {
        // A tenant does not see other tenants' requests; staff link them later.
        return Ok(Vec::new());
    }
    let parse = |s: &Option<String>| s.as_deref().and_then(|x| x.trim().parse::<i64>().ok());
    match (parse(&input.building_id), parse(&input.category_id)) {
        (Some(b), Some(c)) => store::similar_open(conn, v.office_id, b, c, None),
        _ => Ok(Vec::new()),
    }
}
