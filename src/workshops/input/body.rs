//! A workshop as the API submits it (typed JSON), turned into the form's fields so that both go
//! through the same rules ([`WorkshopInput::validate`]).

use serde::Deserialize;

use super::workshop::WorkshopInput;
use crate::domain::ids::{BuildingId, RoomId, UserId};

/// An outside facilitator.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct OutsideBody {
    pub name: String,
    pub organisation: Option<String>,
}

/// A workshop to schedule.
#[derive(Debug, Deserialize, Default, utoipa::ToSchema)]
pub struct WorkshopBody {
    #[schema(max_length = 160)]
    pub title: Option<String>,
    #[schema(max_length = 4000)]
    pub description: Option<String>,
    #[schema(max_length = 120)]
    pub theme: Option<String>,
    /// milieu_de_vie, vie_associative or ateliers_groupe
    pub sub_activity: Option<String>,
    pub building_id: Option<BuildingId>,
    pub room_id: Option<RoomId>,
    #[schema(max_length = 200)]
    pub place: Option<String>,
    /// fr, en or fr_en
    pub language: Option<String>,
    pub capacity: Option<i64>,
    /// building, buildings or office
    pub audience: Option<String>,
    pub audience_buildings: Option<Vec<BuildingId>>,
    pub facilitator_ids: Option<Vec<UserId>>,
    pub outside_facilitators: Option<Vec<OutsideBody>>,
    /// YYYY-MM-DD
    pub registration_opens_on: Option<String>,
    pub registration_closes_on: Option<String>,
    /// 0 to 336 (default 24)
    pub reminder_hours: Option<i64>,
    /// YYYY-MM-DD, local (Montréal)
    pub start_date: Option<String>,
    /// HH:MM, local (Montréal)
    pub start_time: Option<String>,
    pub duration_minutes: Option<i64>,
    /// once, weekly, monthly_date or monthly_weekday
    pub frequency: Option<String>,
    pub interval: Option<i64>,
    /// 0 = Monday … 6 = Sunday
    pub weekdays: Option<Vec<i64>>,
    pub month_day: Option<i64>,
    /// 1–4, or -1 for the last
    pub month_nth: Option<i64>,
    pub month_weekday: Option<i64>,
    /// YYYY-MM-DD (or `count`)
    pub until: Option<String>,
    /// at most 500
    pub count: Option<i64>,
}

fn join<T: ToString>(v: Option<Vec<T>>) -> Option<String> {
    v.map(|v| v.iter().map(T::to_string).collect::<Vec<_>>().join(","))
}

impl From<WorkshopBody> for WorkshopInput {
    fn from(b: WorkshopBody) -> Self {
        let n = |v: Option<i64>| v.map(|n| n.to_string());
        WorkshopInput {
            title: b.title,
            description: b.description,
            theme: b.theme,
            sub_activity: b.sub_activity,
            building_id: b.building_id.map(|v| v.to_string()),
            room_id: b.room_id.map(|v| v.to_string()),
            place: b.place,
            language: b.language,
            capacity: n(b.capacity),
            audience: b.audience,
            audience_buildings: join(b.audience_buildings),
            facilitator_ids: join(b.facilitator_ids),
            outside_facilitators: b.outside_facilitators.map(|list| {
                list.iter()
                    .map(|o| {
                        format!(
                            "{}, {}",
                            o.name.replace(',', " "),
                            o.organisation.as_deref().unwrap_or("")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            }),
            registration_opens_on: b.registration_opens_on,
            registration_closes_on: b.registration_closes_on,
            reminder_hours: n(b.reminder_hours),
            start_date: b.start_date,
            start_time: b.start_time,
            duration_minutes: n(b.duration_minutes),
            frequency: b.frequency,
            interval: n(b.interval),
            weekdays: join(b.weekdays),
            month_day: n(b.month_day),
            month_nth: n(b.month_nth),
            month_weekday: n(b.month_weekday),
            until: b.until,
            count: n(b.count),
            ..Default::default()
        }
    }
}
