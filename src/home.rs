//! The first page: the setup form while no account exists, sign-in for strangers, and for a
//! signed-in person a summary of their office organised by the four poles.

use actix_session::Session;
use actix_web::{get, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::{buildings, dwellings, journal_entries, tenants};
use crate::domain::roles::Action;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{redirect, render, CurrentUser, Page};

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

#[get("/")]
pub async fn home(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let user = match <CurrentUser as actix_web::FromRequest>::extract(&req).await {
        Ok(user) => user,
        Err(_) => {
            let none = state.db(crate::accounts::count_users).await? == 0;
            return Ok(redirect(
                &session,
                if none { "/setup" } else { "/login" },
                None,
            ));
        }
    };
    let office = user.office_id;
    let month_start = crate::web::format::today().with_day(1).unwrap_or_default();
    let mut summary = state
        .db(move |c| {
            Ok(Summary {
                buildings: buildings::table
                    .filter(buildings::office_id.eq(office))
                    .count()
                    .get_result(c)?,
                dwellings: dwellings::table
                    .filter(dwellings::office_id.eq(office))
                    .count()
                    .get_result(c)?,
                tenants: tenants::table
                    .filter(tenants::office_id.eq(office))
                    .filter(
                        tenants::move_out
                            .is_null()
                            .or(tenants::move_out.gt(crate::web::format::today())),
                    )
                    .count()
                    .get_result(c)?,
                journal_month: journal_entries::table
                    .filter(journal_entries::office_id.eq(office))
                    .filter(journal_entries::occurred_on.ge(month_start))
                    .count()
                    .get_result(c)?,
                ..Summary::default()
            })
        })
        .await?;
    summary.show_tenants = user.role.can(Action::ReadTenants);
    summary.show_journal = user.role.can(Action::ReadJournal);
    summary.can_manage = user.role.can(Action::ManageOffice);
    render(
        &state,
        "home",
        &Page::new(&session, &user, "home-title", "home", summary),
    )
}

use chrono::Datelike;
