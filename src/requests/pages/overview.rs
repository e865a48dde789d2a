//! A building's requests, as ISCs look at them: what is open, what is late, and which categories
//! recur over the last twelve months. Aggregates in SQL; a bounded number of queries.

use actix_session::Session;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use super::{line, Line};
use crate::access::Caller;
use crate::domain::ids::BuildingId;
use crate::domain::roles::Action;
use crate::error::AppError;
use crate::requests::categories;
use crate::requests::input::{RequestFilter, StatusFilter};
use crate::requests::queries::{self, RequestLine};
use crate::state::AppState;
use crate::web::pagination::Pagination;
use crate::web::{render, Page};

#[derive(Serialize)]
struct Recurring {
    category: String,
    count: i64,
}

#[derive(Serialize)]
struct OverviewPage {
    building_id: BuildingId,
    building: String,
    open: i64,
    late: i64,
    lines: Vec<Line>,
    recurring: Vec<Recurring>,
}

/// What the page reads in its one database call.
struct Read {
    name: String,
    open: i64,
    late: i64,
    lines: Vec<RequestLine>,
    recurring: Vec<(String, String, i64)>,
}

pub async fn building_requests(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<BuildingId>,
) -> Result<HttpResponse, AppError> {
    let (id, now) = (path.into_inner(), crate::db::now());
    let (actor, read) = state
        .read(caller, move |c, actor| {
            actor.require(Action::HandleRequests)?;
            let name = queries::building_name(c, actor, id)?;
            let open = RequestFilter {
                status: Some(StatusFilter::Open),
                building_id: Some(id),
                ..Default::default()
            };
            let late = RequestFilter {
                late: true,
                ..open.clone()
            };
            let year_ago = now - chrono::Duration::days(365);
            Ok(Read {
                name,
                open: queries::count(c, actor, &open, now)?,
                late: queries::count(c, actor, &late, now)?,
                lines: queries::lines(c, actor, &open, now, Pagination::default())?,
                recurring: queries::recurring(c, actor, id, year_ago)?,
            })
        })
        .await?;
    let lang = actor.lang;
    let page = OverviewPage {
        building_id: id,
        building: read.name,
        open: read.open,
        late: read.late,
        lines: read.lines.iter().map(|l| line(lang, l, now)).collect(),
        recurring: read
            .recurring
            .into_iter()
            .map(|(code, name, count)| Recurring {
                category: categories::label(lang, &code, &name),
                count,
            })
            .collect(),
    };
    let ctx = Page::of(&session, &actor, "request-building-title", "requests", page);
    render(&state, "requests/building", &ctx)
}
