//! A building's requests, as ISCs look at them: what is open, what is late, and which categories
//! recur over the last twelve months. Aggregates in SQL; a bounded number of queries.

use actix_session::Session;
use actix_web::{get, web, HttpResponse};
use diesel::dsl::count_star;
use diesel::prelude::*;
use serde::Serialize;

use super::mail::category_label;
use super::pages::{line, Line};
use super::{store, RequestFilter, Viewer};
use crate::db::schema::{buildings, request_categories, requests};
use crate::domain::roles::Action;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{render, CurrentUser, Page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(building_requests);
}

#[derive(Serialize)]
struct Recurring {
    category: String,
    count: i64,
}

#[derive(Serialize)]
struct OverviewPage {
    building_id: i64,
    building: String,
    open: i64,
    late: i64,
    lines: Vec<Line>,
    recurring: Vec<Recurring>,
}

#[get("/buildings/{id:\\d+}/requests")]
async fn building_requests(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::HandleRequests)?;
    let (id, u, now) = (path.into_inner(), user.clone(), crate::db::now());
    let (name, open, late, lines, recurring) = state
        .db(move |c| {
            let v = Viewer::load(c, &u)?;
            let name: String = buildings::table
                .filter(buildings::id.eq(id))
                .filter(buildings::office_id.eq(u.office_id))
                .select(buildings::name)
                .first(c)?;
            let open_filter = RequestFilter {
                status: Some(super::filter::StatusFilter::Open),
                building_id: Some(id),
                ..Default::default()
            };
            let late_filter = RequestFilter {
                late: true,
                ..open_filter.clone()
            };
            let open = store::count(c, &v, &open_filter, now)?;
            let late = store::count(c, &v, &late_filter, now)?;
            let mut by_due = open_filter.clone();
            by_due.department_id = None;
            let lines = store::list(c, &v, &by_due, now, 0, 50)?;
            let year_ago = now - chrono::Duration::days(365);
            let recurring: Vec<(String, String, i64)> = requests::table
                .inner_join(request_categories::table)
                .filter(requests::office_id.eq(u.office_id))
                .filter(requests::building_id.eq(id))
                .filter(requests::created_at.ge(year_ago))
                .group_by((
                    request_categories::id,
                    request_categories::code,
                    request_categories::name,
                ))
                .select((
                    request_categories::code,
                    request_categories::name,
                    count_star(),
                ))
                .order(count_star().desc())
                .load(c)?;
            Ok((name, open, late, lines, recurring))
        })
        .await?;
    let lang = user.lang;
    let page = OverviewPage {
        building_id: id,
        building: name,
        open,
        late,
        lines: lines.iter().map(|l| line(lang, l, now)).collect(),
        recurring: recurring
            .into_iter()
            .map(|(code, name, count)| Recurring {
                category: category_label(lang, &code, &name),
                count,
            })
            .collect(),
    };
    let ctx = Page::new(&session, &user, "request-building-title", "requests", page);
    render(&state, "requests/building", &ctx)
}
