//! Reads of account administration: the office's accounts with their department's name, one
//! account, and the office's departments. Administrators only
//! (`Action::ManageAccounts`); another office's account is `NotFound`.

use diesel::prelude::*;

use super::UserFilter;
use crate::access::Actor;
use crate::accounts::Account;
use crate::db::schema::{departments, users};
use crate::db::{like_escape, DbConnection};
use crate::domain::ids::{DepartmentId, UserId};
use crate::domain::roles::Action;
use crate::error::AppError;
use crate::web::pagination::{Paged, Pagination};

diesel::define_sql_function!(fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text);

/// An account with its department's name, as lists and exports show it.
#[derive(Debug, Clone, Queryable)]
pub struct AccountLine {
    pub account: Account,
    pub department: Option<String>,
}

/// Boxes the office's accounts, joined to their department, narrowed by the filter.
macro_rules! filtered {
    ($actor:expr, $filter:expr) => {{
        let f: &UserFilter = $filter;
        let mut query = users::table
            .left_join(departments::table.on(departments::id.nullable().eq(users::department_id)))
            .filter(users::office_id.eq($actor.office_id))
            .into_boxed();
        if let Some(role) = f.role {
            query = query.filter(users::role.eq(role));
        }
        if let Some(active) = f.active {
            query = query.filter(users::active.eq(active));
        }
        let q = f.q.trim().to_lowercase();
        if !q.is_empty() {
            let pattern = format!("%{}%", like_escape(&q));
            query = query.filter(
                lower(users::display_name)
                    .like(pattern.clone())
                    .escape('\\')
                    .or(users::email.like(pattern).escape('\\')),
            );
        }
        query
    }};
}

fn lines(
    conn: &mut DbConnection,
    actor: &Actor,
    filter: &UserFilter,
    offset: i64,
    limit: i64,
) -> Result<Vec<AccountLine>, AppError> {
    actor.require(Action::ManageAccounts)?;
    Ok(filtered!(actor, filter)
        .order((users::display_name.asc(), users::id.asc()))
        .select((Account::as_select(), departments::name.nullable()))
        .offset(offset)
        .limit(limit)
        .load(conn)?)
}

/// One page of the office's accounts matching `filter`, by name.
pub fn list(
    conn: &mut DbConnection,
    actor: &Actor,
    filter: &UserFilter,
    at: Pagination,
) -> Result<Paged<AccountLine>, AppError> {
    let items = lines(conn, actor, filter, at.offset(), at.limit())?;
    let total = filtered!(actor, filter).count().get_result(conn)?;
    Ok(Paged::new(items, total, at))
}

/// Every account of the office matching `filter` (the CSV export), by name.
pub fn list_all(
    conn: &mut DbConnection,
    actor: &Actor,
    filter: &UserFilter,
) -> Result<Vec<AccountLine>, AppError> {
    lines(conn, actor, filter, 0, i64::MAX)
}

/// One account of the actor's office.
pub fn find(conn: &mut DbConnection, actor: &Actor, id: UserId) -> Result<Account, AppError> {
    actor.require(Action::ManageAccounts)?;
    Ok(users::table
        .filter(users::id.eq(id))
        .filter(users::office_id.eq(actor.office_id))
        .select(Account::as_select())
        .first(conn)?)
}

/// The office's departments (id, name) by name: the form's choices.
pub fn departments(
    conn: &mut DbConnection,
    actor: &Actor,
) -> Result<Vec<(DepartmentId, String)>, AppError> {
    Ok(departments::table
        .filter(departments::office_id.eq(actor.office_id))
        .order((departments::name.asc(), departments::id.asc()))
        .select((departments::id, departments::name))
        .load(conn)?)
}
