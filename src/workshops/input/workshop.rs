//! The scheduling form: a workshop as submitted (every field a string, from a form or converted
//! from JSON by `body.rs`) and its validation into a [`NewWorkshop`] with its [`Recurrence`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::ids::{BuildingId, RoomId, UserId};
use crate::domain::poles;
use crate::domain::recurrence::Recurrence;
use crate::domain::{validate, FieldErrors};

/// Who a workshop is for.
pub const AUDIENCES: [&str; 3] = ["building", "buildings", "office"];
/// Languages a workshop may be given in.
pub const LANGUAGES: [&str; 3] = ["fr", "en", "fr_en"];
/// How a schedule repeats, as the form names it.
pub const FREQUENCIES: [&str; 4] = ["once", "weekly", "monthly_date", "monthly_weekday"];

/// A workshop as submitted.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct WorkshopInput {
    pub title: Option<String>,
    pub description: Option<String>,
    pub theme: Option<String>,
    pub sub_activity: Option<String>,
    pub building_id: Option<String>,
    pub room_id: Option<String>,
    /// An outside place, when there is no room.
    pub place: Option<String>,
    pub language: Option<String>,
    pub capacity: Option<String>,
    pub audience: Option<String>,
    /// Comma-separated building ids, for the audience `buildings`.
    pub audience_buildings: Option<String>,
    /// Comma-separated account ids of facilitators.
    pub facilitator_ids: Option<String>,
    /// One outside facilitator per line: `Name, Organisation`.
    pub outside_facilitators: Option<String>,
    pub registration_opens_on: Option<String>,
    pub registration_closes_on: Option<String>,
    pub reminder_hours: Option<String>,
    pub start_date: Option<String>,
    pub start_time: Option<String>,
    pub duration_minutes: Option<String>,
    pub frequency: Option<String>,
    pub interval: Option<String>,
    /// Comma-separated weekdays, 0 = Monday … 6 = Sunday (the form sends them as `wd0`…`wd6`).
    pub weekdays: Option<String>,
    pub wd0: Option<String>,
    pub wd1: Option<String>,
    pub wd2: Option<String>,
    pub wd3: Option<String>,
    pub wd4: Option<String>,
    pub wd5: Option<String>,
    pub wd6: Option<String>,
    pub month_day: Option<String>,
    /// 1–4 or -1 (last).
    pub month_nth: Option<String>,
    pub month_weekday: Option<String>,
    pub until: Option<String>,
    pub count: Option<String>,
}

/// An outside facilitator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Outside {
    pub name: String,
    pub organisation: String,
}

/// A validated workshop.
#[derive(Debug, Clone)]
pub struct NewWorkshop {
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
    pub audience_buildings: Vec<BuildingId>,
    pub facilitator_ids: Vec<UserId>,
    pub outside: Vec<Outside>,
    pub registration_opens_on: Option<NaiveDate>,
    pub registration_closes_on: Option<NaiveDate>,
    pub reminder_hours: i32,
    pub recurrence: Recurrence,
}

fn ids<T: std::str::FromStr + PartialEq>(
    e: &mut FieldErrors,
    field: &str,
    v: Option<&str>,
) -> Vec<T> {
    let mut out = Vec::new();
    for part in v.unwrap_or("").split(',').map(str::trim) {
        if part.is_empty() {
            continue;
        }
        match part.parse::<T>() {
            Ok(id) if !out.contains(&id) => out.push(id),
            Ok(_) => {}
            Err(_) => e.add(field, "err-unknown-reference"),
        }
    }
    out
}

fn optional_id<T: std::str::FromStr>(
    e: &mut FieldErrors,
    field: &str,
    v: Option<&str>,
) -> Option<T> {
    match v.map(str::trim) {
        None | Some("") => None,
        Some(s) => s.parse().ok().or_else(|| {
            e.add(field, "err-unknown-reference");
            None
        }),
    }
}

