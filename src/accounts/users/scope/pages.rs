//! `/users/{id}/scope`: what an account acts for below the office — a committee account's
//! buildings, a tenant account's tenant record.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use super::queries::{self, AccountScope};
use super::{service, ScopeForm};
use crate::access::{Actor, Caller};
use crate::accounts::users::queries::find;
use crate::domain::ids::{BuildingId, UserId};
use crate::domain::roles::{Action, Role};
use crate::error::AppError;
use crate::i18n::t;
use crate::state::AppState;
use crate::web::{csrf, redirect, render_status, Page};

#[derive(Serialize)]
struct BuildingChoice {
    id: BuildingId,
    name: String,
    checked: bool,
}

#[derive(Serialize)]
struct ScopePage {
    id: UserId,
    name: String,
    committee: bool,
    tenant: bool,
    buildings: Vec<BuildingChoice>,
    tenant_id: String,
    tenant_name: Option<String>,
    error: Option<String>,
}

/// Reads the account's scope and the office's buildings, and renders the page with `status` and
/// the message `error` (a catalogue key).
async fn render_page(
    state: &AppState,
    caller: Caller,
    session: &Session,
    id: UserId,
    status: StatusCode,
    error: Option<&str>,
) -> Result<HttpResponse, AppError> {
    let (actor, (scope, names)) = state
        .read(caller, move |c, actor| {
            let scope = queries::scope(c, actor, id)?;
            Ok((scope, crate::registry::buildings::names(c, actor)?))
        })
        .await?;
    let page = scope_page(&actor, scope, names, error);
    let ctx = Page::of(session, &actor, "user-scope-title", "admin", page);
    render_status(state, status, "users/scope", &ctx)
}

fn scope_page(
    actor: &Actor,
    scope: AccountScope,
    names: Vec<(BuildingId, String)>,
    error: Option<&str>,
) -> ScopePage {
    let AccountScope {
        account,
        assigned,
        tenant,
    } = scope;
    ScopePage {
        id: account.id,
        name: account.display_name,
        committee: account.role == Role::Committee,
        tenant: account.role == Role::Tenant,
        buildings: names
            .into_iter()
            .map(|(id, name)| BuildingChoice {
                checked: assigned.contains(&id),
                id,
                name,
            })
            .collect(),
        tenant_id: tenant
            .as_ref()
            .map(|(t, _)| t.to_string())
            .unwrap_or_default(),
        tenant_name: tenant.and_then(|(_, name)| name),
        error: error.map(|key| t(actor.lang, key)),
    }
}

pub async fn edit_scope(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<UserId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    render_page(&state, caller, &session, id, StatusCode::OK, None).await
}

/// The form is read as pairs, because `building_id` repeats (one per checked building), so its
/// CSRF token is checked here rather than by `CsrfForm`.
pub async fn update_scope(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<UserId>,
    pairs: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let form = ScopeForm::from_pairs(pairs.into_inner());
    let token_ok = csrf::verify(&session, &form.csrf);
    let written = state
        .write(caller.clone(), move |c, actor| {
            // Forbidden is said before an expired form, as this page always did.
            actor.require(Action::ManageAccounts)?;
            if !token_ok {
                return Err(AppError::Csrf);
            }
            let account = find(c, actor, id)?;
            let data = form.parse(account.role)?;
            service::save_scope(c, actor, &account, &data)
        })
        .await;
    match written {
        Ok(_) => Ok(redirect(
            &session,
            &format!("/users/{id}/scope"),
            Some("flash-saved"),
        )),
        Err(AppError::Validation(e)) => {
            let key =
                e.0.values()
                    .next()
                    .map_or("err-unknown-reference", |f| f.code);
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            render_page(&state, caller, &session, id, status, Some(key)).await
        }
        Err(e) => Err(e),
    }
}
