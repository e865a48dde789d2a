//! The outbox page (administrators): what was sent, what waits, what failed and why; a failed message
//! can be retried, and a test message sent to oneself checks the mail settings end to end.

use actix_session::Session;
use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::queries::{self, MessageLine, StatusCount};
use super::{service, MessageStatus};
use crate::access::Caller;
use crate::domain::ids::MessageId;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::csrf::Empty;
use crate::web::pagination::{query_string, Pager, Pagination};
use crate::web::{redirect, render, CsrfForm, Page};

/// `?status=&page=` of the outbox list; an unknown status lists every message.
#[derive(Debug, Deserialize)]
pub struct OutboxQuery {
    status: Option<String>,
    page: Option<i64>,
}

#[derive(Serialize)]
struct ListPage {
    statuses: Vec<StatusCount>,
    status: &'static str,
    messages: Vec<MessageLine>,
    pager: Pager,
}

pub async fn list_outbox(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    query: web::Query<OutboxQuery>,
) -> Result<HttpResponse, AppError> {
    let status = query.status.as_deref().and_then(MessageStatus::parse);
    let at = Pagination::new(query.page, None);
    let (actor, (statuses, paged)) = state
        .read(caller, move |c, actor| queries::list(c, actor, status, at))
        .await?;
    let code = status.map_or("", MessageStatus::as_str);
    let page = ListPage {
        pager: paged.pager("/outbox", &query_string([("status", code)])),
        statuses,
        status: code,
        messages: paged.items,
    };
    let ctx = Page::of(&session, &actor, "outbox-title", "admin", page);
    render(&state, "outbox/list", &ctx)
}

pub async fn show_message(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<MessageId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (actor, message) = state
        .read(caller, move |c, actor| queries::find(c, actor, id))
        .await?;
    let ctx = Page::of(&session, &actor, "outbox-message-title", "admin", message);
    render(&state, "outbox/show", &ctx)
}

/// Puts a failed message back in the queue for a fresh series of attempts.
pub async fn retry_message(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<MessageId>,
    _: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    state
        .write(caller, move |c, actor| service::retry(c, actor, id))
        .await?;
    Ok(redirect(
        &session,
        &format!("/outbox/{id}"),
        Some("flash-outbox-retried"),
    ))
}

/// Sends the test message to the signed-in administrator, through the outbox like every message.
pub async fn send_test(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    _: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let composer = state.mail.clone();
    state
        .write(caller, move |c, actor| {
            service::send_test(c, &composer, actor)
        })
        .await?;
    Ok(redirect(
        &session,
        "/outbox",
        Some("flash-outbox-test-queued"),
    ))
}
