//! Paths of workshops and activities (`src/workshops`): the pages, the building's public page and
//! poster, secret calendar feeds, then the API.

use actix_web::web::{delete, get, post, put, ServiceConfig};
use utoipa::OpenApi;

use crate::workshops::api::registrations::*;
use crate::workshops::api::sessions::*;
use crate::workshops::api::workshops::*;
use crate::workshops::pages::{
    attendance, calendar, feeds, form, list, public, registrations, sessions,
};

pub fn pages(cfg: &mut ServiceConfig) {
    cfg.route("/workshops", get().to(list::list_workshops))
        .route("/workshops", post().to(form::create_workshop))
        .route("/workshops/calendar", get().to(calendar::show_calendar))
        .route("/workshops/new", get().to(form::new_workshop))
        .route("/workshops/{id:\\d+}", get().to(list::show_workshop))
        .route(
            "/workshops/{id:\\d+}/registrations",
            post().to(registrations::register_tenant),
        )
        .route(
            "/registrations/{id:\\d+}/cancel",
            post().to(registrations::cancel_registration),
        )
        .route(
            "/sessions/{id:\\d+}/attendance",
            get().to(attendance::show_attendance),
        )
        .route(
            "/sessions/{id:\\d+}/attendance",
            post().to(attendance::save_attendance),
        )
        .route(
            "/sessions/{id:\\d+}/cancel",
            post().to(sessions::cancel_session),
        )
        .route("/sessions/{id:\\d+}/move", get().to(sessions::show_move))
        .route(
            "/sessions/{id:\\d+}/move",
            post().to(sessions::move_session),
        )
        .route("/buildings/{id:\\d+}/poster", get().to(calendar::poster))
        .route("/static/poster.css", get().to(calendar::poster_css))
        .route("/activites/{building:\\d+}", get().to(public::public_page))
        .route(
            "/activites/{building:\\d+}",
            post().to(public::public_register),
        )
        .route("/calendar-feeds", get().to(feeds::list_feeds))
        .route("/calendar-feeds", post().to(feeds::create_feed))
        .route(
            "/calendar-feeds/{id:\\d+}/revoke",
            post().to(feeds::revoke_feed),
        )
        .route("/calendar/{secret}.ics", get().to(feeds::feed));
}

/// Under `/api/v1`.
pub fn api(cfg: &mut ServiceConfig) {
    cfg.route("/workshops", get().to(api_list_workshops))
        .route("/workshops", post().to(api_create_workshop))
        .route("/workshops/{id:\\d+}", get().to(api_show_workshop))
        .route("/workshops/{id:\\d+}/capacity", put().to(api_set_capacity))
        .route(
            "/workshops/{id:\\d+}/registrations",
            get().to(api_list_registrations),
        )
        .route(
            "/workshops/{id:\\d+}/registrations",
            post().to(api_register),
        )
        .route(
            "/registrations/{id:\\d+}",
            delete().to(api_cancel_registration),
        )
        .route("/sessions/{id:\\d+}", put().to(api_move_session))
        .route("/sessions/{id:\\d+}/cancel", post().to(api_cancel_session))
        .route(
            "/sessions/{id:\\d+}/attendance",
            get().to(api_show_attendance),
        )
        .route(
            "/sessions/{id:\\d+}/attendance",
            put().to(api_save_attendance),
        );
}

#[derive(OpenApi)]
#[openapi(paths(
    api_list_workshops,
    api_create_workshop,
    api_show_workshop,
    api_set_capacity,
    api_list_registrations,
    api_register,
    api_cancel_registration,
    api_move_session,
    api_cancel_session,
    api_show_attendance,
    api_save_attendance
))]
pub struct Doc;
