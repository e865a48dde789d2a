//! Roles and the one place that decides who may do what ([`Role::can`]) and how far each role sees
//! each kind of record ([`Role::reach`]). Routes and queries ask these tables; they never compare
//! roles themselves.

crate::text_enum! {
    /// An account's role within its office.
    pub enum Role {
        /// Office administrator (gestionnaire).
        Admin = "admin",
        /// Community social worker (intervenante sociocommunautaire).
        Isc = "isc",
        /// Department staff of the office.
        Staff = "staff",
        /// Tenant committee member (a tenant volunteer, not staff).
        Committee = "committee",
        /// Tenant with an account.
        Tenant = "tenant",
    }
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
    /// See requests (within the account's reach) and record new ones.
    ReadRequests,
    /// Take lifecycle steps on requests, link them, write internal comments.
    HandleRequests,
    /// Configure request categories, their departments and response targets.
    ManageRequestCategories,
    /// The office's privacy duties (Law 25): access log, retention, access-request and incident
    /// registers, a person's data export, the privacy officer.
    ManagePrivacy,
    /// See a tenant's consents and who consulted the tenant's file.
    ReadConsents,
    /// Record a tenant's consent given or withdrawn.
    RecordConsents,
}

/// A kind of record whose visibility depends on who looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    Journal,
    Requests,
    Workshops,
    /// A tenant's consents and the consultations of the tenant's file.
    Consents,
}

/// How far a role sees one kind of record, within its own office (another office is never seen).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// None of them.
    Nothing,
    /// Those about the account's own tenant record.
    OwnTenant,
    /// Those of the buildings the account is assigned to.
    AssignedBuildings,
    /// Those routed to the account's department.
    Department,
    /// Those routed to the account's department, and those the account recorded.
    DepartmentOrRecorded,
    /// Those the account recorded, and the building-level (collective) ones of its assigned
    /// buildings: never another tenant's own matter.
    RecordedOrCollective,
    /// Every one of the office.
    Office,
}

impl Role {
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
            ManagePrivacy => self == Admin,
            ReadConsents | RecordConsents => matches!(self, Admin | Isc),
        }
    }

    /// The visibility table of Passerelle: how far this role sees `resource`.
    pub fn reach(self, resource: Resource) -> Reach {
        use Reach::*;
        use Resource::*;
        use Role::*;
        match (resource, self) {
            (Journal, Admin | Isc) => Office,
            (Journal, Staff | Committee | Tenant) => Nothing,
            (Requests, Admin | Isc) => Office,
            (Requests, Staff) => DepartmentOrRecorded,
            (Requests, Committee) => RecordedOrCollective,
            (Requests, Tenant) => OwnTenant,
            (Workshops, Admin | Isc | Staff) => Office,
            (Workshops, Committee) => AssignedBuildings,
            (Workshops, Tenant) => Nothing,
            (Consents, Admin | Isc) => Office,
            (Consents, Staff | Committee | Tenant) => Nothing,
        }
    }
}

crate::text_enum! {
    /// Who reads a note written on a record (a request's comment; later a case file's).
    pub enum Audience {
        /// The tenant it is about, and everyone who sees the record.
        Tenant = "tenant",
        /// The office's staff (administrators, ISCs, department staff), never the tenant.
        Staff = "staff",
        /// The ISCs alone: psychosocial information never reaches a department.
        Isc = "isc",
    }
}

impl Role {
    /// The audiences whose notes this role reads.
    pub fn audiences(self) -> &'static [Audience] {
        use Audience as A;
        match self {
            Role::Isc => &[A::Tenant, A::Staff, A::Isc],
            Role::Admin | Role::Staff => &[A::Tenant, A::Staff],
            Role::Committee | Role::Tenant => &[A::Tenant],
        }
    }

    /// Whether this role may write a note for `audience` (only to those it reads itself).
    pub fn writes_for(self, audience: Audience) -> bool {
        self.audiences().contains(&audience)
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
            assert_eq!(Role::parse(r.as_str()), Some(*r));
        }
    }

    #[test]
    fn committee_members_see_requests_of_their_buildings_and_tenants_their_own() {
        assert_eq!(
            Role::Committee.reach(Resource::Requests),
            Reach::RecordedOrCollective
        );
        assert_eq!(Role::Tenant.reach(Resource::Requests), Reach::OwnTenant);
        assert_eq!(
            Role::Staff.reach(Resource::Requests),
            Reach::DepartmentOrRecorded
        );
    }

    #[test]
    fn isc_notes_reach_iscs_alone_and_tenants_read_only_what_is_for_them() {
        for role in Role::ALL {
            assert_eq!(
                role.audiences().contains(&Audience::Isc),
                *role == Role::Isc,
                "{role:?}"
            );
            assert!(role.writes_for(Audience::Tenant));
        }
        assert_eq!(Role::Tenant.audiences(), &[Audience::Tenant]);
        assert_eq!(Role::Committee.audiences(), &[Audience::Tenant]);
        assert!(!Role::Staff.writes_for(Audience::Isc));
    }
}
