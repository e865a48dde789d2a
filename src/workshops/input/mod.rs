//! What the workshop pages and API submit, parsed once into typed values: the scheduling form and
//! body (`workshop.rs`, `body.rs`), and here the smaller ones — a calendar's query, the poster's
//! month, new times for a session, a registration, an attendance sheet, a capacity, a feed target.
//! Every date a person can type is read within 1900–2200, as the forms do; anything else is a
//! message or the default, never a panic.

mod body;
mod recurrence;
mod workshop;

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use super::calendar::feeds::FeedTarget;
use super::queries::CalendarOf;
use super::registrations::attendance::AttendanceData;
use super::registrations::{StaffRegistration, TenantRef};
use super::service::NewTimes;
use super::{field_error, Mark, TZ};
use crate::domain::ids::{BuildingId, RoomId, SessionId, TenantId, UserId, WorkshopId};
use crate::domain::recurrence::local_to_utc;
use crate::domain::{validate, FieldErrors};
use crate::error::AppError;
use crate::web::pagination::Pagination;

pub use body::{OutsideBody, WorkshopBody};
pub use workshop::{NewWorkshop, Outside, WorkshopInput, AUDIENCES, FREQUENCIES, LANGUAGES};

/// A date typed by a person, `YYYY-MM-DD`, within the years the forms accept.
pub fn typed_date(v: &str) -> Option<NaiveDate> {
    let mut e = FieldErrors::new();
    validate::date(&mut e, "date", Some(v))
}

/// Whether an instant lies within the years the forms accept.
fn plausible(t: NaiveDateTime) -> bool {
    (1900..=2200).contains(&t.year())
}

/// `?page=`, as the list of workshops takes it.
#[derive(Debug, Default, Deserialize)]
pub struct WorkshopsQuery {
    pub page: Option<String>,
}

impl WorkshopsQuery {
    /// The HTML list's page (what is not a number is the first page).
    pub fn pagination(&self) -> Pagination {
        Pagination::html(self.page.as_deref())
    }
}

/// `?building=|room=|facilitator=|workshop=&view=month|week&date=YYYY-MM-DD`
#[derive(Debug, Default, Deserialize)]
pub struct CalendarQuery {
    pub building: Option<BuildingId>,
    pub room: Option<RoomId>,
    pub facilitator: Option<UserId>,
    pub workshop: Option<WorkshopId>,
    pub view: Option<String>,
    pub date: Option<String>,
}

impl CalendarQuery {
    /// Whose calendar: the one named, else the caller's own (as facilitator).
    pub fn of(&self, user_id: UserId) -> CalendarOf {
        match (self.building, self.room, self.workshop, self.facilitator) {
            (Some(b), ..) => CalendarOf::Building(b),
            (_, Some(r), ..) => CalendarOf::Room(r),
            (_, _, Some(w), _) => CalendarOf::Workshop(w),
            (.., Some(f)) => CalendarOf::Facilitator(f),
            _ => CalendarOf::Facilitator(user_id),
        }
    }

    /// The query string naming the same calendar.
    pub fn filter(&self) -> String {
        match (self.building, self.room, self.workshop, self.facilitator) {
            (Some(b), ..) => format!("building={b}"),
            (_, Some(r), ..) => format!("room={r}"),
            (_, _, Some(w), _) => format!("workshop={w}"),
            (.., Some(f)) => format!("facilitator={f}"),
            _ => String::new(),
        }
    }

    pub fn week(&self) -> bool {
        self.view.as_deref() == Some("week")
    }

    /// The day asked for; `today` when none is, or when it is not a date of 1900–2200.
    pub fn day(&self, today: NaiveDate) -> NaiveDate {
        self.date.as_deref().and_then(typed_date).unwrap_or(today)
    }
}

/// `?month=YYYY-MM&lang=fr|en`
#[derive(Debug, Deserialize)]
pub struct PosterQuery {
    pub month: Option<String>,
    pub lang: Option<String>,
}

