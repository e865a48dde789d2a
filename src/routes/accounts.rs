//! Paths of accounts (`src/accounts`): the first-run setup (`src/setup.rs`), sign-in and sign-out,
//! the language switch, one's own account, account administration, and the API's tokens and
//! accounts.

use actix_web::web::{delete, get, post, put, ServiceConfig};
use utoipa::OpenApi;

use crate::accounts::api::*;
use crate::accounts::pages::{account, sign_in};
use crate::accounts::users::api::*;
use crate::accounts::users::pages::{form, list};
use crate::accounts::users::scope::pages as scope;
use crate::setup;

pub fn pages(cfg: &mut ServiceConfig) {
    cfg.route("/setup", get().to(setup::setup_form))
        .route("/setup", post().to(setup::setup))
        .route("/login", get().to(sign_in::login_form))
        .route("/login", post().to(sign_in::login))
        .route("/logout", post().to(sign_in::logout))
        .route("/language", post().to(sign_in::choose_language))
        .route("/account", get().to(account::account))
        .route("/account/password", post().to(account::change_password))
        .route("/account/tokens", post().to(account::create_token))
        .route(
            "/account/tokens/{id}/revoke",
            post().to(account::revoke_token),
        )
        .route("/users", get().to(list::list_users))
        .route("/users", post().to(form::create_user))
        .route("/users.csv", get().to(list::export_users))
        .route("/users/new", get().to(form::new_user))
        .route("/users/{id:\\d+}", post().to(form::update_user))
        .route("/users/{id:\\d+}/edit", get().to(form::edit_user))
        .route("/users/{id:\\d+}/scope", get().to(scope::edit_scope))
        .route("/users/{id:\\d+}/scope", post().to(scope::update_scope));
}

/// Under `/api/v1`.
pub fn api(cfg: &mut ServiceConfig) {
    cfg.route("/auth/token", post().to(api_create_token))
        .route("/tokens", get().to(api_list_tokens))
        .route("/tokens/{id}", delete().to(api_revoke_token))
        .route("/me", get().to(api_me))
        .route("/users", get().to(api_list_users))
        .route("/users", post().to(api_create_user))
        .route("/users/{id:\\d+}", get().to(api_show_user))
        .route("/users/{id:\\d+}", put().to(api_update_user));
}

#[derive(OpenApi)]
#[openapi(paths(
    api_create_token,
    api_list_tokens,
    api_revoke_token,
    api_me,
    api_list_users,
    api_create_user,
    api_show_user,
    api_update_user
))]
pub struct Doc;
