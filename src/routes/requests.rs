//! Paths of tenant requests (`src/requests`) and their categories.

use actix_web::web::{get, post, ServiceConfig};
use utoipa::OpenApi;

use crate::requests::api::*;
use crate::requests::categories::pages as categories;
use crate::requests::pages::{changes, followup, form, list, overview, photos, show};

pub fn pages(cfg: &mut ServiceConfig) {
    cfg.route("/requests", get().to(list::list_requests))
        .route("/requests", post().to(form::create_request))
        .route("/requests.csv", get().to(list::export_requests))
        .route("/requests/queue", get().to(list::department_queue))
        .route("/requests/new", get().to(form::new_request))
        .route(
            "/requests/categories",
            get().to(categories::list_categories),
        )
        .route(
            "/requests/categories",
            post().to(categories::create_category),
        )
        .route(
            "/requests/categories/{id:\\d+}",
            post().to(categories::update_category),
        )
        .route(
            "/requests/followup/{token}",
            get().to(followup::followup_page),
        )
        .route(
            "/requests/followup/{token}",
            post().to(followup::followup_answer),
        )
        .route("/requests/{id:\\d+}", get().to(show::show_request))
        .route("/requests/{id:\\d+}/step", post().to(changes::step_request))
        .route(
            "/requests/{id:\\d+}/comments",
            post().to(changes::comment_request),
        )
        .route("/requests/{id:\\d+}/link", post().to(changes::link_request))
        .route("/requests/{id:\\d+}/photos", post().to(photos::add_photos))
        // A photo is the same answer for a page session as for an API token.
        .route(
            "/requests/{id:\\d+}/photos/{photo:\\d+}",
            get().to(api_download_photo),
        )
        .route(
            "/buildings/{id:\\d+}/requests",
            get().to(overview::building_requests),
        );
}

/// Under `/api/v1`.
pub fn api(cfg: &mut ServiceConfig) {
    cfg.route("/requests", get().to(api_list_requests))
        .route("/requests", post().to(api_create_request))
        .route("/requests/{id:\\d+}", get().to(api_show_request))
        .route("/requests/{id:\\d+}/steps", get().to(api_request_steps))
        .route("/requests/{id:\\d+}/steps", post().to(api_take_step))
        .route(
            "/requests/{id:\\d+}/comments",
            get().to(api_request_comments),
        )
        .route("/requests/{id:\\d+}/comments", post().to(api_add_comment))
        .route("/requests/{id:\\d+}/link", post().to(api_link_request))
        .route("/requests/{id:\\d+}/photos", post().to(api_upload_photos))
        .route(
            "/requests/{id:\\d+}/photos/{photo:\\d+}",
            get().to(api_download_photo),
        );
}

#[derive(OpenApi)]
#[openapi(paths(
    api_list_requests,
    api_create_request,
    api_show_request,
    api_request_steps,
    api_take_step,
    api_request_comments,
    api_add_comment,
    api_link_request,
    api_upload_photos,
    api_download_photo
))]
pub struct Doc;
