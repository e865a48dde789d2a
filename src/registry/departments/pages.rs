//! The departments pages (administrators): list, create, edit, delete, and the CSV export.

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::{export, queries, service, Department, DepartmentInput};
use crate::access::{Actor, Caller};
use crate::domain::ids::DepartmentId;
use crate::domain::roles::Action;
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::csrf::Empty;
use crate::web::pagination::{Pager, Pagination};
use crate::web::{redirect, render_status, CsrfForm, Page};

/// `?page=` of the list.
#[derive(Debug, Deserialize)]
pub struct PageParam {
    pub page: Option<String>,
}

#[derive(Serialize)]
struct ListPage {
    departments: Vec<Department>,
    pager: Pager,
}

pub async fn list_departments(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    query: web::Query<PageParam>,
) -> Result<HttpResponse, AppError> {
    let at = Pagination::html(query.page.as_deref());
    let (actor, (rows, total)) = state
        .read(caller, move |c, actor| {
            actor.require(Action::ManageOffice)?;
            queries::list(c, actor.office_id.get(), at.offset(), at.limit())
        })
        .await?;
    let pager = Pager::new("/departments", "", at.page, at.per_page, total);
    let page = ListPage {
        departments: rows,
        pager,
    };
    let ctx = Page::of(&session, &actor, "departments-title", "admin", page);
    render_status(&state, StatusCode::OK, "departments/list", &ctx)
}

#[derive(Serialize)]
struct FormPage {
    action: String,
    form: DepartmentInput,
    errors: BTreeMap<String, String>,
    /// Set when editing: the delete form's target.
    delete_action: Option<String>,
}

/// The form page, new (`id` None) or edit: 200, or 422 with errors.
fn render_form(
    state: &AppState,
    session: &Session,
    actor: &Actor,
    id: Option<DepartmentId>,
    form: DepartmentInput,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let (action, title) = match id {
        Some(id) => (format!("/departments/{id}"), "department-edit-title"),
        None => ("/departments".to_owned(), "department-new-title"),
    };
    let status = match errors.is_empty() {
        true => StatusCode::OK,
        false => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let page = FormPage {
        delete_action: id.map(|id| format!("/departments/{id}/delete")),
        action,
        form,
        errors: errors.translated(actor.lang),
    };
    let ctx = Page::of(session, actor, title, "admin", page);
    render_status(state, status, "departments/form", &ctx)
}

pub async fn new_department(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let (actor, ()) = state
        .read(caller, |_, actor| actor.require(Action::ManageOffice))
        .await?;
    let (form, errors) = (DepartmentInput::default(), FieldErrors::new());
    render_form(&state, &session, &actor, None, form, &errors)
}

pub async fn create_department(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    CsrfForm(input): CsrfForm<DepartmentInput>,
) -> Result<HttpResponse, AppError> {
    let form = input.clone();
    let written = state
        .write(caller.clone(), move |c, actor| {
            actor.require(Action::ManageOffice)?;
            service::create(c, actor, &form.validate()?)
        })
        .await;
    match written {
        Ok(_) => Ok(redirect(&session, "/departments", Some("flash-saved"))),
        Err(AppError::Validation(errors)) => {
            let actor = state.actor(caller).await?;
            render_form(&state, &session, &actor, None, input, &errors)
        }
        Err(e) => Err(e),
    }
}

pub async fn edit_department(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<DepartmentId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (actor, d) = state
        .read(caller, move |c, actor| {
            actor.require(Action::ManageOffice)?;
            queries::find(c, actor.office_id.get(), id.get())
        })
        .await?;
    let (form, errors) = (DepartmentInput::from_department(&d), FieldErrors::new());
    render_form(&state, &session, &actor, Some(id), form, &errors)
}

pub async fn update_department(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<DepartmentId>,
    CsrfForm(input): CsrfForm<DepartmentInput>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let form = input.clone();
    let written = state
        .write(caller.clone(), move |c, actor| {
            actor.require(Action::ManageOffice)?;
            // Another office's department stays not found, whatever was typed.
            queries::find(c, actor.office_id.get(), id.get())?;
            service::change(c, actor, id, &form.validate()?)
        })
        .await;
    match written {
        Ok(_) => Ok(redirect(&session, "/departments", Some("flash-saved"))),
        Err(AppError::Validation(errors)) => {
            let actor = state.actor(caller).await?;
            render_form(&state, &session, &actor, Some(id), input, &errors)
        }
        Err(e) => Err(e),
    }
}

pub async fn delete_department(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<DepartmentId>,
    _: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    state
        .write(caller, move |c, actor| service::remove(c, actor, id))
        .await?;
    Ok(redirect(&session, "/departments", Some("flash-deleted")))
}

/// The office's departments as CSV.
pub async fn export_departments(
    state: web::Data<AppState>,
    caller: Caller,
) -> Result<HttpResponse, AppError> {
    let (_, csv) = state
        .read(caller, |c, actor| {
            actor.require(Action::ReadRegistry)?;
            export::to_csv(&queries::list_all(c, actor.office_id.get())?)
        })
        .await?;
    csv.into_response("services.csv")
}
