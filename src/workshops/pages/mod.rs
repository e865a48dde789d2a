//! The workshop pages, one file per family: the list and a workshop's page (`list.rs`), the
//! scheduling form (`form.rs`), registrations (`registrations.rs`), moving and cancelling a session
//! (`sessions.rs`), attendance (`attendance.rs`), calendars and the poster (`calendar.rs`), secret
//! calendar links (`feeds.rs`) and the building's public page (`public.rs`). Each handler extracts,
//! makes one `state.read` or `state.write`, and renders; their paths are in `routes/workshops.rs`.

pub mod attendance;
pub mod calendar;
pub mod feeds;
pub mod form;
pub mod list;
pub mod public;
pub mod registrations;
pub mod sessions;
