//! Request categories of an office: each routes to a department and carries a response target per
//! urgency, in hours. Every office starts with the default set (the migration gives it to existing
//! offices, [`create_defaults`] to new ones); the administrator changes routing and targets, and adds
//! categories, on `/requests/categories`.

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::pages::{choices, Choice};
use super::Urgency;
use crate::db::schema::{departments, request_categories};
use crate::db::{now, DbConnection};
use crate::domain::roles::Action;
use crate::domain::{validate, FieldErrors};
use crate::error::AppError;
use crate::i18n::{t, Lang};
use crate::state::AppState;
use crate::web::{redirect, render_status, CsrfForm, CurrentUser, Page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list_categories)
        .service(update_category)
        .service(create_category);
}

/// A category as stored.
#[derive(Debug, Clone, Queryable, Serialize, utoipa::ToSchema)]
pub struct Category {
    pub id: i64,
    pub office_id: i64,
    /// The default category's code (its name is translated), or empty for an office's own.
    pub code: String,
    pub name: String,
    pub department_id: Option<i64>,
    pub target_hours_low: i32,
    pub target_hours_normal: i32,
    pub target_hours_urgent: i32,
    pub position: i32,
    pub created_at: NaiveDateTime,
}

impl Category {
    /// The name shown in `lang`: the translation of a default category, the office's own name else.
    pub fn label(&self, lang: Lang) -> String {
        if self.code.is_empty() {
            self.name.clone()
        } else {
            t(lang, &format!("request-category-{}", self.code))
        }
    }

    /// The response target for `urgency`, in hours.
    pub fn target_hours(&self, urgency: Urgency) -> i64 {
        i64::from(match urgency {
            Urgency::Low => self.target_hours_low,
            Urgency::Normal => self.target_hours_normal,
            Urgency::Urgent => self.target_hours_urgent,
        })
    }
}

/// (code, French name, hours low / normal / urgent): the categories every office starts with.
pub const DEFAULTS: [(&str, &str, i32, i32, i32); 7] = [
    ("entretien", "Entretien", 336, 168, 24),
    ("salubrite", "Salubrité / vermine", 336, 168, 48),
    ("securite", "Sécurité", 168, 72, 4),
    ("bruit", "Bruit / voisinage", 336, 168, 48),
    ("accessibilite", "Accessibilité", 336, 168, 48),
    ("loyer", "Loyer / bail", 504, 240, 72),
    ("autre", "Autre", 504, 240, 72),
];

