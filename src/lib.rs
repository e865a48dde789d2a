//! Passerelle: the platform on which community support in Quebec public housing (HLM) is run.
//!
//! A request goes: route table (`routes`) → handler (extractors, input parsed into domain values) →
//! rules and one transaction → `db` queries → a typed page context rendered by handlebars, or JSON.

pub mod access;
pub mod accounts;
pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub mod domain;
pub mod email;
pub mod error;
pub mod home;
pub mod i18n;
pub mod jobs;
pub mod journal;
pub mod privacy;
pub mod registry;
pub mod requests;
pub mod routes;
pub mod setup;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod web;
pub mod workshops;
