//! The tenant form: create and edit, the dwelling chosen in a list grouped by building, consent
//! boxes that show when and by whom each consent was recorded (a box changed is recorded as a
//! consent event by the service).

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use super::{consent_lines, ConsentLine};
use crate::access::log::{read_one, Channel, RecordKind};
use crate::access::{Actor, Caller};
use crate::db::DbConnection;
use crate::domain::ids::TenantId;
use crate::domain::roles::Action;
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::registry::tenants::input::parse_id;
use crate::registry::tenants::queries::{self, DwellingGroup};
use crate::registry::tenants::{service, NewTenantQuery, TenantInput, LANGUAGES};
use crate::state::AppState;
use crate::web::choice::Choice;
use crate::web::{redirect, render_status, CsrfForm, Page};

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

/// Which form to show: a new tenant (of one building's dwellings when `building` is given) or
/// `tenant` being edited; `form: None` is the tenant as recorded.
#[derive(Clone)]
struct Shown {
    tenant: Option<TenantId>,
    building: Option<i64>,
    form: Option<TenantInput>,
    errors: FieldErrors,
}

/// What the form reads: the submission (or the tenant as recorded), the dwellings, the recorded
/// consents. Three statements at most, and the read of an existing tenant's file is logged.
fn read_form(
    c: &mut DbConnection,
    actor: &Actor,
    shown: &Shown,
) -> Result<(TenantInput, Vec<DwellingGroup>, Vec<ConsentLine>), AppError> {
    actor.require(Action::ManageTenants)?;
    let office = actor.office_id.get();
    let tenant = match shown.tenant {
        Some(id) => {
            let t = queries::find_view(c, office, id.get())?;
            read_one(c, actor, Channel::Page, RecordKind::Tenant, id)?;
            Some(t)
        }
        None => None,
    };
    let form = match (&shown.form, &tenant) {
        (Some(f), _) => f.clone(),
        (None, Some(t)) => TenantInput::from_view(t),
        (None, None) => TenantInput::default(),
    };
    let consents = consent_lines(c, office, tenant.as_ref(), Some(&form))?;
    let selected = parse_id(form.dwelling_id.as_deref());
    let groups = queries::dwelling_choices(c, office, shown.building, selected)?;
    Ok((form, groups, consents))
}

/// Reads and renders the form, 200 or (with errors) 422.
async fn show_form(
    state: &AppState,
    caller: Caller,
    session: &Session,
    shown: Shown,
) -> Result<HttpResponse, AppError> {
    let s = shown.clone();
    let (actor, (form, groups, consents)) = state
        .read(caller, move |c, actor| read_form(c, actor, &s))
        .await?;
    let lang = actor.lang;
    let language = form.language.clone().unwrap_or_default();
    let back = shown
        .tenant
        .map_or("/tenants".into(), |id| format!("/tenants/{id}"));
    // A list restricted to one building stays restricted when the form comes back with errors.
    let action = match (shown.tenant, shown.building) {
        (None, Some(b)) => format!("/tenants?building_id={b}"),
        _ => back.clone(),
    };
    let page = FormPage {
        action,
        cancel: back,
        form,
        errors: shown.errors.translated(lang),
        groups,
        languages: LANGUAGES
            .iter()
            .map(|l| {
                let label = crate::i18n::t(lang, &format!("tenant-language-{l}"));
                Choice::new(
                    l,
                    label,
                    *l == language || (language.is_empty() && *l == "fr"),
                )
            })
            .collect(),
        consents,
        editing: shown.tenant.is_some(),
    };
    let (title, status) = match (shown.tenant.is_some(), shown.errors.is_empty()) {
        (false, true) => ("tenant-new-title", StatusCode::OK),
        (false, false) => ("tenant-new-title", StatusCode::UNPROCESSABLE_ENTITY),
        (true, true) => ("tenant-edit-title", StatusCode::OK),
        (true, false) => ("tenant-edit-title", StatusCode::UNPROCESSABLE_ENTITY),
    };
    let ctx = Page::of(session, &actor, title, "tenants", page);
    render_status(state, status, "tenants/form", &ctx)
}

pub async fn new_tenant(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    query: web::Query<NewTenantQuery>,
) -> Result<HttpResponse, AppError> {
    let form = TenantInput {
        dwelling_id: query.dwelling_id.clone(),
        ..Default::default()
    };
    let shown = Shown {
        tenant: None,
        building: parse_id(query.building_id.as_deref()),
        form: Some(form),
        errors: FieldErrors::new(),
    };
    show_form(&state, caller, &session, shown).await
}

pub async fn create_tenant(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    query: web::Query<NewTenantQuery>,
    CsrfForm(input): CsrfForm<TenantInput>,
) -> Result<HttpResponse, AppError> {
    let input = input.with_unchecked_boxes();
    let submitted = input.clone();
    let written = state
        .write(caller.clone(), move |c, actor| {
            service::create(c, actor, &submitted)
        })
        .await;
    match written {
        Ok((_, id)) => Ok(redirect(
            &session,
            &format!("/tenants/{id}"),
            Some("flash-saved"),
        )),
        Err(AppError::Validation(errors)) => {
            let shown = Shown {
                tenant: None,
                building: parse_id(query.building_id.as_deref()),
                form: Some(input),
                errors,
            };
            show_form(&state, caller, &session, shown).await
        }
        Err(e) => Err(e),
    }
}

pub async fn edit_tenant(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<TenantId>,
) -> Result<HttpResponse, AppError> {
    let shown = Shown {
        tenant: Some(path.into_inner()),
        building: None,
        form: None,
        errors: FieldErrors::new(),
    };
    show_form(&state, caller, &session, shown).await
}

pub async fn update_tenant(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<TenantId>,
    CsrfForm(input): CsrfForm<TenantInput>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let input = input.with_unchecked_boxes();
    let submitted = input.clone();
    let written = state
        .write(caller.clone(), move |c, actor| {
            service::change(c, actor, id, &submitted)
        })
        .await;
    match written {
        Ok(_) => Ok(redirect(
            &session,
            &format!("/tenants/{id}"),
            Some("flash-saved"),
        )),
        Err(AppError::Validation(errors)) => {
            let shown = Shown {
                tenant: Some(id),
                building: None,
                form: Some(input),
                errors,
            };
            show_form(&state, caller, &session, shown).await
        }
        Err(e) => Err(e),
    }
}
