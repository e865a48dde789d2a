//! What an account acts for below the office: the buildings of a committee account
//! (`user_buildings`) and the tenant record of a tenant account (`users.tenant_id`). Requests and
//! workshops narrow what these accounts see by them; `crate::access` reads them, this page writes
//! them.

pub mod input;
pub mod pages;
pub mod queries;
pub mod service;

pub use input::{ScopeData, ScopeForm};
pub use queries::AccountScope;
