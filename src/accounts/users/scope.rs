//! An account's scope below the office: the buildings a committee account acts for
//! (`user_buildings`) and the tenant record a tenant account belongs to (`users.tenant_id`).
//! Requests (and later capabilities) narrow what these accounts see by them.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::{buildings, tenants, user_buildings, users};
use crate::db::DbConnection;
use crate::domain::roles::{Action, Role};
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{csrf, redirect, render_status, CurrentUser, Page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(edit_scope).service(update_scope);
}

#[derive(Serialize)]
struct BuildingChoice {
    id: i64,
    name: String,
    checked: bool,
}

#[derive(Serialize)]
struct ScopePage {
    id: i64,
    name: String,
    committee: bool,
    tenant: bool,
    buildings: Vec<BuildingChoice>,
    tenant_id: String,
    tenant_name: Option<String>,
    error: Option<String>,
}

/// (display name, role, tenant id) of an account of the office.
fn account(
    conn: &mut DbConnection,
    office: i64,
    id: i64,
) -> Result<(String, String, Option<i64>), AppError> {
    Ok(users::table
        .filter(users::id.eq(id))
        .filter(users::office_id.eq(office))
        .select((users::display_name, users::role, users::tenant_id))
        .first(conn)?)
}

async fn render_page(
    state: &AppState,
    session: &Session,
    user: &CurrentUser,
    id: i64,
    status: StatusCode,
    error: Option<&str>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageAccounts)?;
    let office = user.office_id;
    let (name, role, tenant, all, mine, tenant_name) = state
        .db(move |c| {
            let (name, role, tenant) = account(c, office, id)?;
            let all: Vec<(i64, String)> = buildings::table
                .filter(buildings::office_id.eq(office))
                .order((buildings::name, buildings::id))
                .select((buildings::id, buildings::name))
                .load(c)?;
            let mine: Vec<i64> = user_buildings::table
                .filter(user_buildings::user_id.eq(id))
                .select(user_buildings::building_id)
                .load(c)?;
            let tenant_name = match tenant {
                Some(t) => tenants::table
                    .find(t)
                    .select((tenants::first_name, tenants::last_name))
                    .first::<(String, String)>(c)
                    .optional()?
                    .map(|(f, l)| format!("{f} {l}")),
                None => None,
            };
            Ok((name, role, tenant, all, mine, tenant_name))
        })
        .await?;
    let page = ScopePage {
        id,
        name,
        committee: role == Role::Committee.as_str(),
        tenant: role == Role::Tenant.as_str(),
        buildings: all
            .into_iter()
            .map(|(bid, name)| BuildingChoice {
                checked: mine.contains(&bid),
                id: bid,
                name,
            })
            .collect(),
        tenant_id: tenant.map(|t| t.to_string()).unwrap_or_default(),
        tenant_name,
        error: error.map(|k| crate::i18n::t(user.lang, k)),
    };
    let ctx = Page::new(session, user, "user-scope-title", "admin", page);
    render_status(state, status, "users/scope", &ctx)
}

#[get("/users/{id:\\d+}/scope")]
async fn edit_scope(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    render_page(
        &state,
        &session,
        &user,
        path.into_inner(),
        StatusCode::OK,
        None,
    )
    .await
}

/// The form's pairs, kept in order because `building_id` repeats (one per checked building).
#[post("/users/{id:\\d+}/scope")]
async fn update_scope(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageAccounts)?;
    let pairs = form.into_inner();
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_owned())
    };
    if !csrf::verify(&session, &get("_csrf").unwrap_or_default()) {
        return Err(AppError::Csrf);
    }
    let chosen: Vec<i64> = pairs
        .iter()
        .filter(|(n, _)| n == "building_id")
        .filter_map(|(_, v)| v.trim().parse().ok())
        .collect();
    let tenant = get("tenant_id").unwrap_or_default();
    let (office, id) = (user.office_id, path.into_inner());
    let result = state
        .db_tx(move |c| save(c, office, id, &chosen, &tenant))
        .await;
    match result {
        Ok(()) => Ok(redirect(
            &session,
            &format!("/users/{id}/scope"),
            Some("flash-saved"),
        )),
        Err(AppError::Validation(e)) => {
            let key =
                e.0.values()
                    .next()
                    .map(|f| f.code)
                    .unwrap_or("err-unknown-reference");
            render_page(
                &state,
                &session,
                &user,
                id,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(key),
            )
            .await
        }
        Err(e) => Err(e),
    }
}

/// Replaces the account's buildings (committee) or tenant (tenant account); ids of another office
/// are a field error and nothing is written.
fn save(
    conn: &mut DbConnection,
    office: i64,
    id: i64,
    chosen: &[i64],
    tenant: &str,
) -> Result<(), AppError> {
    let (_, role, _) = account(conn, office, id)?;
    let mut e = FieldErrors::new();
    if role == Role::Committee.as_str() {
        let known: i64 = buildings::table
            .filter(buildings::office_id.eq(office))
            .filter(buildings::id.eq_any(chosen))
            .count()
            .get_result(conn)?;
        if known != chosen.len() as i64 {
            e.add("building_id", "err-unknown-reference");
            return Err(e.into());
        }
        diesel::delete(user_buildings::table.filter(user_buildings::user_id.eq(id)))
            .execute(conn)?;
        for b in chosen {
            diesel::insert_into(user_buildings::table)
                .values((
                    user_buildings::user_id.eq(id),
                    user_buildings::building_id.eq(b),
                ))
                .execute(conn)?;
        }
    }
    if role == Role::Tenant.as_str() {
        let tenant_id = match tenant {
            "" => None,
            t => {
                let t = t.parse::<i64>().unwrap_or(-1);
                let known: i64 = tenants::table
                    .filter(tenants::id.eq(t))
                    .filter(tenants::office_id.eq(office))
                    .count()
                    .get_result(conn)?;
                if known == 0 {
                    e.add("tenant_id", "err-unknown-reference");
                    return Err(e.into());
                }
                Some(t)
            }
        };
        diesel::update(users::table.find(id))
            .set(users::tenant_id.eq(tenant_id))
            .execute(conn)?;
    }
    Ok(())
}
