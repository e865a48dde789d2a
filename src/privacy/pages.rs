//! `/privacy`: the administrator's privacy hub, with what needs attention (overdue access
//! requests, what the next retention run takes) and the way to each register.

use actix_session::Session;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use crate::access::Caller;
use crate::domain::roles::Action;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::format::today;
use crate::web::{render, Page};

#[derive(Serialize)]
struct Hub {
    overdue_requests: i64,
    officer_named: bool,
}

pub async fn show_hub(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let (actor, hub) = state
        .read(caller, |c, actor| {
            actor.require(Action::ManagePrivacy)?;
            Ok(Hub {
                overdue_requests: super::access_requests::queries::count_overdue(
                    c,
                    actor,
                    today(),
                )?,
                officer_named: !super::officer::find(c, actor)?.name.is_empty(),
            })
        })
        .await?;
    let ctx = Page::of(&session, &actor, "privacy-title", "admin", hub);
    render(&state, "privacy/hub", &ctx)
}
