//! The departments pages (administrators): list, create, edit, delete.

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use serde::Serialize;

use super::{Department, DepartmentInput};
use crate::accounts::routes::Empty;
use crate::domain::roles::Action;
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{
    redirect, render, render_status, CsrfForm, CurrentUser, ListQuery, Page, Pager, PAGE_SIZE,
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list_departments)
        .service(export_departments)
        .service(new_department)
        .service(create_department)
        .service(edit_department)
        .service(update_department)
        .service(delete_department);
}

#[derive(Serialize)]
struct ListPage {
    departments: Vec<Department>,
    pager: Pager,
}

#[get("/departments")]
async fn list_departments(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageOffice)?;
    let (page, offset, office) = (query.page(), query.offset(), user.office_id);
    let (rows, total) = state
        .db(move |c| super::list(c, office, offset, PAGE_SIZE))
        .await?;
    let pager = Pager::new("/departments", "", page, total);
    let ctx = Page::new(
        &session,
        &user,
        "departments-title",
        "admin",
        ListPage {
            departments: rows,
            pager,
        },
    );
    render(&state, "departments/list", &ctx)
}

#[derive(Serialize)]
struct FormPage {
    action: String,
    form: DepartmentInput,
    errors: BTreeMap<String, String>,
    /// Set when editing: the delete form's target.
    delete_action: Option<String>,
}

/// The form page, new (`id` None) or edit, with `status` (200, or 422 with errors).
fn render_form(
    state: &AppState,
    session: &Session,
    user: &CurrentUser,
    id: Option<i64>,
    form: DepartmentInput,
    errors: &FieldErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let (action, title) = match id {
        Some(id) => (format!("/departments/{id}"), "department-edit-title"),
        None => ("/departments".to_owned(), "department-new-title"),
    };
    let page = FormPage {
        delete_action: id.map(|id| format!("/departments/{id}/delete")),
        action,
        form,
        errors: errors.translated(user.lang),
    };
    let ctx = Page::new(session, user, title, "admin", page);
    render_status(state, status, "departments/form", &ctx)
}

#[get("/departments/new")]
async fn new_department(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageOffice)?;
    let (form, errors) = (DepartmentInput::default(), FieldErrors::new());
    render_form(&state, &session, &user, None, form, &errors, StatusCode::OK)
}

#[post("/departments")]
async fn create_department(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    CsrfForm(input): CsrfForm<DepartmentInput>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageOffice)?;
    let data = match input.validate() {
        Ok(d) => d,
        Err(e) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return render_form(&state, &session, &user, None, input, &e, status);
        }
    };
    let office = user.office_id;
    state
        .db_tx(move |c| super::insert(c, office, &data))
        .await?;
    Ok(redirect(&session, "/departments", Some("flash-saved")))
}

#[get("/departments/{id:\\d+}/edit")]
async fn edit_department(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageOffice)?;
    let (office, id) = (user.office_id, path.into_inner());
    let d = state.db(move |c| super::find(c, office, id)).await?;
    let (form, errors) = (DepartmentInput::from_department(&d), FieldErrors::new());
    render_form(
        &state,
        &session,
        &user,
        Some(id),
        form,
        &errors,
        StatusCode::OK,
    )
}

#[post("/departments/{id:\\d+}")]
async fn update_department(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(input): CsrfForm<DepartmentInput>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageOffice)?;
    let (office, id) = (user.office_id, path.into_inner());
    let data = match input.validate() {
        Ok(d) => d,
        Err(e) => {
            // Another office's department stays not found, whatever was typed.
            state.db(move |c| super::find(c, office, id)).await?;
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return render_form(&state, &session, &user, Some(id), input, &e, status);
        }
    };
    state
        .db_tx(move |c| super::update(c, office, id, &data))
        .await?;
    Ok(redirect(&session, "/departments", Some("flash-saved")))
}

#[post("/departments/{id:\\d+}/delete")]
async fn delete_department(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageOffice)?;
    let (office, id) = (user.office_id, path.into_inner());
    state.db_tx(move |c| super::delete(c, office, id)).await?;
    Ok(redirect(&session, "/departments", Some("flash-deleted")))
}

/// The office's departments as CSV.
#[get("/departments.csv")]
async fn export_departments(
    state: web::Data<AppState>,
    user: CurrentUser,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ReadRegistry)?;
    let office = user.office_id;
    let rows = state.db(move |c| super::list_all(c, office)).await?;
    let mut w = csv::Writer::from_writer(Vec::new());
    let io = AppError::internal;
    w.write_record(["id", "nom", "courriel"]).map_err(io)?;
    for d in rows {
        w.write_record([d.id.to_string(), d.name, d.email])
            .map_err(io)?;
    }
    let body = w
        .into_inner()
        .map_err(|e| AppError::internal(anyhow::anyhow!("csv: {e}")))?;
    Ok(crate::web::csv_response("services.csv", body))
}
