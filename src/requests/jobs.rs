//! Scheduled work on requests, safe with several instances running: the daily digest of late
//! requests (one per department and per accompanying ISC and day, by dedup key) and the follow-up
//! question a few weeks after resolution (once per request, by conditional update and dedup key).
//! The tenant answers through a link carrying an unguessable token, without signing in.

use std::collections::BTreeMap;
use std::time::Duration;

use actix_session::Session;
use actix_web::{get, post, web, HttpResponse};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::mail::{self, category_label, Mailer};
use super::{service, store, Request, Status, Step};
use crate::db::schema::{buildings, request_categories, requests, tenants, users};
use crate::db::DbConnection;
use crate::email::{EmailTemplates, Enqueued, Recipient};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::{format, render, CsrfForm, Page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(followup_page).service(followup_answer);
}

#[derive(Serialize)]
struct LateItem {
    id: i64,
    building: String,
    category: String,
    due: String,
    url: String,
}

#[derive(Serialize)]
struct DigestMail {
    name: String,
    count: usize,
    items: Vec<LateItem>,
}

/// Most requests listed in one digest.
const DIGEST_ITEMS: usize = 100;

type LateRow = (
    i64,
    i64,
    Option<i64>,
    Option<i64>,
    NaiveDateTime,
    String,
    String,
    String,
);

/// Enqueues today's digest of late requests for every department and accompanying ISC that has
/// some, once a day each (`late-digest:dept:<id>:<date>`, `late-digest:isc:<id>:<date>`). Returns
/// how many digests were enqueued by this run.
pub fn run_due_late_digests(
    conn: &mut DbConnection,
    templates: &EmailTemplates,
    base_url: &str,
    now: NaiveDateTime,
) -> Result<usize, AppError> {
    let mailer = Mailer {
        templates,
        base_url,
    };
    let rows: Vec<LateRow> = requests::table
        .inner_join(buildings::table)
        .inner_join(request_categories::table)
        .filter(requests::status.eq_any(Status::open_codes()))
        .filter(requests::due_at.lt(now))
        .order((requests::due_at, requests::id))
        .select((
            requests::id,
            requests::office_id,
            requests::department_id,
            requests::isc_id,
            requests::due_at,
            buildings::name,
            request_categories::code,
            request_categories::name,
        ))
        .load(conn)?;
    let date = format::local_time(now).date();
    let mut by_dept: BTreeMap<(i64, i64), Vec<&LateRow>> = BTreeMap::new();
    let mut by_isc: BTreeMap<(i64, i64), Vec<&LateRow>> = BTreeMap::new();
    for row in &rows {
        if let Some(d) = row.2 {
            by_dept.entry((row.1, d)).or_default().push(row);
        }
        if let Some(i) = row.3 {
            by_isc.entry((row.1, i)).or_default().push(row);
        }
    }
    let mut sent = 0;
    for ((office, dept), items) in by_dept {
        let Some((name, address)) = mail::department(conn, dept)? else {
            continue;
        };
        let to = Recipient {
            address,
            name,
            lang: Lang::Fr,
        };
        let key = format!("late-digest:dept:{dept}:{date}");
        sent += digest(conn, &mailer, office, to, &items, key)?;
    }
    for ((office, isc), items) in by_isc {
        let Some((name, address, lang, active)) = users::table
            .find(isc)
            .select((
                users::display_name,
                users::email,
                users::language,
                users::active,
            ))
            .first::<(String, String, String, bool)>(conn)
            .optional()?
        else {
            continue;
        };
        if !active {
            continue;
        }
        let to = Recipient {
            address,
            name,
            lang: Lang::parse(&lang),
        };
        let key = format!("late-digest:isc:{isc}:{date}");
        sent += digest(conn, &mailer, office, to, &items, key)?;
    }
    Ok(sent)
}

fn digest(
    conn: &mut DbConnection,
    mailer: &Mailer,
    office: i64,
    to: Recipient,
    items: &[&LateRow],
    key: String,
) -> Result<usize, AppError> {
    let lang = to.lang;
    let ctx = DigestMail {
        name: to.name.clone(),
        count: items.len(),
        // The latest first; a department far behind gets the worst 100 and the total, not a
        // message of thousands of lines.
        items: items
            .iter()
            .take(DIGEST_ITEMS)
            .map(|r| LateItem {
                id: r.0,
                building: r.5.clone(),
                category: category_label(lang, &r.6, &r.7),
                due: format::datetime(lang, r.4),
                url: mailer.url(r.0),
            })
            .collect(),
    };
    let queued = mailer.send(conn, office, "request_late_digest", to, &ctx, Some(key))?;
    Ok(usize::from(matches!(queued, Enqueued::Queued(_))))
}

