//! Secret calendar links. Calendar apps cannot log in, so a feed is reached by a random token in
//! its URL; like API tokens, only its SHA-256 digest is stored, it is shown once, and it can be
//! revoked (the app then gets 404). A link reveals one building's, facilitator's or workshop's
//! sessions (titles, times, places; never tenants), and only while the account that made it is
//! active: a disabled account's links answer 404 like revoked ones.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{feed_span, host, ical};
use crate::access::Actor;
use crate::db::schema::{buildings, calendar_feeds, users};
use crate::db::{now, DbConnection};
use crate::domain::ids::{BuildingId, OfficeId, UserId, WorkshopId};
use crate::error::AppError;
use crate::workshops::queries::{self, calendar_of_office, within_scope, CalendarOf};

pub const KINDS: [&str; 3] = ["building", "facilitator", "workshop"];

fn digest(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether `secret` has the shape of a link's secret (48 hex digits).
pub fn well_formed(secret: &str) -> bool {
    secret.len() == 48 && secret.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Which calendar a link shows.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct FeedTarget {
    pub kind: String,
    pub target: i64,
}

/// The target's name, checking it is the office's and within the actor's scope (a committee
/// member's own buildings, and only their own facilitator calendar).
fn target_name(conn: &mut DbConnection, actor: &Actor, t: &FeedTarget) -> Result<String, AppError> {
    let office = actor.office_id;
    Ok(match t.kind.as_str() {
        "building" => {
            within_scope(actor, BuildingId(t.target))?;
            buildings::table
                .filter(buildings::id.eq(t.target))
                .filter(buildings::office_id.eq(office))
                .select(buildings::name)
                .first(conn)?
        }
        "facilitator" => {
            if queries::building_limit(actor).is_some() && t.target != actor.user_id.get() {
                return Err(AppError::NotFound);
            }
            users::table
                .filter(users::id.eq(t.target))
                .filter(users::office_id.eq(office))
                .select(users::display_name)
                .first(conn)?
        }
        "workshop" => queries::find(conn, actor, WorkshopId(t.target))?.title,
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

/// Revokes a link of the actor's office whose calendar the actor may see; returns its target.
pub fn revoke(conn: &mut DbConnection, actor: &Actor, id: i64) -> Result<FeedTarget, AppError> {
    let (kind, target): (String, i64) = calendar_feeds::table
        .filter(calendar_feeds::id.eq(id))
        .filter(calendar_feeds::office_id.eq(actor.office_id))
        .select((calendar_feeds::kind, calendar_feeds::target_id))
        .first(conn)?;
    let t = FeedTarget { kind, target };
    target_name(conn, actor, &t)?;
    diesel::update(calendar_feeds::table.find(id))
        .set(calendar_feeds::revoked_at.eq(Some(now())))
        .execute(conn)?;
    Ok(t)
}

/// The iCalendar document behind a live secret at `now`; `NotFound` for an unknown or revoked
/// one, or one whose maker's account is disabled.
pub fn render_feed(
    conn: &mut DbConnection,
    secret: &str,
    base_url: &str,
    now: NaiveDateTime,
) -> Result<String, AppError> {
    let (office, kind, target): (OfficeId, String, i64) = calendar_feeds::table
        .inner_join(users::table.on(users::id.eq(calendar_feeds::created_by)))
        .filter(calendar_feeds::token_hash.eq(digest(secret)))
        .filter(calendar_feeds::revoked_at.is_null())
        .filter(users::active.eq(true))
        .select((
            calendar_feeds::office_id,
            calendar_feeds::kind,
            calendar_feeds::target_id,
        ))
        .first(conn)?;
    let of = match kind.as_str() {
        "building" => CalendarOf::Building(BuildingId(target)),
        "facilitator" => CalendarOf::Facilitator(UserId(target)),
        _ => CalendarOf::Workshop(WorkshopId(target)),
    };
    let lines = calendar_of_office(conn, office, None, of, feed_span(now))?;
    Ok(ical("Passerelle", &host(base_url), &lines))
}

/// The links page: the calendar's name, its live links, and a new link's address just made.
#[derive(Serialize)]
pub struct FeedsPage {
    pub target: FeedTarget,
    pub name: String,
    pub new_url: Option<String>,
    pub feeds: Vec<(i64, NaiveDateTime)>,
}

/// The live links of one calendar the actor may see.
pub fn page(
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
