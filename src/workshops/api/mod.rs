//! `/api/v1/workshops`, `/sessions`, `/registrations`: workshops in JSON, with the rules of the
//! pages: workshops (`workshops.rs`), registrations (`registrations.rs`), sessions and attendance
//! (`sessions.rs`). Their paths are in `routes/workshops.rs`.

pub mod registrations;
pub mod sessions;
pub mod workshops;

use actix_web::http::StatusCode;
use actix_web::HttpResponse;

use crate::error::{problem, AppError};
use crate::i18n::Lang;
use crate::workshops::Clash;

/// A booking in the way, answered as 409 with the session named in `detail`.
pub fn clash_response(clash: &Clash, lang: Lang) -> HttpResponse {
    let mut p = problem(
        Some(&AppError::Conflict("err-workshop-clash")),
        StatusCode::CONFLICT,
        lang,
    );
    p.detail = Some(clash.message(lang));
    HttpResponse::Conflict()
        .content_type("application/problem+json")
        .json(p)
}
