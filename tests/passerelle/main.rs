#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Passerelle's integration tests: one binary (one link) for every capability. Each test starts the
//! real application on its own database; `PASSERELLE_TEST_DATABASE_URL` moves them to PostgreSQL.

mod helpers;

mod accounts;
mod architecture;
mod browser;
mod buildings;
mod demo;
mod import;
mod infrastructure;
mod journal;
mod mail;
mod matrix;
mod openapi;
mod privacy;
mod registry;
mod requests;
mod sessions;
mod smtp;
mod tenants;
mod users;
mod workshops;