impl PosterQuery {
    /// The month's first day; this month when none is asked, or not one of 1900–2200.
    pub fn first_day(&self, today: NaiveDate) -> NaiveDate {
        self.month
            .as_deref()
            .and_then(|m| typed_date(&format!("{}-01", m.trim())))
            .unwrap_or(today)
    }
}

/// New times as the move form types them: a date and two times, local.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct MoveForm {
    pub date: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
}

impl MoveForm {
    /// The new start and end in UTC, or the catalogue key of what is wrong.
    pub fn parse(&self) -> Result<NewTimes, &'static str> {
        let get = |v: &Option<String>| v.as_deref().unwrap_or("").trim().to_owned();
        let date = typed_date(&get(&self.date)).ok_or("session-move-bad-date")?;
        let time = |s: String| NaiveTime::parse_from_str(&s, "%H:%M").ok();
        let (Some(start), Some(end)) = (time(get(&self.start)), time(get(&self.end))) else {
            return Err("session-move-bad-time");
        };
        if end <= start {
            return Err("session-move-end-before-start");
        }
        Ok(NewTimes {
            starts_at: local_to_utc(TZ, date.and_time(start)),
            ends_at: local_to_utc(TZ, date.and_time(end)),
        })
    }
}

/// New times for one session: RFC 3339 with an offset (as the API answers them), or UTC without.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct MoveBody {
    #[schema(value_type = String, format = DateTime)]
    #[serde(deserialize_with = "crate::domain::instant::from_client")]
    pub starts_at: NaiveDateTime,
    #[schema(value_type = String, format = DateTime)]
    #[serde(deserialize_with = "crate::domain::instant::from_client")]
    pub ends_at: NaiveDateTime,
}

impl MoveBody {
    pub fn parse(&self) -> Result<NewTimes, AppError> {
        if !plausible(self.starts_at) {
            return Err(field_error("starts_at", "err-invalid-date"));
        }
        if !plausible(self.ends_at) {
            return Err(field_error("ends_at", "err-invalid-date"));
        }
        Ok(NewTimes {
            starts_at: self.starts_at,
            ends_at: self.ends_at,
        })
    }
}

/// The registration form of the workshop page: the tenant by dwelling and last name, for the
/// series or one session.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct RegisterForm {
    pub dwelling: Option<String>,
    pub last_name: Option<String>,
    pub session_id: Option<String>,
}

/// The tenant named by dwelling and last name, both required.
fn lookup(
    e: &mut FieldErrors,
    dwelling: Option<&str>,
    last_name: Option<&str>,
) -> Option<TenantRef> {
    let dwelling = validate::required(e, "dwelling", dwelling.unwrap_or(""), 20);
    let last_name = validate::required(e, "last_name", last_name.unwrap_or(""), 120);
    (!dwelling.is_empty() && !last_name.is_empty()).then_some(TenantRef::Lookup {
        dwelling,
        last_name,
    })
}

impl RegisterForm {
    pub fn parse(&self, workshop_id: WorkshopId) -> Result<StaffRegistration, FieldErrors> {
        let mut e = FieldErrors::new();
        let tenant = lookup(&mut e, self.dwelling.as_deref(), self.last_name.as_deref());
        let session_id = validate::reference(&mut e, "session_id", self.session_id.as_deref());
        match tenant {
            Some(tenant) => e.into_result(StaffRegistration {
                workshop_id,
                session_id,
                tenant,
            }),
            None => Err(e),
        }
    }
}

/// A tenant to register, for the series (no `session_id`) or one session: by `dwelling` and
/// `last_name` as the office has them, or (administrators and community workers) by `tenant_id`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct RegistrationBody {
    pub tenant_id: Option<TenantId>,
    #[schema(max_length = 20)]
    pub dwelling: Option<String>,
    #[schema(max_length = 120)]
    pub last_name: Option<String>,
    pub session_id: Option<SessionId>,
}