fn outside(e: &mut FieldErrors, v: Option<&str>) -> Vec<Outside> {
    let mut out = Vec::new();
    for line in v
        .unwrap_or("")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        let (name, org) = line.split_once(',').unwrap_or((line, ""));
        if name.trim().chars().count() > 120 || org.trim().chars().count() > 120 {
            e.add_limit("outside_facilitators", "err-too-long", 120);
        }
        out.push(Outside {
            name: name.trim().to_owned(),
            organisation: org.trim().to_owned(),
        });
    }
    if out.len() > 10 {
        e.add("outside_facilitators", "err-workshop-too-many-facilitators");
    }
    out
}

impl WorkshopInput {
    /// A blank form: one session next week at 13:30 for 90 minutes, 12 places.
    pub fn blank(today: NaiveDate) -> Self {
        WorkshopInput {
            start_date: Some(
                (today + chrono::Days::new(7))
                    .format("%Y-%m-%d")
                    .to_string(),
            ),
            start_time: Some("13:30".into()),
            duration_minutes: Some("90".into()),
            capacity: Some("12".into()),
            reminder_hours: Some("24".into()),
            frequency: Some("once".into()),
            interval: Some("1".into()),
            audience: Some("building".into()),
            language: Some("fr".into()),
            sub_activity: Some("ateliers_groupe".into()),
            ..Default::default()
        }
    }

    /// Checks everything that needs no database; references are checked by the service.
    pub fn validate(&self, today: NaiveDate) -> Result<NewWorkshop, FieldErrors> {
        let mut e = FieldErrors::new();
        let title = validate::required(&mut e, "title", self.title.as_deref().unwrap_or(""), 160);
        let description =
            validate::optional(&mut e, "description", self.description.as_deref(), 4000);
        let theme = validate::optional(&mut e, "theme", self.theme.as_deref(), 120);
        let sub_activity = self.sub_activity.as_deref().unwrap_or("").trim().to_owned();
        if poles::pole_of(&sub_activity).map(|p| p.number()) != Some(3) {
            e.add("sub_activity", "err-invalid-choice");
        }
        let building_id = optional_id(&mut e, "building_id", self.building_id.as_deref());
        if building_id.is_none() {
            e.add("building_id", "err-required");
        }
        let room_id = optional_id(&mut e, "room_id", self.room_id.as_deref());
        let place = validate::optional(&mut e, "place", self.place.as_deref(), 200);
        let language = validate::choice(
            &mut e,
            "language",
            self.language.as_deref(),
            &LANGUAGES,
            Some("fr"),
        );
        let capacity =
            validate::integer(&mut e, "capacity", self.capacity.as_deref(), 1, 500, None) as i32;
        let audience = validate::choice(
            &mut e,
            "audience",
            self.audience.as_deref(),
            &AUDIENCES,
            Some("building"),
        );
        let audience_buildings = ids(
            &mut e,
            "audience_buildings",
            self.audience_buildings.as_deref(),
        );
        let facilitator_ids = ids(&mut e, "facilitator_ids", self.facilitator_ids.as_deref());
        let outside = outside(&mut e, self.outside_facilitators.as_deref());
        if facilitator_ids.is_empty() && outside.is_empty() {
            e.add("facilitator_ids", "err-workshop-no-facilitator");
        }
        let (opens, closes, reminder_hours, recurrence) = self.schedule(&mut e, today);
        match (building_id, recurrence) {
            (Some(building_id), Some(recurrence)) => e.into_result(NewWorkshop {
                title,
                description,
                theme,
                sub_activity,
                building_id,
                room_id,
                place,
                language: language.to_owned(),
                capacity,
                audience: audience.to_owned(),
                audience_buildings,
                facilitator_ids,
                outside,
                registration_opens_on: opens,
                registration_closes_on: closes,
                reminder_hours,
                recurrence,
            }),
            _ => Err(e),
        }
    }
}
