//! Roles and the one place that decides who may do what.

use serde::{Deserialize, Serialize};

/// An account's role within its office.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Office administrator (gestionnaire).
    Admin,
    /// Community social worker (intervenante sociocommunautaire).
    Isc,
    /// Department staff of the office.
    Staff,
    /// Tenant committee member.
    Committee,
    /// Tenant with an account.
    Tenant,
}

/// Something a user may be allowed to do. Routes ask `Role::can`, never compare roles themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    ManageOffice,
    ManageAccounts,
    ManageRegistry,
    ReadRegistry,
    ReadTenants,
    ManageTenants,
    ImportData,
    ReadJournal,
    WriteJournal,
    /// Edit or delete any manual journal entry of the office, not only one's own.
    ManageJournal,
    /// See the office's workshops and their calendars (committee members: their buildings').
    ReadWorkshops,
    /// Schedule workshops, register tenants, take attendance (committee members: their buildings).
    ManageWorkshops,
    /// See requests (within the account's scope) and record new ones.
    ReadRequests,
    /// Take lifecycle steps on requests, link them, write internal comments.
    HandleRequests,
    /// Configure request categories, their departments and response targets.
    ManageRequestCategories,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Admin,
        Role::Isc,
        Role::Staff,
        Role::Committee,
        Role::Tenant,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Isc => "isc",
            Role::Staff => "staff",
            Role::Committee => "committee",
            Role::Tenant => "tenant",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The permission table of Passerelle.
    pub fn can(self, action: Action) -> bool {
        use Action::*;
        use Role::*;
        match action {
            ManageOffice | ManageAccounts | ManageRegistry | ImportData | ManageJournal => {
                self == Admin
            }
            ReadRegistry => matches!(self, Admin | Isc | Staff | Committee),
            ReadTenants | ManageTenants => matches!(self, Admin | Isc),
            ReadJournal | WriteJournal => matches!(self, Admin | Isc),
            ReadWorkshops => matches!(self, Admin | Isc | Staff | Committee),
            ManageWorkshops => matches!(self, Admin | Isc | Committee),
            ReadRequests => true,
            HandleRequests => matches!(self, Admin | Isc | Staff),
            ManageRequestCategories => self == Admin,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_admins_manage_and_tenants_read_nothing_of_the_registry() {
        assert!(Role::Admin.can(Action::ManageAccounts));
        assert!(!Role::Isc.can(Action::ManageAccounts));
        assert!(Role::Isc.can(Action::WriteJournal));
        assert!(Role::Admin.can(Action::ManageJournal) && !Role::Isc.can(Action::ManageJournal));
        assert!(!Role::Staff.can(Action::ReadTenants));
        assert!(!Role::Tenant.can(Action::ReadRegistry));
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
    }
}
