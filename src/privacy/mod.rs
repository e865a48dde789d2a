//! Privacy (Québec's Law 25) as the office lives it: who read personal information
//! ([`access_log`]; the recorder itself is `access::log`), consent that keeps its history
//! ([`consents`], with the one-click withdrawal from every email to a tenant), how long each kind
//! of record is kept ([`retention`]), everything held about one person as one archive ([`export`])
//! with the register of such requests ([`access_requests`]), the confidentiality [`incidents`]
//! register, and the office's privacy [`officer`].
//!
//! Who: the administrator sees and does all of it for the office (`Action::ManagePrivacy`); ISCs
//! see a tenant's consents and who consulted the tenant's file, and record consents
//! (`Action::ReadConsents`, `RecordConsents`, `Resource::Consents`); nobody else. Another office's
//! records answer 404.

pub mod access_log;
pub mod access_requests;
pub mod consents;
pub mod export;
pub mod incidents;
pub mod officer;
pub mod pages;
pub mod retention;
mod tenant;

pub use tenant::{find_tenant, TenantRef};
