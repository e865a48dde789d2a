//! The first page: the setup form while no account exists, sign-in for strangers, and for a
//! signed-in person a summary of their office organised by the four poles.

use actix_session::Session;
use actix_web::{web, HttpResponse};
use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use serde::Serialize;

use crate::access::{Actor, Caller};
use crate::accounts::queries::count_users;
use crate::db::schema::{buildings, dwellings, journal_entries, tenants};
use crate::db::DbConnection;
use crate::domain::roles::Action;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::format::today;
use crate::web::{redirect, render, Page};

/// The office at a glance; tenants and the journal only for those who see them.
#[derive(Serialize, Default)]
struct Summary {
    buildings: i64,
    dwellings: i64,
    tenants: i64,
    journal_month: i64,
    show_tenants: bool,
    show_journal: bool,
    can_manage: bool,
}

/// Counts of the actor's office on `today`: buildings, dwellings, tenants living there, and the
/// journal entries of the month.
fn summary(conn: &mut DbConnection, actor: &Actor, today: NaiveDate) -> Result<Summary, AppError> {
    let office = actor.office_id;
    let mut s = Summary {
        show_tenants: actor.can(Action::ReadTenants),
        show_journal: actor.can(Action::ReadJournal),
        can_manage: actor.can(Action::ManageOffice),
        ..Summary::default()
    };
    s.buildings = buildings::table
        .filter(buildings::office_id.eq(office))
        .count()
        .get_result(conn)?;
    s.dwellings = dwellings::table
        .filter(dwellings::office_id.eq(office))
        .count()
        .get_result(conn)?;
    if s.show_tenants {
        s.tenants = tenants::table
            .filter(tenants::office_id.eq(office))
            .filter(tenants::move_out.is_null().or(tenants::move_out.gt(today)))
            .count()
            .get_result(conn)?;
    }
    if s.show_journal {
        let month_start = today.with_day(1).unwrap_or(today);
        s.journal_month = journal_entries::table
            .filter(journal_entries::office_id.eq(office))
            .filter(journal_entries::occurred_on.ge(month_start))
            .count()
            .get_result(conn)?;
    }
    Ok(s)
}

pub async fn home(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let day = today();
    let read = match caller.is_anonymous() {
        true => Err(AppError::Unauthenticated),
        false => {
            state
                .read(caller, move |c, actor| summary(c, actor, day))
                .await
        }
    };
    match read {
        Ok((actor, summary)) => render(
            &state,
            "home",
            &Page::of(&session, &actor, "home-title", "home", summary),
        ),
        Err(AppError::Unauthenticated) => {
            let first_visit = state.read_anonymous(count_users).await? == 0;
            let to = if first_visit { "/setup" } else { "/login" };
            Ok(redirect(&session, to, None))
        }
        Err(e) => Err(e),
    }
}
