//! The account form: `/users/new` and `/users` to create an account, `/users/{id}/edit` and
//! `/users/{id}` to change one (its password too, which an administrator may reset).
//!
//! The writes run in a read call: the new password is hashed first, then the service's writes run
//! in one write transaction (`accounts::service::with_new_password`), so argon2 never holds the
//! write lock.

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use super::roles;
use crate::access::{self, Actor, Caller};
use crate::accounts::service::{with_new_password, KeptSession};
use crate::accounts::users::{queries, service, Target, UserForm};
use crate::accounts::LANGUAGES;
use crate::db::DbConnection;
use crate::domain::ids::{DepartmentId, UserId};
use crate::domain::roles::Action;
use crate::domain::{validate, FieldErrors};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::choice::{choices, translated_choices, with_none, Choice};
use crate::web::{redirect, render_status, CsrfForm, Page};

#[derive(Serialize)]
struct FormPage {
    action: String,
    form: UserForm,
    errors: BTreeMap<String, String>,
    roles: Vec<Choice>,
    languages: Vec<Choice>,
    departments: Vec<Choice>,
    editing: bool,
    active: bool,
}

/// What the form shows: the account being edited (if any), the submission, its errors.
struct Shown {
    id: Option<UserId>,
    input: UserForm,
    errors: FieldErrors,
    status: StatusCode,
}

impl Shown {
    fn invalid(id: Option<UserId>, input: UserForm, errors: FieldErrors) -> Shown {
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        Shown {
            id,
            input,
            errors,
            status,
        }
    }
}

fn render_form(
    state: &AppState,
    session: &Session,
    actor: &Actor,
    departments: Vec<(DepartmentId, String)>,
    shown: Shown,
) -> Result<HttpResponse, AppError> {
    let lang = actor.lang;
    let form = shown.input;
    let department = form.department_id.clone().unwrap_or_default();
    let language = form.language.clone().unwrap_or_else(|| "fr".into());
    let page = FormPage {
        action: shown
            .id
            .map_or("/users".into(), |id| format!("/users/{id}")),
        roles: roles(lang, form.role.as_deref().unwrap_or("isc")),
        languages: translated_choices(lang, "users-language-", LANGUAGES, &[&language]),
        departments: with_none(
            lang,
            "users-no-department",
            choices(departments, &[&department]),
        ),
        errors: shown.errors.translated(lang),
        editing: shown.id.is_some(),
        active: validate::checkbox(form.active.as_deref()),
        form,
    };
    let title = match shown.id {
        Some(_) => "user-edit-title",
        None => "user-new-title",
    };
    let ctx = Page::of(session, actor, title, "admin", page);
    render_status(state, shown.status, "users/form", &ctx)
}

/// Shows the form again with the submission's errors (after the write was rolled back); the email
/// of an existing account is the stored one, since it cannot be changed.
async fn redisplay(
    state: &AppState,
    caller: Caller,
    session: &Session,
    mut shown: Shown,
) -> Result<HttpResponse, AppError> {
    let id = shown.id;
    let (actor, (email, departments)) = state
        .read(caller, move |c, actor| {
            actor.require(Action::ManageAccounts)?;
            let email = match id {
                Some(id) => Some(queries::find(c, actor, id)?.email),
                None => None,
            };
            Ok((email, queries::departments(c, actor)?))
        })
        .await?;
    if email.is_some() {
        shown.input.email = email;
    }
    render_form(state, session, &actor, departments, shown)
}

pub async fn new_user(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let (actor, departments) = state
        .read(caller, |c, actor| {
            actor.require(Action::ManageAccounts)?;
            queries::departments(c, actor)
        })
        .await?;
    let shown = Shown {
        id: None,
        input: UserForm::blank(actor.lang),
        errors: FieldErrors::new(),
        status: StatusCode::OK,
    };
    render_form(&state, &session, &actor, departments, shown)
}

pub async fn create_user(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    CsrfForm(input): CsrfForm<UserForm>,
) -> Result<HttpResponse, AppError> {
    let form = input.clone();
    let written = state
        .read(caller.clone(), move |c, actor| {
            actor.require(Action::ManageAccounts)?;
            let data = form.parse(Target::New)?;
            with_new_password(c, data.password.as_deref(), |c, hash| {
                service::create(c, actor, &data, hash.unwrap_or_default())
            })
        })
        .await;
    match written {
        Ok(_) => Ok(redirect(&session, "/users", Some("flash-user-created"))),
        Err(AppError::Validation(errors)) => {
            let shown = Shown::invalid(None, input, errors);
            redisplay(&state, caller, &session, shown).await
        }
        Err(e) => Err(e),
    }
}

pub async fn edit_user(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<UserId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (actor, (account, departments)) = state
        .read(caller, move |c, actor| {
            Ok((
                queries::find(c, actor, id)?,
                queries::departments(c, actor)?,
            ))
        })
        .await?;
    let shown = Shown {
        id: Some(id),
        input: UserForm::of(&account),
        errors: FieldErrors::new(),
        status: StatusCode::OK,
    };
    render_form(&state, &session, &actor, departments, shown)
}

/// The actor's own session, kept after they gave themself a new password here.
fn kept_session(
    conn: &mut DbConnection,
    actor: &Actor,
    password_hash: &str,
) -> Result<KeptSession, AppError> {
    let account = access::find_account(conn, actor.user_id)?.ok_or(AppError::NotFound)?;
    Ok(KeptSession {
        password_hash: password_hash.to_owned(),
        epoch: account.session_epoch,
    })
}

pub async fn update_user(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<UserId>,
    CsrfForm(input): CsrfForm<UserForm>,
) -> Result<HttpResponse, AppError> {
    let (id, form) = (path.into_inner(), input.clone());
    let written = state
        .read(caller.clone(), move |c, actor| {
            // Not found is said before any message about the fields.
            queries::find(c, actor, id)?;
            let data = form.parse(Target::Existing {
                is_self: id == actor.user_id,
            })?;
            with_new_password(c, data.password.as_deref(), |c, hash| {
                service::update(c, actor, id, &data, hash)?;
                match hash.filter(|_| id == actor.user_id) {
                    Some(hash) => Ok(Some(kept_session(c, actor, hash)?)),
                    None => Ok(None),
                }
            })
        })
        .await;
    match written {
        Ok((_, kept)) => {
            if let Some(kept) = kept {
                // Changing one's own password here keeps this session open, as on /account.
                access::refresh_stamp(&session, &kept.password_hash, kept.epoch);
            }
            Ok(redirect(&session, "/users", Some("flash-saved")))
        }
        Err(AppError::Validation(errors)) => {
            let shown = Shown::invalid(Some(id), input, errors);
            redisplay(&state, caller, &session, shown).await
        }
        Err(e) => Err(e),
    }
}
