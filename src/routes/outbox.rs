//! Paths of the outbox page (`src/email/pages.rs`), for administrators.

use actix_web::web::{get, post, ServiceConfig};

use crate::email::pages::*;

pub fn pages(cfg: &mut ServiceConfig) {
    cfg.route("/outbox", get().to(list_outbox))
        .route("/outbox/test", post().to(send_test))
        .route("/outbox/{id}", get().to(show_message))
        .route("/outbox/{id}/retry", post().to(retry_message));
}
