//! `/requests/categories`: the administrator's page of the office's categories, one form per
//! category (its department and targets) and one for a new category.

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use super::{queries, service, Category, CategoryForm};
use crate::access::{Actor, Caller};
use crate::domain::ids::{CategoryId, DepartmentId};
use crate::domain::roles::Action;
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::choice::{choices, with_none, Choice};
use crate::web::{redirect, render_status, CsrfForm, Page};

#[derive(Serialize)]
struct Row {
    id: CategoryId,
    label: String,
    departments: Vec<Choice>,
    hours: [i32; 3],
}

#[derive(Serialize)]
struct ListPage {
    categories: Vec<Row>,
    /// The choices of the new category's form.
    departments: Vec<Choice>,
    /// The category whose form has errors (0: the new one), with the messages.
    error_for: Option<i64>,
    errors: BTreeMap<String, String>,
}

/// What the page shows: the office's categories and departments.
type Listing = (Vec<Category>, Vec<(DepartmentId, String)>);

/// The office's categories and departments, for an administrator.
async fn read(state: &AppState, caller: Caller) -> Result<(Actor, Listing), AppError> {
    state
        .read(caller, |c, actor| {
            actor.require(Action::ManageRequestCategories)?;
            let office = actor.office_id;
            Ok((queries::list(c, office)?, queries::departments(c, office)?))
        })
        .await
}

/// The page's status, and the messages of the form that has some.
struct Shown<'a> {
    status: StatusCode,
    /// The category whose form has errors (0: the new one).
    error_for: Option<i64>,
    errors: &'a FieldErrors,
}

fn department_choices(
    lang: Lang,
    depts: &[(DepartmentId, String)],
    selected: Option<DepartmentId>,
) -> Vec<Choice> {
    let selected = selected.map(|d| d.to_string()).unwrap_or_default();
    with_none(
        lang,
        "request-no-department",
        choices(depts.iter().cloned(), &[&selected]),
    )
}

/// The page, with `errors` under the form of category `error_for` (0: the new one).
fn render_page(
    state: &AppState,
    session: &Session,
    actor: &Actor,
    (cats, depts): Listing,
    shown: Shown<'_>,
) -> Result<HttpResponse, AppError> {
    let lang = actor.lang;
    let categories = cats
        .iter()
        .map(|c| Row {
            id: c.id,
            label: c.label(lang),
            departments: department_choices(lang, &depts, c.department_id),
            hours: c.hours(),
        })
        .collect();
    let page = ListPage {
        categories,
        departments: department_choices(lang, &depts, None),
        error_for: shown.error_for,
        errors: shown.errors.translated(lang),
    };
    let ctx = Page::of(session, actor, "request-categories-title", "admin", page);
    render_status(state, shown.status, "requests/categories", &ctx)
}

pub async fn list_categories(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let (actor, listing) = read(&state, caller).await?;
    let none = FieldErrors::new();
    let shown = Shown {
        status: StatusCode::OK,
        error_for: None,
        errors: &none,
    };
    render_page(&state, &session, &actor, listing, shown)
}

/// Saves a category (`None`: a new one), or shows the page again with the form's messages.
async fn save(
    state: &AppState,
    caller: Caller,
    session: &Session,
    id: Option<CategoryId>,
    form: CategoryForm,
) -> Result<HttpResponse, AppError> {
    let written = state
        .write(caller.clone(), move |c, actor| {
            actor.require(Action::ManageRequestCategories)?;
            let known: Vec<DepartmentId> = queries::departments(c, actor.office_id)?
                .into_iter()
                .map(|(d, _)| d)
                .collect();
            let data = form.parse(id.is_none(), &known)?;
            match id {
                Some(id) => service::update(c, actor, id, &data),
                None => service::create(c, actor, &data),
            }
        })
        .await;
    match written {
        Ok(_) => Ok(redirect(
            session,
            "/requests/categories",
            Some("flash-saved"),
        )),
        Err(AppError::Validation(errors)) => {
            let (actor, listing) = read(state, caller).await?;
            let shown = Shown {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                error_for: Some(id.map_or(0, CategoryId::get)),
                errors: &errors,
            };
            render_page(state, session, &actor, listing, shown)
        }
        Err(e) => Err(e),
    }
}

pub async fn update_category(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<CategoryId>,
    CsrfForm(form): CsrfForm<CategoryForm>,
) -> Result<HttpResponse, AppError> {
    save(&state, caller, &session, Some(path.into_inner()), form).await
}

pub async fn create_category(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    CsrfForm(form): CsrfForm<CategoryForm>,
) -> Result<HttpResponse, AppError> {
    save(&state, caller, &session, None, form).await
}
