//! The outbox page (administrators): what was sent, what waits, what failed and why; a failed message
//! can be retried, and a test message sent to oneself checks the mail settings end to end.

use actix_session::Session;
use actix_web::{get, post, web, HttpResponse};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::{enqueue, EmailTemplates, Outgoing, Recipient};
use crate::accounts::routes::Empty;
use crate::db::{self, schema::outbox, DbConnection};
use crate::domain::roles::Action;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{redirect, render, CsrfForm, CurrentUser, Page, Pager, PAGE_SIZE};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list_outbox)
        .service(send_test)
        .service(show_message)
        .service(retry_message);
}

pub const STATUSES: [&str; 4] = ["pending", "sending", "sent", "failed"];

#[derive(Debug, Serialize, Queryable)]
struct Row {
    id: i64,
    kind: String,
    to_address: String,
    subject: String,
    status: String,
    attempts: i32,
    next_attempt_at: NaiveDateTime,
    last_error: String,
    created_at: NaiveDateTime,
    sent_at: Option<NaiveDateTime>,
}

#[derive(Serialize)]
struct StatusCount {
    status: &'static str,
    count: i64,
    current: bool,
}

#[derive(Serialize)]
struct ListPage {
    statuses: Vec<StatusCount>,
    status: String,
    messages: Vec<Row>,
    pager: Pager,
}

#[derive(Deserialize)]
struct OutboxQuery {
    status: Option<String>,
    page: Option<i64>,
}

fn list(
    c: &mut DbConnection,
    office: i64,
    status: Option<&'static str>,
    offset: i64,
) -> QueryResult<(Vec<StatusCount>, Vec<Row>, i64)> {
    let counts: Vec<(String, i64)> = outbox::table
        .filter(outbox::office_id.eq(office))
        .group_by(outbox::status)
        .select((outbox::status, diesel::dsl::count_star()))
        .load(c)?;
    let statuses = STATUSES
        .iter()
        .map(|s| StatusCount {
            status: s,
            count: counts.iter().find(|(k, _)| k == s).map_or(0, |(_, n)| *n),
            current: status == Some(*s),
        })
        .collect::<Vec<_>>();
    let total = match status {
        Some(s) => statuses
            .iter()
            .find(|c| c.status == s)
            .map_or(0, |c| c.count),
        None => statuses.iter().map(|c| c.count).sum(),
    };
    let mut query = outbox::table
        .filter(outbox::office_id.eq(office))
        .into_boxed();
    if let Some(s) = status {
        query = query.filter(outbox::status.eq(s));
    }
    let rows = query
        .order(outbox::id.desc())
        .offset(offset)
        .limit(PAGE_SIZE)
        .select((
            outbox::id,
            outbox::kind,
            outbox::to_address,
            outbox::subject,
            outbox::status,
            outbox::attempts,
            outbox::next_attempt_at,
            outbox::last_error,
            outbox::created_at,
            outbox::sent_at,
        ))
        .load(c)?;
    Ok((statuses, rows, total))
}

#[get("/outbox")]
async fn list_outbox(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    query: web::Query<OutboxQuery>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageOffice)?;
    let status = STATUSES
        .into_iter()
        .find(|s| Some(*s) == query.status.as_deref());
    let page = query.page.unwrap_or(1).clamp(1, 100_000);
    let office = user.office_id;
    let (statuses, messages, total) = state
        .db(move |c| Ok(list(c, office, status, (page - 1) * PAGE_SIZE)?))
        .await?;
    let base = format!("/outbox?status={}&", status.unwrap_or(""));
    let mut pager = Pager::new("/outbox", "", page, total);
    for link in [&mut pager.prev, &mut pager.next].into_iter().flatten() {
        *link = link.replacen("/outbox?", &base, 1);
    }
    let body = ListPage {
        statuses,
        status: status.unwrap_or("").to_owned(),
        messages,
        pager,
    };
    let ctx = Page::new(&session, &user, "outbox-title", "admin", body);
    render(&state, "outbox/list", &ctx)
}

#[derive(Serialize, Queryable)]
struct Message {
    id: i64,
    kind: String,
    to_address: String,
    to_name: String,
    reply_to: String,
    subject: String,
    body_text: String,
    status: String,
    attempts: i32,
    next_attempt_at: NaiveDateTime,
    last_error: String,
    created_at: NaiveDateTime,
    sent_at: Option<NaiveDateTime>,
}

