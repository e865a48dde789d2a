//! Registrations: a tenant for the whole series (`session_id` NULL) or for one session; past the
//! capacity, on the waiting list in order; a cancellation gives the place to the first who fits.
//! Attendance of a held session is taken from the confirmed registrations (`attendance.rs`).
//!
//! A tenant is registered by the one the office knows at a dwelling under a last name (staff,
//! committee members and the public page alike), never picked from a list of the building's
//! tenants; those who may not read tenant files (committee members) see registrations and
//! attendance sheets by dwelling, without names.

pub mod attendance;
pub mod queries;
pub mod service;

use serde::Serialize;

use super::{Channel, RegistrationStatus};
use crate::domain::ids::{SessionId, TenantId, UserId, WorkshopId};

pub use queries::RegistrationLine;
pub use service::{
    cancel, cancel_for, promote, register, register_for, set_capacity, StaffRegistration,
};

/// A registration request, once the tenant is known.
#[derive(Debug, Clone)]
pub struct NewRegistration {
    pub workshop_id: WorkshopId,
    pub session_id: Option<SessionId>,
    pub tenant_id: TenantId,
    pub channel: Channel,
    pub registered_by: Option<UserId>,
}

/// What a registration became: a place, or a place on the waiting list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Outcome {
    Confirmed,
    Waiting,
}

impl Outcome {
    pub fn of(status: RegistrationStatus) -> Outcome {
        if status == RegistrationStatus::Confirmed {
            Outcome::Confirmed
        } else {
            Outcome::Waiting
        }
    }
}

/// Which tenant a registration form names: by id (for those who may read tenant files), or the one
/// the office knows at a dwelling under a last name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TenantRef {
    Id(TenantId),
    Lookup { dwelling: String, last_name: String },
}
