//! What the room form and the API submit, checked by one set of rules into [`RoomData`].

use serde::{Deserialize, Serialize};

use super::{Room, RoomData};
use crate::domain::{validate, FieldErrors};

/// A room as submitted.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct RoomInput {
    pub name: Option<String>,
    pub capacity: Option<String>,
    /// A checkbox: present (and not "false") means accessible.
    pub accessible: Option<String>,
}

/// A room to create or replace.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct RoomBody {
    #[schema(max_length = 120)]
    pub name: Option<String>,
    /// Seats, 1 to 1000.
    pub capacity: Option<i32>,
    /// Accessible to people with reduced mobility (default false).
    pub accessible: Option<bool>,
}

impl From<RoomBody> for RoomInput {
    fn from(b: RoomBody) -> Self {
        RoomInput {
            name: b.name,
            capacity: b.capacity.map(|n| n.to_string()),
            accessible: b.accessible.map(|a| a.to_string()),
        }
    }
}

impl RoomInput {
    pub fn validate(&self) -> Result<RoomData, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = validate::required(&mut e, "name", self.name.as_deref().unwrap_or(""), 120);
        let capacity =
            validate::integer(&mut e, "capacity", self.capacity.as_deref(), 1, 1000, None) as i32;
        let accessible = validate::checkbox(self.accessible.as_deref());
        e.into_result(RoomData {
            name,
            capacity,
            accessible,
        })
    }

    pub fn from_room(r: &Room) -> Self {
        RoomInput {
            name: Some(r.name.clone()),
            capacity: Some(r.capacity.to_string()),
            accessible: r.accessible.then(|| "on".to_owned()),
        }
    }
}