impl RegistrationBody {
    pub fn parse(&self, workshop_id: WorkshopId) -> Result<StaffRegistration, FieldErrors> {
        let mut e = FieldErrors::new();
        let tenant = match self.tenant_id {
            Some(id) if self.dwelling.is_none() && self.last_name.is_none() => {
                Some(TenantRef::Id(id))
            }
            _ => lookup(&mut e, self.dwelling.as_deref(), self.last_name.as_deref()),
        };
        match tenant {
            Some(tenant) => e.into_result(StaffRegistration {
                workshop_id,
                session_id: self.session_id,
                tenant,
            }),
            None => Err(e),
        }
    }
}

/// A session's attendance sheet.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AttendanceBody {
    pub walk_ins: i64,
    pub marks: Vec<MarkBody>,
}

/// One tenant's mark: present, absent or excused.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MarkBody {
    pub tenant_id: TenantId,
    pub status: String,
}

fn mark(e: &mut FieldErrors, status: &str) -> Option<Mark> {
    let m = Mark::parse(status.trim());
    if m.is_none() {
        e.add("status", "err-invalid-choice");
    }
    m
}

impl AttendanceBody {
    pub fn parse(&self) -> Result<AttendanceData, FieldErrors> {
        let mut e = FieldErrors::new();
        let marks = self
            .marks
            .iter()
            .filter_map(|m| Some((m.tenant_id, mark(&mut e, &m.status)?)))
            .collect();
        let walk_ins = validate::bounded(&mut e, "walk_ins", Some(self.walk_ins), 0, 1000, Some(0));
        e.into_result(AttendanceData {
            marks,
            walk_ins: walk_ins as i32,
        })
    }
}

/// The attendance form: `m_<tenant>` = present|absent|excused, and `walk_ins`.
pub fn attendance_form(form: &HashMap<String, String>) -> Result<AttendanceData, FieldErrors> {
    let mut e = FieldErrors::new();
    let mut marks: Vec<(TenantId, Mark)> = form
        .iter()
        .filter_map(|(k, v)| {
            let tenant = k.strip_prefix("m_")?.parse().ok()?;
            Some((tenant, mark(&mut e, v)?))
        })
        .collect();
    marks.sort_by_key(|(t, _)| *t);
    let walk_ins = match form.get("walk_ins").map(|v| v.trim()) {
        None | Some("") => 0,
        Some(v) => v.parse::<i64>().unwrap_or(-1),
    };
    let walk_ins = if (0..=1000).contains(&walk_ins) {
        walk_ins
    } else {
        e.add("walk_ins", "err-invalid-number");
        0
    };
    e.into_result(AttendanceData {
        marks,
        walk_ins: walk_ins as i32,
    })
}

/// A new capacity.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct CapacityBody {
    pub capacity: i64,
}

impl CapacityBody {
    /// 1 to 500.
    pub fn parse(&self) -> Result<i32, FieldErrors> {
        let mut e = FieldErrors::new();
        let n = validate::bounded(&mut e, "capacity", Some(self.capacity), 1, 500, None);
        e.into_result(n as i32)
    }
}

/// The form behind "create a secret link" (strings: form fields are parsed, not trusted).
#[derive(Debug, Deserialize)]
pub struct FeedForm {
    pub kind: Option<String>,
    pub target: Option<String>,
}

impl FeedForm {
    /// The calendar named; `None` when the form names none.
    pub fn target(&self) -> Option<FeedTarget> {
        Some(FeedTarget {
            kind: self.kind.clone().unwrap_or_default(),
            target: self.target.as_deref()?.trim().parse().ok()?,
        })
    }
}

/// The public registration form.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub struct PublicForm {
    pub workshop_id: Option<String>,
    pub dwelling: Option<String>,
    pub last_name: Option<String>,
}
