//! The tenant form: create and edit, the dwelling chosen in a list grouped by building, consent
//! boxes that show when and by whom each consent was recorded.

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::pages::{consent_lines, parse_id, ConsentLine};
use super::queries::{self, DwellingGroup};
use super::{TenantInput, LANGUAGES};
use crate::domain::roles::Action;
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::registry::buildings::pages::Choice;
use crate::state::AppState;
use crate::web::{redirect, render, render_status, CsrfForm, CurrentUser, Page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(new_tenant)
        .service(create_tenant)
        .service(edit_tenant)
        .service(update_tenant);
}

#[derive(Serialize)]
struct FormPage {
    action: String,
    cancel: String,
    form: TenantInput,
    errors: BTreeMap<String, String>,
    groups: Vec<DwellingGroup>,
    languages: Vec<Choice>,
    consents: Vec<ConsentLine>,
    editing: bool,
}

/// Everything the form shows: the dwellings (of one building when `building` is given), and for an
/// existing tenant their recorded consents. `form: None` is the tenant as recorded. Three
/// statements at most.
async fn form_page(
    state: &AppState,
    user: &CurrentUser,
    tenant_id: Option<i64>,
    building: Option<i64>,
    form: Option<TenantInput>,
    errors: &FieldErrors,
) -> Result<FormPage, AppError> {
    let office = user.office_id;
    let (form, groups, consents) = state
        .db(move |c| {
            let tenant = match tenant_id {
                Some(id) => Some(queries::find_view(c, office, id)?),
                None => None,
            };
            let form = match (form, &tenant) {
                (Some(f), _) => f,
                (None, Some(t)) => TenantInput::from_view(t),
                (None, None) => TenantInput::default(),
            };
            let consents = consent_lines(c, office, tenant.as_ref(), Some(&form))?;
            let selected = parse_id(form.dwelling_id.as_deref());
            let groups = queries::dwelling_choices(c, office, building, selected)?;
            Ok((form, groups, consents))
        })
        .await?;
    let language = form.language.clone().unwrap_or_default();
    let back = tenant_id.map_or("/tenants".into(), |id| format!("/tenants/{id}"));
    // A list restricted to one building stays restricted when the form comes back with errors.
    let action = match (tenant_id, building) {
        (None, Some(b)) => format!("/tenants?building_id={b}"),
        _ => back.clone(),
    };
    Ok(FormPage {
        action,
        cancel: back,
        form,
        errors: errors.translated(user.lang),
        groups,
        languages: LANGUAGES
            .iter()
            .map(|l| Choice {
                value: l,
                label_key: format!("tenant-language-{l}"),
                selected: *l == language || (language.is_empty() && *l == "fr"),
            })
            .collect(),
        consents,
        editing: tenant_id.is_some(),
    })
}

fn title(editing: bool) -> &'static str {
    if editing {
        "tenant-edit-title"
    } else {
        "tenant-new-title"
    }
}

/// `?dwelling_id=` presets the dwelling; `?building_id=` lists only that building's dwellings (for
/// offices with thousands of them).
#[derive(Debug, Deserialize)]
pub struct NewTenantQuery {
    pub dwelling_id: Option<String>,
    pub building_id: Option<String>,
}

#[get("/tenants/new")]
async fn new_tenant(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    query: web::Query<NewTenantQuery>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageTenants)?;
    let form = TenantInput {
        dwelling_id: query.dwelling_id.clone(),
        ..Default::default()
    };
    let building = parse_id(query.building_id.as_deref());
    let page = form_page(
        &state,
        &user,
        None,
        building,
        Some(form),
        &FieldErrors::new(),
    )
    .await?;
    let ctx = Page::new(&session, &user, title(false), "tenants", page);
    render(&state, "tenants/form", &ctx)
}

/// Redisplays a refused form (422) with its messages and what was typed.
async fn refused(
    state: &AppState,
    session: &Session,
    user: &CurrentUser,
    tenant_id: Option<i64>,
    building: Option<i64>,
    input: TenantInput,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let page = form_page(state, user, tenant_id, building, Some(input), errors).await?;
    let ctx = Page::new(session, user, title(tenant_id.is_some()), "tenants", page);
    render_status(
        state,
        StatusCode::UNPROCESSABLE_ENTITY,
        "tenants/form",
        &ctx,
    )
}

#[post("/tenants")]
async fn create_tenant(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    query: web::Query<NewTenantQuery>,
    CsrfForm(input): CsrfForm<TenantInput>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageTenants)?;
    let (office, uid) = (user.office_id, user.id);
    let building = parse_id(query.building_id.as_deref());
    let input = input.with_unchecked_boxes();
    let submitted = input.clone();
    match state
        .db_tx(move |c| super::create(c, office, uid, &submitted))
        .await
    {
        Ok(id) => Ok(redirect(
            &session,
            &format!("/tenants/{id}"),
            Some("flash-saved"),
        )),
        Err(AppError::Validation(errors)) => {
            refused(&state, &session, &user, None, building, input, &errors).await
        }
        Err(e) => Err(e),
    }
}

#[get("/tenants/{id:\\d+}/edit")]
async fn edit_tenant(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageTenants)?;
    let id = path.into_inner();
    let page = form_page(&state, &user, Some(id), None, None, &FieldErrors::new()).await?;
    let ctx = Page::new(&session, &user, title(true), "tenants", page);
    render(&state, "tenants/form", &ctx)
}

#[post("/tenants/{id:\\d+}")]
async fn update_tenant(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(input): CsrfForm<TenantInput>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageTenants)?;
    let (office, uid, id) = (user.office_id, user.id, path.into_inner());
    let input = input.with_unchecked_boxes();
    let submitted = input.clone();
    match state
        .db_tx(move |c| super::change(c, office, uid, id, &submitted))
        .await
    {
        Ok(()) => Ok(redirect(
            &session,
            &format!("/tenants/{id}"),
            Some("flash-saved"),
        )),
        Err(AppError::Validation(errors)) => {
            refused(&state, &session, &user, Some(id), None, input, &errors).await
        }
        Err(e) => Err(e),
    }
}