#[derive(Serialize)]
struct FollowupMail {
    name: String,
    request_id: i64,
    category: String,
    yes_url: String,
    no_url: String,
}

/// Asks every consenting tenant whose request was resolved `followup_days` ago or more whether the
/// problem is really fixed, once per request (`followup:<id>`). Returns how many were asked.
pub fn run_due_followups(
    conn: &mut DbConnection,
    templates: &EmailTemplates,
    base_url: &str,
    followup_days: i64,
    now: NaiveDateTime,
) -> Result<usize, AppError> {
    let mailer = Mailer {
        templates,
        base_url,
    };
    let due: Vec<Request> = requests::table
        .inner_join(tenants::table.on(tenants::id.nullable().eq(requests::tenant_id)))
        .filter(requests::status.eq(Status::Resolved.as_str()))
        .filter(requests::resolved_at.le(now - chrono::Duration::days(followup_days)))
        .filter(requests::followup_sent_at.is_null())
        .filter(requests::followup_token.is_not_null())
        .filter(tenants::consent_email_at.is_not_null())
        .filter(tenants::email.ne(""))
        .select(requests::all_columns)
        .order(requests::id)
        .limit(500)
        .load(conn)?;
    let mut asked = 0;
    for r in due {
        // Whoever marks it first asks; another instance's update finds nothing to change.
        let claimed = diesel::update(
            requests::table
                .filter(requests::id.eq(r.id))
                .filter(requests::followup_sent_at.is_null()),
        )
        .set(requests::followup_sent_at.eq(now))
        .execute(conn)?;
        let (Some(to), Some(token), 1) = (
            mail::consenting_tenant(conn, &r)?,
            &r.followup_token,
            claimed,
        ) else {
            continue;
        };
        let names = store::names(conn, &r)?;
        let base = base_url.trim_end_matches('/');
        let ctx = FollowupMail {
            name: to.name.clone(),
            request_id: r.id,
            category: category_label(to.lang, &names.category_code, &names.category_name),
            yes_url: format!("{base}/requests/followup/{token}?answer=yes"),
            no_url: format!("{base}/requests/followup/{token}?answer=no"),
        };
        let key = Some(format!("followup:{}", r.id));
        if let Enqueued::Queued(_) =
            mailer.send(conn, r.office_id, "request_followup", to, &ctx, key)?
        {
            asked += 1;
        }
    }
    Ok(asked)
}

/// The request a follow-up token belongs to.
fn by_token(conn: &mut DbConnection, token: &str) -> Result<Request, AppError> {
    if token.len() < 32 {
        return Err(AppError::NotFound);
    }
    Ok(requests::table
        .filter(requests::followup_token.eq(token))
        .first(conn)?)
}

#[derive(Serialize)]
struct ReopenedMail {
    request_id: i64,
    building: String,
    category: String,
    url: String,
}

/// Records the tenant's answer once: "yes" closes the question; "no" reopens the request and tells its
/// department. Returns whether this call recorded it.
pub fn answer_followup(
    conn: &mut DbConnection,
    mailer: &Mailer,
    token: &str,
    fixed: bool,
    now: NaiveDateTime,
) -> Result<bool, AppError> {
    let r = by_token(conn, token)?;
    if !r.followup_answer.is_empty() {
        return Ok(false);
    }
    let answer = if fixed { "yes" } else { "no" };
    let set = diesel::update(
        requests::table
            .filter(requests::id.eq(r.id))
            .filter(requests::followup_answer.eq("")),
    )
    .set(requests::followup_answer.eq(answer))
    .execute(conn)?;
    if set == 0 {
        return Ok(false);
    }
    let kind = if fixed { "followup_yes" } else { "followup_no" };
    if fixed || !Step::Reopen.allowed(r.status()) {
        service::event(conn, r.office_id, r.id, kind, None, "", true, None, now)?;
        return Ok(true);
    }
    let r = store::find_in_office(conn, r.office_id, r.id)?;
    service::apply(conn, &r, Step::Reopen, r.department_id, None, now)?;
    let change = Some((r.status(), Status::InProgress));
    service::event(conn, r.office_id, r.id, kind, change, "", true, None, now)?;
    if let Some((name, address)) = r
        .department_id
        .map(|d| mail::department(conn, d))
        .transpose()?
        .flatten()
    {
        let names = store::names(conn, &r)?;
        let ctx = ReopenedMail {
            request_id: r.id,
            building: names.building,
            category: category_label(Lang::Fr, &names.category_code, &names.category_name),
            url: mailer.url(r.id),
        };
        let to = Recipient {
            address,
            name,
            lang: Lang::Fr,
        };
        mailer.send(conn, r.office_id, "request_reopened", to, &ctx, None)?;
    }
    Ok(true)
}

