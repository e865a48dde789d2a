//! The one access model. Every signed-in request becomes an [`Actor`]: the account, its office, its
//! role, and the records it is tied to (a department, assigned buildings, its own tenant record).
//! Queries and services take the `Actor` and narrow themselves with [`Actor::scope`], which reads
//! the visibility table of `domain::roles` — so a new kind of scope (an association, a case team)
//! is one variant here and one column of that table, not a new model per capability.
//!
//! The `Actor` is loaded in the same blocking call as the page's own queries
//! ([`crate::state::AppState::read`] / [`crate::state::AppState::write`]): one hop to the database
//! pool per request.

pub mod attempts;
pub mod caller;
mod load;
pub mod log;
pub mod signed;

use crate::domain::ids::{BuildingId, DepartmentId, OfficeId, TenantId, UserId};
use crate::domain::roles::{Action, Reach, Resource, Role};
use crate::error::AppError;
use crate::i18n::Lang;

pub use attempts::Budget;
pub use caller::{refresh_stamp, sign_in, sign_out, Caller, Credentials, SessionPolicy, SignIn};
pub use load::{
    assigned_buildings, authenticate, end_sessions, find_account, find_account_by_email,
    load_actor, normalise_email, password_stamp, token_digest, AccountRow,
};

/// Who is acting: always one account of exactly one office.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: UserId,
    pub office_id: OfficeId,
    pub office_name: String,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub lang: Lang,
    /// Staff: the department whose requests they handle.
    pub department: Option<DepartmentId>,
    /// Committee members: the buildings they act for (`user_buildings`, read only by
    /// [`assigned_buildings`]).
    pub buildings: Vec<BuildingId>,
    /// Tenant accounts: their own tenant record.
    pub tenant: Option<TenantId>,
}

/// What one kind of record is narrowed to for this actor, ready for a query to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope<'a> {
    /// Every record of the actor's office.
    Office,
    /// Records routed to this department.
    Department(DepartmentId),
    /// Records of these buildings (possibly none).
    Buildings(&'a [BuildingId]),
    /// Records about this tenant.
    Tenant(TenantId),
    /// Records routed to this department (none without one), and those this account recorded.
    DepartmentOrRecorded {
        department: Option<DepartmentId>,
        recorder: UserId,
    },
    /// Records this account recorded, and the building-level ones of these buildings.
    RecordedOrCollective {
        buildings: &'a [BuildingId],
        recorder: UserId,
    },
    /// No record at all (a staff account without a department, a tenant account not yet tied to
    /// its tenant record, a role that has no reach).
    Nothing,
}

impl Scope<'_> {
    /// `true` when no record can match: queries answer empty without asking the database.
    pub fn is_nothing(&self) -> bool {
        matches!(self, Scope::Nothing)
    }
}

impl Actor {
    /// Whether the role allows `action`.
    pub fn can(&self, action: Action) -> bool {
        self.role.can(action)
    }

    /// `Forbidden` unless the role allows `action`.
    pub fn require(&self, action: Action) -> Result<(), AppError> {
        if self.can(action) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// How far this actor sees `resource`, with the ids the query needs.
    pub fn scope(&self, resource: Resource) -> Scope<'_> {
        match self.role.reach(resource) {
            Reach::Office => Scope::Office,
            Reach::Department => self.department.map_or(Scope::Nothing, Scope::Department),
            Reach::AssignedBuildings => Scope::Buildings(&self.buildings),
            Reach::OwnTenant => self.tenant.map_or(Scope::Nothing, Scope::Tenant),
            Reach::DepartmentOrRecorded => Scope::DepartmentOrRecorded {
                department: self.department,
                recorder: self.user_id,
            },
            Reach::RecordedOrCollective => Scope::RecordedOrCollective {
                buildings: &self.buildings,
                recorder: self.user_id,
            },
            Reach::Nothing => Scope::Nothing,
        }
    }

    /// `None` when the actor acts for every building of the office, else the buildings it acts for.
    pub fn building_limit(&self, resource: Resource) -> Option<&[BuildingId]> {
        match self.scope(resource) {
            Scope::Office => None,
            Scope::Buildings(list)
            | Scope::RecordedOrCollective {
                buildings: list, ..
            } => Some(list),
            _ => Some(&[]),
        }
    }

    /// Whether the actor may see `resource` records of this building.
    pub fn sees_building(&self, resource: Resource, building: BuildingId) -> bool {
        self.building_limit(resource)
            .is_none_or(|list| list.contains(&building))
    }

    /// `Forbidden` unless the actor acts for this building.
    pub fn check_building(&self, resource: Resource, building: BuildingId) -> Result<(), AppError> {
        if self.sees_building(resource, building) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}
