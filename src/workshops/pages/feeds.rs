//! The secret calendar links of a calendar (made, listed, revoked), and the feed itself.

use actix_session::Session as WebSession;
use actix_web::{web, HttpResponse};

use crate::access::Caller;
use crate::domain::roles::Action;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::csrf::Empty;
use crate::web::{redirect, render, CsrfForm, Page};
use crate::workshops::calendar::feeds::{self, FeedTarget};
use crate::workshops::input::FeedForm;

pub async fn list_feeds(
    state: web::Data<AppState>,
    session: WebSession,
    caller: Caller,
    query: web::Query<FeedTarget>,
) -> Result<HttpResponse, AppError> {
    let t = query.into_inner();
    let (actor, p) = state
        .read(caller, move |c, actor| {
            actor.require(Action::ManageWorkshops)?;
            feeds::page(c, actor, t, None)
        })
        .await?;
    render(
        &state,
        "workshops/feeds",
        &Page::of(&session, &actor, "feeds-title", "workshops", p),
    )
}

pub async fn create_feed(
    state: web::Data<AppState>,
    session: WebSession,
    caller: Caller,
    CsrfForm(form): CsrfForm<FeedForm>,
) -> Result<HttpResponse, AppError> {
    let t = form.target().ok_or(AppError::NotFound)?;
    let base = state.mail.base_url().to_owned();
    let (actor, p) = state
        .write(caller, move |c, actor| {
            actor.require(Action::ManageWorkshops)?;
            let secret = feeds::create(c, actor, &t)?;
            feeds::page(c, actor, t, Some(format!("{base}/calendar/{secret}.ics")))
        })
        .await?;
    render(
        &state,
        "workshops/feeds",
        &Page::of(&session, &actor, "feeds-title", "workshops", p),
    )
}

pub async fn revoke_feed(
    state: web::Data<AppState>,
    session: WebSession,
    caller: Caller,
    id: web::Path<i64>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let (_, t) = state
        .write(caller, move |c, actor| {
            actor.require(Action::ManageWorkshops)?;
            feeds::revoke(c, actor, id)
        })
        .await?;
    let to = format!("/calendar-feeds?kind={}&target={}", t.kind, t.target);
    Ok(redirect(&session, &to, Some("feed-revoked")))
}

/// The iCalendar document behind a secret link (no sign-in: the link is the credential).
pub async fn feed(
    state: web::Data<AppState>,
    secret: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let base = state.settings.server.base_url.clone();
    let secret = secret.into_inner();
    if !feeds::well_formed(&secret) {
        return Err(AppError::NotFound);
    }
    let body = state
        .read_anonymous(move |c| feeds::render_feed(c, &secret, &base, crate::db::now()))
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header(("Cache-Control", "private, max-age=300"))
        .body(body))
}