#[derive(Deserialize)]
struct AnswerQuery {
    answer: Option<String>,
}

#[derive(Serialize)]
struct FollowupPage {
    request_id: i64,
    category: String,
    answered: bool,
    fixed: bool,
    action: String,
}

fn tenant_lang(conn: &mut DbConnection, r: &Request) -> Result<Lang, AppError> {
    Ok(match r.tenant_id {
        Some(t) => Lang::parse(
            &tenants::table
                .find(t)
                .select(tenants::language)
                .first::<String>(conn)?,
        ),
        None => Lang::Fr,
    })
}

/// The page a follow-up link opens: the question, with the answer chosen in the email preselected;
/// the answer is recorded by the form (a link alone changes nothing, so mail scanners that open
/// links do not answer for the tenant).
#[get("/requests/followup/{token}")]
async fn followup_page(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<String>,
    query: web::Query<AnswerQuery>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let t = token.clone();
    let (r, names, lang) = state
        .db(move |c| {
            let r = by_token(c, &t)?;
            let names = store::names(c, &r)?;
            let lang = tenant_lang(c, &r)?;
            Ok((r, names, lang))
        })
        .await?;
    let page = FollowupPage {
        request_id: r.id,
        category: category_label(lang, &names.category_code, &names.category_name),
        answered: !r.followup_answer.is_empty(),
        fixed: query.answer.as_deref() != Some("no"),
        action: format!("/requests/followup/{token}"),
    };
    let ctx = Page::anonymous(&session, lang, "request-followup-title", page);
    render(&state, "requests/followup", &ctx)
}

#[derive(Deserialize)]
struct AnswerForm {
    answer: Option<String>,
}

#[post("/requests/followup/{token}")]
async fn followup_answer(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<AnswerForm>,
) -> Result<HttpResponse, AppError> {
    let fixed = match form.answer.as_deref() {
        Some("yes") => true,
        Some("no") => false,
        _ => return Err(AppError::BadRequest("err-bad-request")),
    };
    let token = path.into_inner();
    let parts = mail::MailParts::of(&state);
    let t = token.clone();
    state
        .db_tx(move |c| answer_followup(c, &parts.mailer(), &t, fixed, crate::db::now()))
        .await?;
    Ok(crate::web::redirect(
        &session,
        &format!("/requests/followup/{token}"),
        Some("request-followup-thanks"),
    ))
}

/// Runs the late digests and follow-ups every `jobs_interval_seconds` (never when 0).
/// The requests' periodic jobs: the daily late digest and the follow-up question.
pub fn jobs(mail: crate::email::Composer, followup_days: i64) -> Vec<crate::jobs::Job> {
    use crate::jobs::{Job, Mode};
    let every = Duration::from_secs(900);
    let digest_mail = mail.clone();
    vec![
        Job::new(
            "request_late_digests",
            Mode::Exclusive,
            every,
            move |c, now| {
                let (t, b) = (digest_mail.templates(), digest_mail.base_url());
                crate::db::write_tx(c, |c| run_due_late_digests(c, t, b, now))
            },
        ),
        Job::new(
            "request_followups",
            Mode::Exclusive,
            every,
            move |c, now| {
                let (t, b) = (mail.templates(), mail.base_url());
                crate::db::write_tx(c, |c| run_due_followups(c, t, b, followup_days, now))
            },
        ),
    ]
}
