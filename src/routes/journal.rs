//! Paths of the practice journal (`src/journal`).

use actix_web::web::{delete, get, post, put, ServiceConfig};
use utoipa::OpenApi;

use crate::journal::api::*;
use crate::journal::pages::{form, list};

pub fn pages(cfg: &mut ServiceConfig) {
    cfg.route("/journal", get().to(list::list_journal))
        .route("/journal", post().to(form::create_entry))
        .route("/journal.csv", get().to(list::export_journal))
        .route("/journal/new", get().to(form::new_entry))
        .route("/journal/{id:\\d+}", post().to(form::update_entry))
        .route("/journal/{id:\\d+}/edit", get().to(form::edit_entry))
        .route("/journal/{id:\\d+}/delete", post().to(form::delete_entry));
}

/// Under `/api/v1`.
pub fn api(cfg: &mut ServiceConfig) {
    cfg.route("/journal", get().to(api_list_journal))
        .route("/journal", post().to(api_create_journal_entry))
        .route("/journal/{id:\\d+}", get().to(api_show_journal_entry))
        .route("/journal/{id:\\d+}", put().to(api_update_journal_entry))
        .route("/journal/{id:\\d+}", delete().to(api_delete_journal_entry));
}

#[derive(OpenApi)]
#[openapi(paths(
    api_list_journal,
    api_create_journal_entry,
    api_show_journal_entry,
    api_update_journal_entry,
    api_delete_journal_entry
))]
pub struct Doc;
