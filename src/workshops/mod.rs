//! Pole 3 — workshops and activities (ateliers, cafés-rencontres, cuisines collectives…): scheduling
//! with a room/facilitator conflict check, sessions materialised one row per occurrence, tenant
//! registrations with a waiting list, reminders, attendance that writes the practice journal,
//! calendars (pages and iCalendar feeds), the lobby poster and the building's public page.
//!
//! Who sees what follows `Actor::scope(Resource::Workshops)`: the office for its staff, the
//! assigned buildings for committee members (tenant volunteers), nothing for tenants. Committee
//! members never get a list of tenants: they register one by dwelling number and last name, and
//! the registrations and attendance sheets they reach show dwellings, not names. Tenant
//! associations do not exist yet in Passerelle, so an activity belongs to a building.
//!
//! | file | holds |
//! | --- | --- |
//! | `input.rs` | the scheduling form and body, the calendar and poster queries, the move form |
//! | `queries.rs` | reads, scoped by the actor |
//! | `service.rs` | scheduling, moving and cancelling sessions, with the conflict check |
//! | `mail.rs` | the messages to registered tenants, through `Composer::send_to_tenant` |
//! | `jobs.rs` | reminders before sessions |
//! | `registrations/` | registrations with the waiting list, attendance |
//! | `calendar/` | calendar views, iCalendar documents and secret feeds |
//! | `pages/`, `api/` | thin handlers; their paths are in `routes/workshops.rs` |

pub mod api;
pub mod calendar;
pub mod input;
pub mod jobs;
pub mod mail;
pub mod pages;
pub mod queries;
pub mod registrations;
pub mod service;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::{
    workshop_attendance, workshop_facilitators, workshop_registrations, workshop_sessions,
    workshops,
};
use crate::domain::ids::{
    BuildingId, JournalEntryId, OfficeId, RegistrationId, RoomId, SessionId, TenantId, UserId,
    WorkshopId,
};
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::i18n::Lang;

pub use input::{NewWorkshop, WorkshopInput};
pub use jobs::run_due_reminders;

/// Montréal: every wall time of a workshop is read and shown there.
pub const TZ: chrono_tz::Tz = chrono_tz::America::Montreal;

crate::text_enum! {
    /// Where a session stands.
    pub enum SessionStatus {
        Scheduled = "scheduled",
        Cancelled = "cancelled",
        Held = "held",
    }
}

crate::text_enum! {
    /// Where a registration stands.
    pub enum RegistrationStatus {
        Confirmed = "confirmed",
        Waiting = "waiting",
        Cancelled = "cancelled",
    }
}

crate::text_enum! {
    /// How a registration was made: by staff or a committee member, or from the public page.
    pub enum Channel {
        Staff = "staff",
        Public = "public",
    }
}

crate::text_enum! {
    /// A tenant's mark at a held session.
    pub enum Mark {
        Present = "present",
        Absent = "absent",
        Excused = "excused",
    }
}

/// A workshop as stored.
#[derive(Debug, Clone, Queryable, Serialize, utoipa::ToSchema)]
pub struct Workshop {
    pub id: WorkshopId,
    pub office_id: OfficeId,
    pub title: String,
    pub description: String,
    pub theme: String,
    /// A pole-3 sub-activity code.
    pub sub_activity: String,
    pub building_id: BuildingId,
    pub room_id: Option<RoomId>,
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
    pub created_by: UserId,
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub updated_at: NaiveDateTime,
}

/// A workshop to insert: what scheduling writes, and what the demo generator loads in bulk.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = workshops, treat_none_as_default_value = false)]
pub struct NewWorkshopRow {
    pub office_id: OfficeId,
    pub title: String,
    pub description: String,
    pub theme: String,
    pub sub_activity: String,
    pub building_id: BuildingId,
    pub room_id: Option<RoomId>,
    pub place: String,
    pub language: String,
    pub capacity: i32,
    pub audience: String,
    pub registration_opens_on: Option<NaiveDate>,
    pub registration_closes_on: Option<NaiveDate>,
    pub reminder_hours: i32,
    pub recurrence: String,
    pub duration_minutes: i32,
    pub registration_version: i32,
    pub search_text: String,
    pub created_by: UserId,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A facilitator to insert: an account (`user_id`) or an outside person.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = workshop_facilitators, treat_none_as_default_value = false)]
pub struct NewFacilitator {
    pub workshop_id: WorkshopId,
    pub user_id: Option<UserId>,
    pub name: String,
    pub organisation: String,
}

/// One occurrence of a workshop (UTC times).
#[derive(Debug, Clone, Queryable, Serialize, utoipa::ToSchema)]
pub struct Session {
    pub id: SessionId,
    pub office_id: OfficeId,
    pub workshop_id: WorkshopId,
    pub building_id: BuildingId,
    pub room_id: Option<RoomId>,
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub starts_at: NaiveDateTime,
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub ends_at: NaiveDateTime,
    /// scheduled, cancelled or held
    pub status: SessionStatus,
    pub walk_ins: i32,
    pub journal_entry_id: Option<JournalEntryId>,
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub updated_at: NaiveDateTime,
}

/// A session to insert.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = workshop_sessions, treat_none_as_default_value = false)]
pub struct NewSession {
    pub office_id: OfficeId,
    pub workshop_id: WorkshopId,
    pub building_id: BuildingId,
    pub room_id: Option<RoomId>,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub status: SessionStatus,
    pub walk_ins: i32,
    pub journal_entry_id: Option<JournalEntryId>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A registration as stored.
#[derive(Debug, Clone, Queryable, Serialize, utoipa::ToSchema)]
pub struct Registration {
    pub id: RegistrationId,
    pub office_id: OfficeId,
    pub workshop_id: WorkshopId,
    /// None: the whole series.
    pub session_id: Option<SessionId>,
    pub tenant_id: TenantId,
    /// confirmed, waiting or cancelled
    pub status: RegistrationStatus,
    /// staff or public
    pub channel: Channel,
    pub registered_by: Option<UserId>,
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub updated_at: NaiveDateTime,
}

/// A registration to insert.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = workshop_registrations, treat_none_as_default_value = false)]
pub struct NewRegistrationRow {
    pub office_id: OfficeId,
    pub workshop_id: WorkshopId,
    pub session_id: Option<SessionId>,
    pub tenant_id: TenantId,
    pub status: RegistrationStatus,
    pub channel: Channel,
    pub registered_by: Option<UserId>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A mark to insert.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = workshop_attendance)]
pub struct NewMark {
    pub session_id: SessionId,
    pub tenant_id: TenantId,
    pub status: Mark,
    pub recorded_at: NaiveDateTime,
}

/// A session in the way of a new schedule: which resource, and which session holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Clash {
    /// room or facilitator
    pub resource: &'static str,
    pub session_id: SessionId,
    pub workshop_id: WorkshopId,
    pub title: String,
    #[serde(serialize_with = "crate::domain::instant::utc")]
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
