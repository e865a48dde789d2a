//! `/privacy/access-log`: the office's log of reads with its filters and pages, and
//! `/privacy/access-log.csv`, the same selection as a spreadsheet (administrators).

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use super::{export, queries, AccessLine, AccessLogQuery};
use crate::access::log::RecordKind;
use crate::access::Caller;
use crate::domain::roles::Action;
use crate::error::AppError;
use crate::i18n::{t, Lang};
use crate::state::AppState;
use crate::web::choice::{choices, translated_choices, with_none, Choice};
use crate::web::format::datetime;
use crate::web::pagination::{Paged, Pager};
use crate::web::{render_status, Page};

#[derive(Serialize)]
struct LogLine {
    at: String,
    person: String,
    role: String,
    kind: String,
    record: Option<String>,
    channel: String,
    row_count: i32,
}

#[derive(Serialize)]
struct LogPage {
    filters: AccessLogQuery,
    filters_open: bool,
    errors: BTreeMap<String, String>,
    people: Vec<Choice>,
    kinds: Vec<Choice>,
    entries: Vec<LogLine>,
    pager: Pager,
    export_url: String,
}

fn line(l: AccessLine, lang: Lang) -> LogLine {
    let e = l.entry;
    let record = e.record_id.map(|id| match e.record_kind {
        RecordKind::Tenant => format!("/privacy/tenants/{id}"),
        _ => id.to_string(),
    });
    LogLine {
        at: datetime(lang, e.at),
        person: l.user_name,
        role: t(lang, &format!("role-{}", l.user_role)),
        kind: t(lang, &format!("access-kind-{}", e.record_kind)),
        record,
        channel: t(lang, &format!("access-channel-{}", e.channel)),
        row_count: e.row_count,
    }
}

pub async fn list_access_log(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    query: web::Query<AccessLogQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let (at, q) = (query.pagination(), query.clone());
    let (actor, (filter, people, paged)) = state
        .read(caller, move |c, actor| {
            actor.require(Action::ManagePrivacy)?;
            let filter = q.filter();
            let people = queries::people(c, actor)?;
            let paged = match &filter {
                Ok(f) => queries::list(c, actor, f, at)?,
                Err(_) => Paged::new(Vec::new(), 0, at),
            };
            Ok((filter, people, paged))
        })
        .await?;
    let lang = actor.lang;
    let qs = query.to_query_string();
    let pager = paged.pager("/privacy/access-log", &qs);
    let errors = filter
        .as_ref()
        .err()
        .map(|e| e.translated(lang))
        .unwrap_or_default();
    let person = query.user_id.clone().unwrap_or_default();
    let kind = query.record_kind.clone().unwrap_or_default();
    let ctx = LogPage {
        filters_open: !qs.is_empty() || !errors.is_empty(),
        people: with_none(lang, "access-all-people", choices(people, &[&person])),
        kinds: with_none(
            lang,
            "access-all-kinds",
            translated_choices(lang, "access-kind-", RecordKind::codes(), &[&kind]),
        ),
        entries: paged.items.into_iter().map(|l| line(l, lang)).collect(),
        pager,
        export_url: match qs.is_empty() {
            true => "/privacy/access-log.csv".into(),
            false => format!("/privacy/access-log.csv?{qs}"),
        },
        errors,
        filters: query,
    };
    let status = match filter {
        Ok(_) => StatusCode::OK,
        Err(_) => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let page = Page::of(&session, &actor, "access-log-title", "admin", ctx);
    render_status(&state, status, "privacy/access_log", &page)
}

pub async fn export_access_log(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<AccessLogQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let (actor, lines) = state
        .read(caller, move |c, actor| {
            actor.require(Action::ManagePrivacy)?;
            queries::list_all(c, actor, &query.filter()?)
        })
        .await?;
    export::to_csv(&lines, actor.lang)?.into_response("journal-acces.csv")
}
