//! `/requests`: everyone's list (within their scope) with filters, pagination and a CSV export;
//! `/requests/queue`: a department's queue, its open requests the latest target first.

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use super::{category_choices, line, statuses, urgencies, Line};
use crate::access::log::Channel;
use crate::access::Caller;
use crate::domain::ids::BuildingId;
use crate::domain::roles::Action;
use crate::error::AppError;
use crate::i18n::{t, Lang};
use crate::requests::categories::{self, Category};
use crate::requests::export;
use crate::requests::input::{RequestFilter, RequestQuery};
use crate::requests::queries::{self, RequestLine};
use crate::state::AppState;
use crate::web::choice::{choices, with_none, Choice};
use crate::web::pagination::{Paged, Pager};
use crate::web::{render_status, Page};

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

/// Which list: everyone's, or (`queue`) the actor's department's.
struct Listing {
    queue: bool,
    base: &'static str,
    title: &'static str,
}

/// What the list page reads in its one database call.
struct Read {
    cats: Vec<Category>,
    names: Vec<(BuildingId, String)>,
    paged: Paged<RequestLine>,
}

/// The filter selects, each with the query's value chosen.
fn filter_choices(lang: Lang, query: &RequestQuery, read: &Read) -> [Vec<Choice>; 4] {
    let all = |options| with_none(lang, "request-filter-all", options);
    let value = |v: &Option<String>| v.clone().unwrap_or_default();
    [
        all(statuses(lang, &value(&query.status))),
        all(urgencies(lang, &value(&query.urgency))),
        all(category_choices(
            lang,
            &read.cats,
            &value(&query.category_id),
        )),
        all(choices(
            read.names.iter().cloned(),
            &[&value(&query.building_id)],
        )),
    ]
}

/// The list page: shared by everyone's list and a department's queue.
async fn list_page(
    state: &AppState,
    caller: Caller,
    session: &Session,
    query: RequestQuery,
    listing: Listing,
) -> Result<HttpResponse, AppError> {
    let at = query.html_page();
    let filter = query.filter();
    let (now, f, queue) = (crate::db::now(), filter.clone().ok(), listing.queue);
    let (actor, read) = state
        .read(caller, move |c, actor| {
            actor.require(Action::ReadRequests)?;
            let department = match queue {
                true => Some(actor.department.ok_or(AppError::NotFound)?),
                false => None,
            };
            let cats = categories::queries::list(c, actor.office_id)?;
            let names = crate::registry::buildings::names(c, actor)?;
            let paged = match f {
                Some(f) => {
                    let f = RequestFilter {
                        department_id: department,
                        ..f
                    };
                    let paged = queries::list(c, actor, &f, now, at)?;
                    queries::log_lines(c, actor, Channel::Page, &paged.items)?;
                    paged
                }
                None => Paged::new(Vec::new(), 0, at),
            };
            Ok(Read { cats, names, paged })
        })
        .await?;
    let lang = actor.lang;
    let qs = query.to_query_string();
    let errors = filter
        .as_ref()
        .err()
        .map(|e| e.translated(lang))
        .unwrap_or_default();
    let [statuses, urgencies, categories, buildings] = filter_choices(lang, &query, &read);
    let ctx = ListPage {
        heading: t(lang, listing.title),
        filters_open: !qs.is_empty() || !errors.is_empty(),
        statuses,
        urgencies,
        categories,
        buildings,
        lines: read
            .paged
            .items
            .iter()
            .map(|l| line(lang, l, now))
            .collect(),
        pager: read.paged.pager(listing.base, &qs),
        export_url: match qs.is_empty() {
            true => "/requests.csv".to_owned(),
            false => format!("/requests.csv?{qs}"),
        },
        action: listing.base.to_owned(),
        queue: actor.department.is_some() && !listing.queue,
        errors,
        filters: query,
    };
    let status = match filter {
        Ok(_) => StatusCode::OK,
        Err(_) => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let page = Page::of(session, &actor, listing.title, "requests", ctx);
    render_status(state, status, "requests/list", &page)
}

pub async fn list_requests(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    query: web::Query<RequestQuery>,
) -> Result<HttpResponse, AppError> {
    let listing = Listing {
        queue: false,
        base: "/requests",
        title: "requests-title",
    };
    list_page(&state, caller, &session, query.into_inner(), listing).await
}

/// A department's queue: its open requests (unless another status is asked), the latest past
/// their target first. Only for an account of a department.
pub async fn department_queue(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    query: web::Query<RequestQuery>,
) -> Result<HttpResponse, AppError> {
    let mut query = query.into_inner();
    if query.status.is_none() {
        query.status = Some("open".into());
    }
    let listing = Listing {
        queue: true,
        base: "/requests/queue",
        title: "requests-queue-title",
    };
    list_page(&state, caller, &session, query, listing).await
}

pub async fn export_requests(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<RequestQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let now = crate::db::now();
    let (actor, lines) = state
        .read(caller, move |c, actor| {
            actor.require(Action::ReadRequests)?;
            let lines = queries::list_all(c, actor, &query.filter()?, now)?;
            queries::log_lines(c, actor, Channel::Csv, &lines)?;
            Ok(lines)
        })
        .await?;
    export::to_csv(&lines, actor.lang, now)?.into_response("demandes.csv")
}
