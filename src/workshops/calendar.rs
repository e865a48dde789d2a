//! Calendars.
