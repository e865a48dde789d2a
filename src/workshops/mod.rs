//! Pole 3 — workshops and activities (ateliers, cafés-rencontres, cuisines collectives…): scheduling
//! with a room/facilitator conflict check, sessions materialised one row per occurrence, tenant
//! registrations with a waiting list, reminders, attendance that writes the practice journal,
//! calendars (pages and iCalendar feeds), the lobby poster and the building's public page.
//!
//! Committee members manage the activities of their buildings (`user_buildings`); tenant
//! associations do not exist yet in Passerelle, so an activity belongs to a building, not to an
//! association.

pub mod api;
pub mod attendance;
pub mod calendar;
pub mod feeds;
pub mod input;
pub mod move_page;
pub mod notify;
pub mod pages;
pub mod public;
pub mod registrations;
pub mod reminders;
pub mod schedule;
pub mod session_pages;
pub mod store;

use actix_web::web;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;
use utoipa::OpenApi;

use crate::db::schema::user_buildings;
use crate::db::DbConnection;
use crate::domain::roles::{Action, Role};
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::CurrentUser;

pub use input::{NewWorkshop, WorkshopInput};
pub use reminders::run_due_reminders;

/// Montréal: every wall time of a workshop is read and shown there.
pub const TZ: chrono_tz::Tz = chrono_tz::America::Montreal;

/// The `source` of the journal entries a held session writes.
pub const JOURNAL_SOURCE: &str = "workshop";

pub fn configure(cfg: &mut web::ServiceConfig) {
    pages::configure(cfg);
    public::configure(cfg);
    feeds::configure(cfg);
}

pub fn configure_api(cfg: &mut web::ServiceConfig) {
    api::configure(cfg);
}

pub fn api_docs() -> Vec<utoipa::openapi::OpenApi> {
    vec![api::Doc::openapi()]
}

/// A workshop as stored.
#[derive(Debug, Clone, Queryable, Serialize, utoipa::ToSchema)]
pub struct Workshop {
    pub id: i64,
    pub office_id: i64,
    pub title: String,
    pub description: String,
    pub theme: String,
    /// A pole-3 sub-activity code.
    pub sub_activity: String,
    pub building_id: i64,
    pub room_id: Option<i64>,
    /// An outside place, when there is no room.
    pub place: String,
    /// fr, en or fr_en
    pub language: String,
    pub capacity: i32,
    /// building, buildings or office
    pub audience: String,
    pub registration_opens_on: Option<NaiveDate>,
    pub registration_closes_on: Option<NaiveDate>,
    /// Hours before each session a reminder goes out (0: none).
    pub reminder_hours: i32,
    /// The schedule as submitted (JSON).
    pub recurrence: String,
    pub duration_minutes: i32,
    #[serde(skip)]
    pub registration_version: i32,
    #[serde(skip)]
    pub search_text: String,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// One occurrence of a workshop (UTC times).
#[derive(Debug, Clone, Queryable, Serialize, utoipa::ToSchema)]
pub struct Session {
    pub id: i64,
    pub office_id: i64,
    pub workshop_id: i64,
    pub building_id: i64,
    pub room_id: Option<i64>,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    /// scheduled, cancelled or held
    pub status: String,
    pub walk_ins: i32,
    pub journal_entry_id: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub const SCHEDULED: &str = "scheduled";
pub const CANCELLED: &str = "cancelled";
pub const HELD: &str = "held";

/// Who acts on workshops: the whole office, or (committee members) only some buildings.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: i64,
    pub office_id: i64,
    pub lang: Lang,
    /// `None`: every building of the office.
    pub buildings: Option<Vec<i64>>,
}

impl Actor {
    /// The caller's scope for `action`; committee members' buildings are read from `user_buildings`.
    pub fn load(
        conn: &mut DbConnection,
        user: &CurrentUser,
        action: Action,
    ) -> Result<Actor, AppError> {
        user.require(action)?;
        let buildings = if user.role == Role::Committee {
            Some(
                user_buildings::table
                    .filter(user_buildings::user_id.eq(user.id))
                    .select(user_buildings::building_id)
                    .load(conn)?,
            )
        } else {
            None
        };
        Ok(Actor {
            user_id: user.id,
            office_id: user.office_id,
            lang: user.lang,
            buildings,
        })
    }

    /// `Forbidden` unless the actor acts for this building.
    pub fn check_building(&self, building_id: i64) -> Result<(), AppError> {
        match &self.buildings {
            Some(list) if !list.contains(&building_id) => Err(AppError::Forbidden),
            _ => Ok(()),
        }
    }
}

/// A session in the way of a new schedule: which resource, and which session holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Clash {
    /// room or facilitator
    pub resource: &'static str,
    pub session_id: i64,
    pub workshop_id: i64,
    pub title: String,
    pub starts_at: NaiveDateTime,
}

impl Clash {
    /// "The room is already booked by « Café-rencontre » on Thursday, December 3, 2026 at 13:30."
    pub fn message(&self, lang: Lang) -> String {
        let key = if self.resource == "room" {
            "workshop-clash-room"
        } else {
            "workshop-clash-facilitator"
        };
        crate::i18n::t_args(
            lang,
            key,
            &[
                ("title", self.title.clone().into()),
                (
                    "when",
                    crate::web::format::datetime(lang, self.starts_at).into(),
                ),
            ],
        )
    }
}

/// What scheduling can fail with: the ordinary errors, or a booking in the way.
#[derive(Debug)]
pub enum ScheduleError {
    App(AppError),
    Clash(Clash),
}

impl<E: Into<AppError>> From<E> for ScheduleError {
    fn from(e: E) -> Self {
        ScheduleError::App(e.into())
    }
}

/// A single field error, as an `AppError`.
pub(crate) fn field_error(field: &str, key: &'static str) -> AppError {
    let mut e = FieldErrors::new();
    e.add(field, key);
    AppError::Validation(e)
}

/// Runs `f` in one write transaction with the caller's scope for `action` and a mailer for the
/// messages the change causes.
pub async fn write_with_mail<T, F>(
    state: &crate::state::AppState,
    user: CurrentUser,
    action: Action,
    f: F,
) -> Result<T, AppError>
where
    F: FnOnce(&mut DbConnection, &Actor, &registrations::Mailer<'_>) -> Result<T, AppError>
        + Send
        + 'static,
    T: Send + 'static,
{
    let templates = state.emails.clone();
    let base_url = state.settings.server.base_url.clone();
    state
        .db_tx(move |c| {
            let actor = Actor::load(c, &user, action)?;
            let mailer = registrations::Mailer {
                templates: &templates,
                base_url: &base_url,
            };
            f(c, &actor, &mailer)
        })
        .await
}
