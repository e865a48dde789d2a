//! The account form pages (administrators only): create and edit.

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use serde::Serialize;

use super::{Account, Target, UserData, UserInput, LANGUAGES};
use crate::domain::roles::Action;
use crate::domain::{FieldErrors, Role};
use crate::error::AppError;
use crate::i18n::{t, Lang};
use crate::state::AppState;
use crate::web::{auth, redirect, render, render_status, CsrfForm, CurrentUser, Page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(new_user)
        .service(create_user)
        .service(edit_user)
        .service(update_user);
}

/// One entry of a select list, its label already translated.
#[derive(Serialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

pub(super) fn role_choices(lang: Lang, selected: &str) -> Vec<Choice> {
    Role::ALL
        .iter()
        .map(|r| Choice {
            value: r.as_str().to_owned(),
            label: t(lang, &format!("role-{}", r.as_str())),
            selected: r.as_str() == selected,
        })
        .collect()
}

#[derive(Serialize)]
struct FormPage {
    action: String,
    form: UserInput,
    errors: BTreeMap<String, String>,
    roles: Vec<Choice>,
    languages: Vec<Choice>,
    departments: Vec<Choice>,
    editing: bool,
    active: bool,
}

fn form_page(
    action: String,
    form: UserInput,
    errors: &FieldErrors,
    user: &CurrentUser,
    departments: &[(i64, String)],
    target: Target,
) -> FormPage {
    let lang = user.lang;
    let chosen_dep = form.department_id.clone().unwrap_or_default();
    let mut deps = vec![Choice {
        value: String::new(),
        label: t(lang, "users-no-department"),
        selected: chosen_dep.is_empty(),
    }];
    deps.extend(departments.iter().map(|(id, name)| Choice {
        value: id.to_string(),
        label: name.clone(),
        selected: id.to_string() == chosen_dep,
    }));
    let language = form.language.clone().unwrap_or_else(|| "fr".into());
    FormPage {
        action,
        roles: role_choices(lang, form.role.as_deref().unwrap_or("isc")),
        languages: LANGUAGES
            .iter()
            .map(|l| Choice {
                value: (*l).to_owned(),
                label: t(lang, &format!("users-language-{l}")),
                selected: *l == language,
            })
            .collect(),
        departments: deps,
        errors: errors.translated(lang),
        editing: target != Target::New,
        active: crate::domain::validate::checkbox(form.active.as_deref()),
        form,
    }
}

/// Re-renders the form with 422 and the messages.
#[allow(clippy::too_many_arguments)]
fn invalid(
    state: &AppState,
    session: &Session,
    user: &CurrentUser,
    action: String,
    input: UserInput,
    errors: &FieldErrors,
    departments: &[(i64, String)],
    target: Target,
) -> Result<HttpResponse, AppError> {
    let title = if target == Target::New {
        "user-new-title"
    } else {
        "user-edit-title"
    };
    let page = form_page(action, input, errors, user, departments, target);
    let ctx = Page::new(session, user, title, "admin", page);
    render_status(state, StatusCode::UNPROCESSABLE_ENTITY, "users/form", &ctx)
}

#[get("/users/new")]
async fn new_user(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageAccounts)?;
    let office = user.office_id;
    let deps = state
        .db(move |c| super::list_departments(c, office))
        .await?;
    let input = UserInput {
        role: Some("isc".into()),
        language: Some(user.lang.as_str().into()),
        ..UserInput::default()
    };
    let page = form_page(
        "/users".into(),
        input,
        &FieldErrors::new(),
        &user,
        &deps,
        Target::New,
    );
    render(
        &state,
        "users/form",
        &Page::new(&session, &user, "user-new-title", "admin", page),
    )
}

#[post("/users")]
async fn create_user(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    CsrfForm(input): CsrfForm<UserInput>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageAccounts)?;
    let office = user.office_id;
    let deps = state
        .db(move |c| super::list_departments(c, office))
        .await?;
    let ids: Vec<i64> = deps.iter().map(|(id, _)| *id).collect();
    let fail = |input, errors: &FieldErrors| {
        invalid(
            &state,
            &session,
            &user,
            "/users".into(),
            input,
            errors,
            &deps,
            Target::New,
        )
    };
    let mut data = match input.validate(Target::New, &ids) {
        Ok(d) => d,
        Err(errors) => return fail(input, &errors),
    };
    let hash = super::hash_password(data.password.take())
        .await?
        .unwrap_or_default();
    match state
        .db_tx(move |c| super::insert(c, office, &data, hash))
        .await
    {
        Ok(_) => Ok(redirect(&session, "/users", Some("flash-user-created"))),
        Err(AppError::Validation(errors)) => fail(input, &errors),
        Err(e) => Err(e),
    }
}

#[get("/users/{id:\\d+}/edit")]
async fn edit_user(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageAccounts)?;
    let (office, id) = (user.office_id, path.into_inner());
    let (account, deps) = state
        .db(move |c| {
            Ok((
                super::find(c, office, id)?,
                super::list_departments(c, office)?,
            ))
        })
        .await?;
    let target = Target::Existing {
        is_self: id == user.id,
    };
    let page = form_page(
        format!("/users/{id}"),
        UserInput::from_account(&account),
        &FieldErrors::new(),
        &user,
        &deps,
        target,
    );
    render(
        &state,
        "users/form",
        &Page::new(&session, &user, "user-edit-title", "admin", page),
    )
}

#[post("/users/{id:\\d+}")]
async fn update_user(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(mut input): CsrfForm<UserInput>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageAccounts)?;
    let (office, id) = (user.office_id, path.into_inner());
    let (account, deps): (Account, _) = state
        .db(move |c| {
            Ok((
                super::find(c, office, id)?,
                super::list_departments(c, office)?,
            ))
        })
        .await?;
    // The email is not editable; the form shows the stored one.
    input.email = Some(account.email);
    let ids: Vec<i64> = deps.iter().map(|(id, _)| *id).collect();
    let target = Target::Existing {
        is_self: id == user.id,
    };
    let action = format!("/users/{id}");
    let fail = |input, errors: &FieldErrors| {
        invalid(
            &state,
            &session,
            &user,
            action.clone(),
            input,
            errors,
            &deps,
            target,
        )
    };
    let mut data: UserData = match input.validate(target, &ids) {
        Ok(d) => d,
        Err(errors) => return fail(input, &errors),
    };
    let hash = super::hash_password(data.password.take()).await?;
    let own_new_hash = hash.clone().filter(|_| id == user.id);
    match state
        .db_tx(move |c| super::update(c, office, id, &data, hash))
        .await
    {
        Ok(()) => {
            if let Some(h) = own_new_hash {
                // Changing one's own password here keeps this session open, as on /account.
                auth::refresh_stamp(&session, &h);
            }
            Ok(redirect(&session, "/users", Some("flash-saved")))
        }
        Err(AppError::Validation(errors)) => fail(input, &errors),
        Err(e) => Err(e),
    }
}
