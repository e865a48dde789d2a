//! Account administration (administrators only): the office's accounts, their roles, language and
//! department, and what an account acts for below the office — the buildings of a committee
//! account (`user_buildings`) and the tenant record of a tenant account (`users.tenant_id`), by
//! which requests and workshops narrow what these accounts see (`crate::access` reads them).
//!
//! Rows are the capability's own ([`super::Account`], [`super::NewUser`]); [`input`] parses the
//! forms and JSON bodies by one set of rules, [`queries`] reads the office's accounts, [`service`]
//! holds the rules that keep an office administered, [`pages`] and [`api`] are thin handlers.
//! What an account acts for is the sub-capability [`scope`].

pub mod api;
mod export;
pub mod input;
pub mod pages;
pub mod queries;
pub mod scope;
pub mod service;

pub use input::{Target, UserData, UserFilter, UserForm};
pub use queries::AccountLine;
