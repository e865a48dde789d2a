//! The request lists: everyone's list (their scope) with filters, pagination and CSV export, and a
//! department's queue, latest target first. Shared choice-list helpers for the other pages.

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, web, HttpResponse};
use chrono::NaiveDateTime;
use serde::Serialize;

use super::mail::{category_label, status_label};
use super::store::{self, RequestLine};
use super::{categories, RequestFilter, RequestQuery, Status, Urgency, Viewer};
use crate::domain::roles::Action;
use crate::error::AppError;
use crate::i18n::{t, Lang};
use crate::state::AppState;
use crate::web::{csv_response, format, render_status, CurrentUser, Page, Pager, PAGE_SIZE};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list_requests)
        .service(export_requests)
        .service(department_queue);
    super::form::configure(cfg);
    super::show::configure(cfg);
    super::overview::configure(cfg);
}

/// One option of a select, its label already translated.
#[derive(Debug, Clone, Serialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// A select's options: "none" first, then `items`.
pub fn choices(lang: Lang, items: &[(i64, String)], none_key: &str, selected: &str) -> Vec<Choice> {
    let none = (String::new(), t(lang, none_key));
    std::iter::once(none)
        .chain(items.iter().map(|(id, l)| (id.to_string(), l.clone())))
        .map(|(value, label)| Choice {
            selected: value == selected,
            value,
            label,
        })
        .collect()
}

/// A request as a list row.
#[derive(Debug, Serialize)]
pub struct Line {
    pub id: i64,
    pub created: String,
    pub building: String,
    pub category: String,
    pub urgency: String,
    pub status: String,
    pub due: String,
    pub late: bool,
    pub linked: bool,
    pub description: String,
}

pub fn line(lang: Lang, l: &RequestLine, now: NaiveDateTime) -> Line {
    let r = &l.request;
    Line {
        id: r.id,
        created: format::datetime(lang, r.created_at),
        building: l.building.clone(),
        category: category_label(lang, &l.category_code, &l.category_name),
        urgency: t(lang, &format!("request-urgency-{}", r.urgency)),
        status: status_label(lang, r.status()),
        due: format::datetime(lang, r.due_at),
        late: r.is_late(now),
        linked: r.parent_id.is_some(),
        description: r.description.chars().take(120).collect(),
    }
}

#[derive(Serialize)]
struct ListPage {
    heading: String,
    filters: RequestQuery,
    filters_open: bool,
    errors: BTreeMap<String, String>,
    statuses: Vec<Choice>,
    urgencies: Vec<Choice>,
    categories: Vec<Choice>,
    buildings: Vec<Choice>,
    lines: Vec<Line>,
    pager: Pager,
    export_url: String,
    action: String,
    /// Staff of a department: a link to its queue.
    queue: bool,
}

