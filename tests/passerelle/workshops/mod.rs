//! Pole 3 — workshops: scheduling and conflicts, registrations and the waiting list, attendance and
//! the journal, reminders, calendars and the public page.

mod confidentiality;
pub mod fixtures;
mod pages;
mod registrations;
mod scheduling;
mod sessions;