#[get("/outbox/{id}")]
async fn show_message(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageOffice)?;
    let (office, id) = (user.office_id, path.into_inner());
    let message: Message = state
        .db(move |c| {
            outbox::table
                .filter(outbox::office_id.eq(office))
                .find(id)
                .select((
                    outbox::id,
                    outbox::kind,
                    outbox::to_address,
                    outbox::to_name,
                    outbox::reply_to,
                    outbox::subject,
                    outbox::body_text,
                    outbox::status,
                    outbox::attempts,
                    outbox::next_attempt_at,
                    outbox::last_error,
                    outbox::created_at,
                    outbox::sent_at,
                ))
                .first(c)
                .optional()?
                .ok_or(AppError::NotFound)
        })
        .await?;
    let ctx = Page::new(&session, &user, "outbox-message-title", "admin", message);
    render(&state, "outbox/show", &ctx)
}

/// Puts a failed message back in the queue for a fresh series of attempts.
#[post("/outbox/{id}/retry")]
async fn retry_message(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageOffice)?;
    let (office, id) = (user.office_id, path.into_inner());
    state
        .db_tx(move |c| {
            let exists: i64 = outbox::table
                .filter(outbox::office_id.eq(office))
                .find(id)
                .count()
                .get_result(c)?;
            if exists == 0 {
                return Err(AppError::NotFound);
            }
            let changed =
                diesel::update(outbox::table.find(id).filter(outbox::status.eq("failed")))
                    .set((
                        outbox::status.eq("pending"),
                        outbox::attempts.eq(0),
                        outbox::next_attempt_at.eq(db::now()),
                    ))
                    .execute(c)?;
            if changed == 0 {
                return Err(AppError::Conflict("outbox-not-failed"));
            }
            Ok(())
        })
        .await?;
    Ok(redirect(
        &session,
        &format!("/outbox/{id}"),
        Some("flash-outbox-retried"),
    ))
}

/// Sends the test message to the signed-in administrator, through the outbox like every message.
#[post("/outbox/test")]
async fn send_test(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageOffice)?;
    let (office, to, lang) = (user.office_id, user.email.clone(), user.lang);
    let (templates, base_url) = (state.emails.clone(), state.settings.server.base_url.clone());
    state
        .db_tx(move |c| {
            let recipient = Recipient {
                address: to,
                name: user.display_name,
                lang,
            };
            enqueue_test(c, &templates, &base_url, office, recipient)
        })
        .await?;
    Ok(redirect(
        &session,
        "/outbox",
        Some("flash-outbox-test-queued"),
    ))
}

fn enqueue_test(
    c: &mut DbConnection,
    templates: &EmailTemplates,
    base_url: &str,
    office: i64,
    to: Recipient,
) -> Result<(), AppError> {
    let mail = Outgoing {
        office_id: Some(crate::domain::ids::OfficeId(office)),
        template: "test_message",
        to,
        context: &serde_json::json!({}),
        dedup_key: None,
    };
    enqueue(c, templates, base_url, mail).map(|_| ())
}

/// Queues `count` test messages to `to` (the `mail test` command: checks the SMTP settings, and
/// loads the outbox for the delivery benchmark).
pub fn enqueue_test_messages(
    c: &mut DbConnection,
    templates: &EmailTemplates,
    base_url: &str,
    office: i64,
    to: &str,
    count: u32,
) -> Result<(), AppError> {
    for _ in 0..count {
        let recipient = Recipient {
            address: to.to_owned(),
            name: String::new(),
            lang: crate::i18n::Lang::Fr,
        };
        enqueue_test(c, templates, base_url, office, recipient)?;
    }
    Ok(())
}

/// Messages per status, and when the first and last were delivered.
pub struct Status {
    pub counts: Vec<(String, i64)>,
    pub first_sent: Option<NaiveDateTime>,
    pub last_sent: Option<NaiveDateTime>,
}

pub fn status(c: &mut DbConnection) -> QueryResult<Status> {
    use diesel::dsl::{count_star, max, min};
    let counts = outbox::table
        .group_by(outbox::status)
        .select((outbox::status, count_star()))
        .order(outbox::status)
        .load(c)?;
    let (first_sent, last_sent) = outbox::table
        .select((min(outbox::sent_at), max(outbox::sent_at)))
        .first(c)?;
    Ok(Status {
        counts,
        first_sent,
        last_sent,
    })
}

/// Messages waiting (pending or being sent) and failed: read through the status index, without
/// touching the sent ones.
pub fn backlog(c: &mut DbConnection) -> QueryResult<(i64, i64)> {
    let rows: Vec<(String, i64)> = outbox::table
        .filter(outbox::status.eq_any(["pending", "sending", "failed"]))
        .group_by(outbox::status)
        .select((outbox::status, diesel::dsl::count_star()))
        .load(c)?;
    let sum = |names: &[&str]| -> i64 {
        rows.iter()
            .filter(|(s, _)| names.contains(&s.as_str()))
            .map(|(_, n)| n)
            .sum()
    };
    Ok((sum(&["pending", "sending"]), sum(&["failed"])))
}
