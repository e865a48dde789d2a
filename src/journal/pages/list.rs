//! `/journal`: the office's entries with filters, totals of the filtered set and pagination, and
//! `/journal.csv`, the same selection as a spreadsheet.

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use super::{buildings, groups, Group};
use crate::access::Caller;
use crate::domain::ids::JournalEntryId;
use crate::domain::poles::Pole;
use crate::domain::roles::Action;
use crate::error::AppError;
use crate::i18n::{t, Lang};
use crate::journal::{export, queries, service, JournalLine, JournalQuery, Source, Totals};
use crate::state::AppState;
use crate::web::choice::{choices, with_none, Choice};
use crate::web::pagination::{Paged, Pager};
use crate::web::{render_status, Page};

/// Hours with one decimal, in the language's notation ("12,5" / "12.5").
fn hours(minutes: i64, lang: Lang) -> String {
    let h = format!("{:.1}", minutes as f64 / 60.0);
    match lang {
        Lang::Fr => h.replace('.', ","),
        Lang::En => h,
    }
}

#[derive(Serialize)]
struct EntryLine {
    id: JournalEntryId,
    occurred_on: String,
    pole: String,
    sub_activity: String,
    duration_minutes: i32,
    building: Option<String>,
    people_reached: i32,
    note: String,
    author: String,
    source: Option<String>,
    can_change: bool,
}

#[derive(Serialize)]
struct TotalsView {
    entries: i64,
    hours: String,
    people_reached: i64,
}

#[derive(Serialize)]
struct ListPage {
    filters: JournalQuery,
    filters_open: bool,
    errors: BTreeMap<String, String>,
    poles: Vec<Choice>,
    groups: Vec<Group>,
    buildings: Vec<Choice>,
    authors: Vec<Choice>,
    entries: Vec<EntryLine>,
    totals: TotalsView,
    pager: Pager,
    export_url: String,
    can_write: bool,
}

fn entry_line(l: JournalLine, lang: Lang, can_change: bool) -> EntryLine {
    let e = l.entry;
    EntryLine {
        can_change,
        id: e.id,
        occurred_on: e.occurred_on.format("%Y-%m-%d").to_string(),
        pole: t(lang, &e.pole.label_key()),
        sub_activity: t(lang, &e.sub_activity.label_key()),
        duration_minutes: e.duration_minutes,
        building: l.building,
        people_reached: e.people_reached,
        note: e.note,
        author: l.author,
        source: (e.source != Source::Manual)
            .then(|| t(lang, &format!("journal-source-{}", e.source))),
    }
}

/// The filter selects, each with the query's value chosen.
fn filter_choices(lang: Lang, query: &JournalQuery) -> (Vec<Choice>, Vec<Choice>) {
    let value = |v: &Option<String>| v.clone().unwrap_or_default();
    let pole = value(&query.pole);
    let poles = with_none(
        lang,
        "journal-all-poles",
        choices(
            Pole::ALL.map(|p| (p.number(), t(lang, &p.label_key()))),
            &[&pole],
        ),
    );
    let author = value(&query.author);
    let authors = with_none(
        lang,
        "journal-author-all",
        choices([("me", t(lang, "journal-author-me"))], &[&author]),
    );
    (poles, authors)
}

pub async fn list_journal(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    query: web::Query<JournalQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let at = query.pagination();
    let q = query.clone();
    let (actor, (filter, names, paged, totals)) = state
        .read(caller, move |c, actor| {
            actor.require(Action::ReadJournal)?;
            let filter = q.filter(actor.user_id);
            let names = crate::registry::buildings::names(c, actor)?;
            let (paged, totals) = match &filter {
                Ok(f) => queries::list(c, actor, f, at)?,
                Err(_) => (Paged::new(Vec::new(), 0, at), Totals::default()),
            };
            Ok((filter, names, paged, totals))
        })
        .await?;
    let lang = actor.lang;
    let qs = query.to_query_string();
    let pager = paged.pager("/journal", &qs);
    let entries = paged
        .items
        .into_iter()
        .map(|l| {
            let can_change = service::may_change(&l.entry, &actor).is_ok();
            entry_line(l, lang, can_change)
        })
        .collect();
    let errors = filter
        .as_ref()
        .err()
        .map(|e| e.translated(lang))
        .unwrap_or_default();
    let (poles, authors) = filter_choices(lang, &query);
    let building = query.building_id.clone().unwrap_or_default();
    let ctx = ListPage {
        filters_open: !qs.is_empty() || !errors.is_empty(),
        poles,
        groups: groups(lang, query.sub_activity.as_deref().unwrap_or("")),
        buildings: buildings(lang, names, "journal-all-buildings", &building),
        authors,
        entries,
        totals: TotalsView {
            entries: totals.entries,
            hours: hours(totals.minutes, lang),
            people_reached: totals.people_reached,
        },
        pager,
        export_url: match qs.is_empty() {
            true => "/journal.csv".into(),
            false => format!("/journal.csv?{qs}"),
        },
        can_write: actor.can(Action::WriteJournal),
        errors,
        filters: query,
    };
    let status = match filter {
        Ok(_) => StatusCode::OK,
        Err(_) => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let page = Page::of(&session, &actor, "journal-title", "journal", ctx);
    render_status(&state, status, "journal/list", &page)
}

pub async fn export_journal(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<JournalQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let (actor, lines) = state
        .read(caller, move |c, actor| {
            actor.require(Action::ReadJournal)?;
            let filter = query.filter(actor.user_id)?;
            queries::list_all(c, actor, &filter)
        })
        .await?;
    export::to_csv(&lines, actor.lang)?.into_response("journal.csv")
}
