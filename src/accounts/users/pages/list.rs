//! `/users`: the office's accounts, filtered by role, status and a part of the name or email,
//! paginated; `/users.csv`, the same selection as a spreadsheet.

use actix_session::Session;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use super::roles;
use crate::access::Caller;
use crate::accounts::users::input::{UserFilter, UsersQuery};
use crate::accounts::users::{export, queries, AccountLine};
use crate::domain::ids::UserId;
use crate::error::AppError;
use crate::i18n::{t, Lang};
use crate::state::AppState;
use crate::web::choice::{translated_choices, with_none, Choice};
use crate::web::pagination::Pager;
use crate::web::{render, Page};

#[derive(Serialize)]
struct UserLine {
    id: UserId,
    display_name: String,
    email: String,
    role_label: String,
    department: Option<String>,
    active: bool,
    last_login: Option<String>,
}

#[derive(Serialize)]
struct ListPage {
    q: String,
    roles: Vec<Choice>,
    statuses: Vec<Choice>,
    users: Vec<UserLine>,
    pager: Pager,
}

fn user_line(line: AccountLine, lang: Lang) -> UserLine {
    let a = line.account;
    UserLine {
        role_label: t(lang, &format!("role-{}", a.role)),
        last_login: a.last_login_at.map(|d| d.format("%Y-%m-%d").to_string()),
        id: a.id,
        display_name: a.display_name,
        email: a.email,
        department: line.department,
        active: a.active,
    }
}

/// The filter selects, each with the filter's value chosen.
fn filter_choices(lang: Lang, filter: &UserFilter) -> (Vec<Choice>, Vec<Choice>) {
    let role = filter.role.map_or("", |r| r.as_str());
    let statuses = translated_choices(
        lang,
        "users-status-",
        ["active", "inactive"],
        &[filter.status()],
    );
    (
        with_none(lang, "users-all-roles", roles(lang, role)),
        with_none(lang, "users-status-all", statuses),
    )
}

pub async fn list_users(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    query: web::Query<UsersQuery>,
) -> Result<HttpResponse, AppError> {
    let (filter, at) = (query.filter(), query.pagination());
    let f = filter.clone();
    let (actor, paged) = state
        .read(caller, move |c, actor| queries::list(c, actor, &f, at))
        .await?;
    let lang = actor.lang;
    let pager = paged.pager("/users", &filter.to_query_string());
    let (roles, statuses) = filter_choices(lang, &filter);
    let page = ListPage {
        q: filter.q,
        roles,
        statuses,
        users: paged
            .items
            .into_iter()
            .map(|l| user_line(l, lang))
            .collect(),
        pager,
    };
    render(
        &state,
        "users/list",
        &Page::of(&session, &actor, "users-title", "admin", page),
    )
}

pub async fn export_users(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<UsersQuery>,
) -> Result<HttpResponse, AppError> {
    let filter = query.filter();
    let (actor, lines) = state
        .read(caller, move |c, actor| queries::list_all(c, actor, &filter))
        .await?;
    export::to_csv(lines, actor.lang)?.into_response("comptes.csv")
}
