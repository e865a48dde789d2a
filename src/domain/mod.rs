//! Validated values and pure rules: no actix, no diesel.

#[macro_use]
pub mod ids;
pub mod consent;
pub mod instant;
pub mod poles;
pub mod recurrence;
pub mod roles;
pub mod text;
pub mod validate;

pub use roles::Role;
pub use validate::FieldErrors;
