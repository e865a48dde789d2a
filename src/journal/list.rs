//! The journal list: the office's entries with filters, totals of the filtered set (SQL
//! aggregates), pagination, and the CSV export of the same selection.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, web, HttpResponse};
use serde::Serialize;
use std::collections::BTreeMap;

use super::pages::{actor, building_choices, choice, groups, Choice, Group};
use super::store::{self, authorize_change};
use super::{export, JournalQuery, Totals, SOURCE_MANUAL};
use crate::domain::poles::{sub_activity_key, Pole};
use crate::domain::roles::Action;
use crate::error::AppError;
use crate::i18n::{t, Lang};
use crate::state::AppState;
use crate::web::{csv_response, render_status, CurrentUser, Page, Pager, PAGE_SIZE};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list_journal).service(export_journal);
}

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
    id: i64,
    date: String,
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

#[get("/journal")]
async fn list_journal(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    query: web::Query<JournalQuery>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ReadJournal)?;
    let query = query.into_inner();
    let filter = query.filter(user.id);
    let (office, page) = (user.office_id, query.page());
    let f = filter.clone().ok();
    let (names, lines, totals) = state
        .db(move |c| {
            let names = store::building_names(c, office)?;
            let Some(f) = f else {
                return Ok((names, Vec::new(), Totals::default()));
            };
            let lines = store::list(c, office, &f, (page - 1) * PAGE_SIZE, PAGE_SIZE)?;
            Ok((names, lines, store::totals(c, office, &f)?))
        })
        .await?;
    let (lang, me) = (user.lang, actor(&user));
    let qs = query.to_query_string();
    let mut pager = Pager::new("/journal", "", page, totals.entries);
    if !qs.is_empty() {
        pager.prev = pager.prev.map(|u| format!("{u}&{qs}"));
        pager.next = pager.next.map(|u| format!("{u}&{qs}"));
    }
    let entries = lines
        .into_iter()
        .map(|l| {
            let e = l.entry;
            EntryLine {
                can_change: authorize_change(&e, me).is_ok(),
                id: e.id,
                date: e.occurred_on.format("%Y-%m-%d").to_string(),
                pole: t(lang, &format!("pole-{}", e.pole)),
                sub_activity: t(lang, &sub_activity_key(&e.sub_activity)),
                duration_minutes: e.duration_minutes,
                building: l.building,
                people_reached: e.people_reached,
                note: e.note,
                author: l.author,
                source: (e.source != SOURCE_MANUAL)
                    .then(|| t(lang, &format!("journal-source-{}", e.source))),
            }
        })
        .collect();
    let value = |v: &Option<String>| v.clone().unwrap_or_default();
    let errors = filter
        .as_ref()
        .err()
        .map(|e| e.translated(lang))
        .unwrap_or_default();
    let mut poles = vec![choice(
        "",
        t(lang, "journal-all-poles"),
        &value(&query.pole),
    )];
    poles.extend(
        Pole::ALL
            .iter()
            .map(|p| choice(p.number(), t(lang, &p.label_key()), &value(&query.pole))),
    );
    let author = value(&query.author);
    let ctx = ListPage {
        filters_open: !qs.is_empty() || !errors.is_empty(),
        poles,
        groups: groups(lang, &value(&query.sub_activity)),
        buildings: building_choices(
            lang,
            &names,
            "journal-all-buildings",
            &value(&query.building_id),
        ),
        authors: vec![
            choice(
                "",
                t(lang, "journal-author-all"),
                if author == "all" { "" } else { &author },
            ),
            choice("me", t(lang, "journal-author-me"), &author),
        ],
        entries,
        totals: TotalsView {
            entries: totals.entries,
            hours: hours(totals.minutes, lang),
            people_reached: totals.people_reached,
        },
        pager,
        export_url: if qs.is_empty() {
            "/journal.csv".into()
        } else {
            format!("/journal.csv?{qs}")
        },
        can_write: user.role.can(Action::WriteJournal),
        errors,
        filters: query,
    };
    let status = if filter.is_ok() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = Page::new(&session, &user, "journal-title", "journal", ctx);
    render_status(&state, status, "journal/list", &page)
}

#[get("/journal.csv")]
async fn export_journal(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<JournalQuery>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ReadJournal)?;
    let (office, filter) = (user.office_id, query.filter(user.id)?);
    let lines = state
        .db(move |c| store::list_all(c, office, &filter))
        .await?;
    Ok(csv_response(
        "journal.csv",
        export::to_csv(&lines, user.lang)?,
    ))
}