/// Gives a new office the default categories, routed nowhere yet.
pub fn create_defaults(conn: &mut DbConnection, office_id: i64) -> Result<(), AppError> {
    let at = now();
    for (i, (code, name, low, normal, urgent)) in DEFAULTS.iter().enumerate() {
        diesel::insert_into(request_categories::table)
            .values((
                request_categories::office_id.eq(office_id),
                request_categories::code.eq(code),
                request_categories::name.eq(name),
                request_categories::target_hours_low.eq(low),
                request_categories::target_hours_normal.eq(normal),
                request_categories::target_hours_urgent.eq(urgent),
                request_categories::position.eq(i as i32 + 1),
                request_categories::created_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The office's categories in display order.
pub fn list(conn: &mut DbConnection, office_id: i64) -> Result<Vec<Category>, AppError> {
    Ok(request_categories::table
        .filter(request_categories::office_id.eq(office_id))
        .order((request_categories::position, request_categories::id))
        .load(conn)?)
}

/// One category of the office; `NotFound` for another office's.
pub fn find(conn: &mut DbConnection, office_id: i64, id: i64) -> Result<Category, AppError> {
    Ok(request_categories::table
        .filter(request_categories::id.eq(id))
        .filter(request_categories::office_id.eq(office_id))
        .first(conn)?)
}

/// A category's settings as submitted (hours as strings).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct CategoryInput {
    pub name: Option<String>,
    pub department_id: Option<String>,
    pub target_hours_low: Option<String>,
    pub target_hours_normal: Option<String>,
    pub target_hours_urgent: Option<String>,
}

struct CategoryData {
    name: String,
    department_id: Option<i64>,
    hours: [i32; 3],
}

fn validated(
    conn: &mut DbConnection,
    office_id: i64,
    input: &CategoryInput,
    needs_name: bool,
) -> Result<CategoryData, AppError> {
    let mut e = FieldErrors::new();
    let name = if needs_name {
        validate::required(&mut e, "name", input.name.as_deref().unwrap_or(""), 80)
    } else {
        String::new()
    };
    let mut hours = [0i32; 3];
    let fields = [
        ("target_hours_low", &input.target_hours_low),
        ("target_hours_normal", &input.target_hours_normal),
        ("target_hours_urgent", &input.target_hours_urgent),
    ];
    for (slot, (field, value)) in hours.iter_mut().zip(fields) {
        *slot = validate::integer(&mut e, field, value.as_deref(), 1, 24 * 365, None) as i32;
    }
    let department_id = match input.department_id.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(v) => {
            let id = v.parse::<i64>().unwrap_or(-1);
            let known: i64 = departments::table
                .filter(departments::id.eq(id))
                .filter(departments::office_id.eq(office_id))
                .count()
                .get_result(conn)?;
            if known == 0 {
                e.add("department_id", "err-unknown-reference");
            }
            Some(id)
        }
    };
    Ok(e.into_result(CategoryData {
        name,
        department_id,
        hours,
    })?)
}

#[derive(Serialize)]
struct Row {
    id: i64,
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

async fn render_page(
    state: &AppState,
    session: &Session,
    user: &CurrentUser,
    status: StatusCode,
    error_for: Option<i64>,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let office = user.office_id;
    let (cats, depts) = state
        .db(move |c| {
            let depts: Vec<(i64, String)> = departments::table
                .filter(departments::office_id.eq(office))
                .order(departments::name)
                .select((departments::id, departments::name))
                .load(c)?;
            Ok((list(c, office)?, depts))
        })
        .await?;
    let lang = user.lang;
    let categories = cats
        .iter()
        .map(|c| Row {
            id: c.id,
            label: c.label(lang),
            departments: choices(
                lang,
                &depts,
                "request-no-department",
                &c.department_id.map(|d| d.to_string()).unwrap_or_default(),
            ),
            hours: [
                c.target_hours_low,
                c.target_hours_normal,
                c.target_hours_urgent,
            ],
        })
        .collect();
    let page = ListPage {
        categories,
        departments: choices(lang, &depts, "request-no-department", ""),
        error_for,
        errors: errors.translated(lang),
    };
    let ctx = Page::new(session, user, "request-categories-title", "admin", page);
    render_status(state, status, "requests/categories", &ctx)
}

#[get("/requests/categories")]
async fn list_categories(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageRequestCategories)?;
    render_page(
        &state,
        &session,
        &user,
        StatusCode::OK,
        None,
        &FieldErrors::new(),
    )
    .await
}

/// Saves a category (`id` 0: a new one) or re-renders the page with the form's messages.
async fn save(
    state: &AppState,
    session: &Session,
    user: &CurrentUser,
    id: i64,
    input: CategoryInput,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageRequestCategories)?;
    let office = user.office_id;
    let result = state
        .db_tx(move |c| {
            let data = validated(c, office, &input, id == 0)?;
            let [low, normal, urgent] = data.hours;
            if id == 0 {
                diesel::insert_into(request_categories::table)
                    .values((
                        request_categories::office_id.eq(office),
                        request_categories::name.eq(&data.name),
                        request_categories::department_id.eq(data.department_id),
                        request_categories::target_hours_low.eq(low),
                        request_categories::target_hours_normal.eq(normal),
                        request_categories::target_hours_urgent.eq(urgent),
                        request_categories::position.eq(100),
                        request_categories::created_at.eq(now()),
                    ))
                    .execute(c)?;
                return Ok(());
            }
            find(c, office, id)?;
            diesel::update(request_categories::table.find(id))
                .set((
                    request_categories::department_id.eq(data.department_id),
                    request_categories::target_hours_low.eq(low),
                    request_categories::target_hours_normal.eq(normal),
                    request_categories::target_hours_urgent.eq(urgent),
                ))
                .execute(c)?;
            Ok(())
        })
        .await;
    match result {
        Ok(()) => Ok(redirect(
            session,
            "/requests/categories",
            Some("flash-saved"),
        )),
        Err(AppError::Validation(errors)) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            render_page(state, session, user, status, Some(id), &errors).await
        }
        Err(e) => Err(e),
    }
}

#[post("/requests/categories/{id:\\d+}")]
async fn update_category(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(input): CsrfForm<CategoryInput>,
) -> Result<HttpResponse, AppError> {
    save(&state, &session, &user, path.into_inner().max(1), input).await
}

#[post("/requests/categories")]
async fn create_category(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    CsrfForm(input): CsrfForm<CategoryInput>,
) -> Result<HttpResponse, AppError> {
    save(&state, &session, &user, 0, input).await
}
