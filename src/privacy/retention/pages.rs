//! `/privacy/retention`: per kind of record, how long it is kept, how many go at the next run and
//! when, and how many past runs took (administrators).

use actix_session::Session;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use super::queries;
use crate::access::Caller;
use crate::db::now;
use crate::error::AppError;
use crate::i18n::t;
use crate::state::AppState;
use crate::web::format::datetime;
use crate::web::{render, Page};

#[derive(Serialize)]
struct KindLine {
    kind: String,
    what: String,
    period_days: i64,
    forever: bool,
    at_next_run: i64,
    done_so_far: i64,
}

#[derive(Serialize)]
struct RetentionPage {
    next_run: String,
    kinds: Vec<KindLine>,
}

pub async fn show_retention(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let periods = state.settings.retention;
    let (actor, (next, lines)) = state
        .read(caller, move |c, actor| {
            queries::pending(c, actor, &periods, now())
        })
        .await?;
    let lang = actor.lang;
    let page = RetentionPage {
        next_run: datetime(lang, next),
        kinds: lines
            .into_iter()
            .map(|p| KindLine {
                kind: t(lang, &format!("retention-kind-{}", p.kind)),
                what: t(lang, &format!("retention-what-{}", p.kind)),
                period_days: p.period_days,
                forever: p.period_days == 0,
                at_next_run: p.at_next_run,
                done_so_far: p.done_so_far,
            })
            .collect(),
    };
    let ctx = Page::of(&session, &actor, "retention-title", "admin", page);
    render(&state, "privacy/retention", &ctx)
}
