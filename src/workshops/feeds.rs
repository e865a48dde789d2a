//! Secret calendar links. Calendar apps cannot log in, so a feed is reached by a random token in
//! its URL; like API tokens, only its SHA-256 digest is stored, it is shown once, and it can be
//! revoked (the app then gets 404). A link reveals one building's, facilitator's or workshop's
//! sessions (titles, times, places; never tenants).

use actix_session::Session as WebSession;
use actix_web::{get, post, web, HttpResponse};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::calendar::{feed_span, host, ical};
use super::store::{self, CalendarOf};
use super::Actor;
use crate::db::schema::{buildings, calendar_feeds, users};
use crate::db::{now, DbConnection};
use crate::domain::roles::Action;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{redirect, render, CsrfForm, CurrentUser, Page};

pub const KINDS: [&str; 3] = ["building", "facilitator", "workshop"];

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list_feeds)
        .service(create_feed)
        .service(revoke_feed)
        .service(feed);
}

fn digest(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Which calendar a link shows.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct FeedTarget {
    pub kind: String,
    pub target: i64,
}

/// The target's name, checking it is the office's (and, for committee members, theirs).
fn target_name(conn: &mut DbConnection, actor: &Actor, t: &FeedTarget) -> Result<String, AppError> {
    let office = actor.office_id;
    Ok(match t.kind.as_str() {
        "building" => {
            actor.check_building(t.target)?;
            buildings::table
                .filter(buildings::id.eq(t.target))
                .filter(buildings::office_id.eq(office))
                .select(buildings::name)
                .first(conn)?
        }
        "facilitator" => {
            if actor.buildings.is_some() && t.target != actor.user_id {
                return Err(AppError::Forbidden);
            }
            users::table
                .filter(users::id.eq(t.target))
                .filter(users::office_id.eq(office))
                .select(users::display_name)
                .first(conn)?
        }
        "workshop" => {
            let w = store::find(conn, office, t.target)?;
            actor.check_building(w.building_id)?;
            w.title
        }
        _ => return Err(AppError::NotFound),
    })
}

/// Creates a link; returns the secret (never stored).
pub fn create(conn: &mut DbConnection, actor: &Actor, t: &FeedTarget) -> Result<String, AppError> {
    target_name(conn, actor, t)?;
    let mut bytes = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let secret: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    diesel::insert_into(calendar_feeds::table)
        .values((
            calendar_feeds::office_id.eq(actor.office_id),
            calendar_feeds::kind.eq(&t.kind),
            calendar_feeds::target_id.eq(t.target),
            calendar_feeds::token_hash.eq(digest(&secret)),
            calendar_feeds::created_by.eq(actor.user_id),
            calendar_feeds::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(secret)
}

/// The iCalendar document behind a live secret; `NotFound` for an unknown or revoked one.
pub fn render_feed(
    conn: &mut DbConnection,
    secret: &str,
    base_url: &str,
) -> Result<String, AppError> {
    let (office, kind, target): (i64, String, i64) = calendar_feeds::table
        .filter(calendar_feeds::token_hash.eq(digest(secret)))
        .filter(calendar_feeds::revoked_at.is_null())
        .select((
            calendar_feeds::office_id,
            calendar_feeds::kind,
            calendar_feeds::target_id,
        ))
        .first(conn)?;
    let of = match kind.as_str() {
        "building" => CalendarOf::Building(target),
        "facilitator" => CalendarOf::Facilitator(target),
        _ => CalendarOf::Workshop(target),
    };
    let (from, to) = feed_span();
    let lines = store::calendar(conn, office, of, from, to)?;
    Ok(ical("Passerelle", &host(base_url), &lines))
}

#[derive(Serialize)]
struct FeedsPage {
    target: FeedTarget,
    name: String,
    new_url: Option<String>,
    feeds: Vec<(i64, NaiveDateTime)>,
}

fn page(
    conn: &mut DbConnection,
    actor: &Actor,
    t: FeedTarget,
    new_url: Option<String>,
) -> Result<FeedsPage, AppError> {
    let name = target_name(conn, actor, &t)?;
    let feeds = calendar_feeds::table
        .filter(calendar_feeds::office_id.eq(actor.office_id))
        .filter(calendar_feeds::kind.eq(&t.kind))
        .filter(calendar_feeds::target_id.eq(t.target))
        .filter(calendar_feeds::revoked_at.is_null())
        .order(calendar_feeds::id.asc())
        .select((calendar_feeds::id, calendar_feeds::created_at))
        .load(conn)?;
    Ok(FeedsPage {
        target: t,
        name,
        new_url,
        feeds,
    })
}

#[get("/calendar-feeds")]
async fn list_feeds(
    state: web::Data<AppState>,
    session: WebSession,
    user: CurrentUser,
    query: web::Query<FeedTarget>,
) -> Result<HttpResponse, AppError> {
    let (u, t) = (user.clone(), query.into_inner());
    let p = state
        .db(move |c| {
            let actor = Actor::load(c, &u, Action::ManageWorkshops)?;
            page(c, &actor, t, None)
        })
        .await?;
    render(
        &state,
        "workshops/feeds",
        &Page::new(&session, &user, "feeds-title", "workshops", p),
    )
}

/// The form behind "create a secret link" (strings: form fields are parsed, not trusted).
#[derive(Debug, Deserialize)]
pub struct FeedForm {
    pub kind: Option<String>,
    pub target: Option<String>,
}

#[post("/calendar-feeds")]
async fn create_feed(
    state: web::Data<AppState>,
    session: WebSession,
    user: CurrentUser,
    CsrfForm(form): CsrfForm<FeedForm>,
) -> Result<HttpResponse, AppError> {
    let t = FeedTarget {
        kind: form.kind.unwrap_or_default(),
        target: form
            .target
            .and_then(|t| t.trim().parse().ok())
            .ok_or(AppError::NotFound)?,
    };
    let u = user.clone();
    let base = state
        .settings
        .server
        .base_url
        .trim_end_matches('/')
        .to_owned();
    let p = state
        .db_tx(move |c| {
            let actor = Actor::load(c, &u, Action::ManageWorkshops)?;
            let secret = create(c, &actor, &t)?;
            page(c, &actor, t, Some(format!("{base}/calendar/{secret}.ics")))
        })
        .await?;
    render(
        &state,
        "workshops/feeds",
        &Page::new(&session, &user, "feeds-title", "workshops", p),
    )
}

#[post("/calendar-feeds/{id}/revoke")]
async fn revoke_feed(
    state: web::Data<AppState>,
    session: WebSession,
    user: CurrentUser,
    id: web::Path<i64>,
    CsrfForm(_): CsrfForm<crate::accounts::routes::Empty>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let t = state
        .db_tx(move |c| {
            let actor = Actor::load(c, &user, Action::ManageWorkshops)?;
            let (kind, target): (String, i64) = calendar_feeds::table
                .filter(calendar_feeds::id.eq(id))
                .filter(calendar_feeds::office_id.eq(actor.office_id))
                .select((calendar_feeds::kind, calendar_feeds::target_id))
                .first(c)?;
            let t = FeedTarget { kind, target };
            target_name(c, &actor, &t)?;
            diesel::update(calendar_feeds::table.find(id))
                .set(calendar_feeds::revoked_at.eq(Some(now())))
                .execute(c)?;
            Ok(t)
        })
        .await?;
    let to = format!("/calendar-feeds?kind={}&target={}", t.kind, t.target);
    Ok(redirect(&session, &to, Some("feed-revoked")))
}

#[get("/calendar/{secret}.ics")]
async fn feed(
    state: web::Data<AppState>,
    secret: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let base = state.settings.server.base_url.clone();
    let secret = secret.into_inner();
    if secret.len() != 48 || !secret.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::NotFound);
    }
    let body = state.db(move |c| render_feed(c, &secret, &base)).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header(("Cache-Control", "private, max-age=300"))
        .body(body))
}