fn value(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

/// The list page for `filter` (with `base` its address): shared by the list and the queue.
async fn list_page(
    state: &AppState,
    session: &Session,
    user: &CurrentUser,
    query: RequestQuery,
    department: Option<i64>,
    base: &'static str,
    title: &str,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ReadRequests)?;
    let filter = query.filter().map(|f| RequestFilter {
        department_id: department,
        ..f
    });
    let (page, now, u, f) = (
        query.page(),
        crate::db::now(),
        user.clone(),
        filter.clone().ok(),
    );
    let (cats, names, lines, total) = state
        .db(move |c| {
            let v = Viewer::load(c, &u)?;
            let cats = categories::list(c, u.office_id)?;
            let account = crate::access::find_account(c, crate::domain::ids::UserId(u.id))?
                .ok_or(AppError::Unauthenticated)?;
            let actor = crate::access::load_actor(c, account)?;
            let names: Vec<(i64, String)> = crate::registry::buildings::names(c, &actor)?
                .into_iter()
                .map(|(id, name)| (id.get(), name))
                .collect();
            let Some(f) = f else {
                return Ok((cats, names, Vec::new(), 0));
            };
            let lines = store::list(c, &v, &f, now, (page - 1) * PAGE_SIZE, PAGE_SIZE)?;
            Ok((cats, names, lines, store::count(c, &v, &f, now)?))
        })
        .await?;
    let lang = user.lang;
    let qs = query.to_query_string();
    let mut pager = Pager::new(base, "", page, total);
    if !qs.is_empty() {
        pager.prev = pager.prev.map(|u| format!("{u}&{qs}"));
        pager.next = pager.next.map(|u| format!("{u}&{qs}"));
    }
    let errors = filter
        .as_ref()
        .err()
        .map(|e| e.translated(lang))
        .unwrap_or_default();
    let statuses: Vec<(String, String)> =
        std::iter::once(("open".to_owned(), t(lang, "request-status-open")))
            .chain(
                Status::ALL
                    .iter()
                    .map(|s| (s.as_str().to_owned(), status_label(lang, *s))),
            )
            .collect();
    let urgencies: Vec<(String, String)> = Urgency::ALL
        .iter()
        .map(|u| {
            (
                u.as_str().to_owned(),
                t(lang, &format!("request-urgency-{}", u.as_str())),
            )
        })
        .collect();
    let text_choices = |items: Vec<(String, String)>, selected: String| {
        std::iter::once((String::new(), t(lang, "request-filter-all")))
            .chain(items)
            .map(|(value, label)| Choice {
                selected: value == selected,
                value,
                label,
            })
            .collect::<Vec<_>>()
    };
    let cat_items: Vec<(i64, String)> = cats.iter().map(|c| (c.id, c.label(lang))).collect();
    let ctx = ListPage {
        heading: t(lang, title),
        filters_open: !qs.is_empty() || !errors.is_empty(),
        statuses: text_choices(statuses, value(&query.status)),
        urgencies: text_choices(urgencies, value(&query.urgency)),
        categories: choices(
            lang,
            &cat_items,
            "request-filter-all",
            &value(&query.category_id),
        ),
        buildings: choices(
            lang,
            &names,
            "request-filter-all",
            &value(&query.building_id),
        ),
        lines: lines.iter().map(|l| line(lang, l, now)).collect(),
        pager,
        export_url: if qs.is_empty() {
            format!("{base}.csv")
        } else {
            format!("{base}.csv?{qs}")
        }
        .replace("/requests/queue.csv", "/requests.csv"),
        action: base.to_owned(),
        queue: user.department_id.is_some() && department.is_none(),
        errors,
        filters: query,
    };
    let status = if filter.is_ok() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = Page::new(session, user, title, "requests", ctx);
    render_status(state, status, "requests/list", &page)
}

#[get("/requests")]
async fn list_requests(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    query: web::Query<RequestQuery>,
) -> Result<HttpResponse, AppError> {
    list_page(
        &state,
        &session,
        &user,
        query.into_inner(),
        None,
        "/requests",
        "requests-title",
    )
    .await
}

/// A department's queue: its open requests, the latest past their target first.
#[get("/requests/queue")]
async fn department_queue(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    query: web::Query<RequestQuery>,
) -> Result<HttpResponse, AppError> {
    let dept = user.department_id.ok_or(AppError::NotFound)?;
    let mut query = query.into_inner();
    if query.status.is_none() {
        query.status = Some("open".into());
    }
    let title = "requests-queue-title";
    list_page(
        &state,
        &session,
        &user,
        query,
        Some(dept),
        "/requests/queue",
        title,
    )
    .await
}

#[get("/requests.csv")]
async fn export_requests(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<RequestQuery>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ReadRequests)?;
    let (filter, now, u) = (query.filter()?, crate::db::now(), user.clone());
    let lines = state
        .db(move |c| {
            let v = Viewer::load(c, &u)?;
            store::list(c, &v, &filter, now, 0, i64::MAX)
        })
        .await?;
    let lang = user.lang;
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "id",
        "created",
        "building",
        "category",
        "urgency",
        "status",
        "due",
        "late",
        "description",
    ];
    let header: Vec<String> = header
        .iter()
        .map(|h| t(lang, &format!("request-csv-{h}")))
        .collect();
    w.write_record(&header).map_err(AppError::internal)?;
    for l in &lines {
        let v = line(lang, l, now);
        let late = t(lang, if v.late { "yes" } else { "no" });
        w.write_record([
            v.id.to_string(),
            v.created,
            v.building,
            v.category,
            v.urgency,
            v.status,
            v.due,
            late,
            l.request.description.clone(),
        ])
        .map_err(AppError::internal)?;
    }
    let body = w
        .into_inner()
        .map_err(|e| AppError::internal(anyhow::anyhow!("{e}")))?;
    Ok(csv_response("demandes.csv", body))
}
