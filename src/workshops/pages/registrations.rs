//! Registering a tenant from the workshop page (by dwelling and last name, never from a list of
//! the building's tenants) and cancelling a registration.

use actix_session::Session as WebSession;
use actix_web::{web, HttpResponse};

use crate::access::Caller;
use crate::domain::ids::{RegistrationId, WorkshopId};
use crate::domain::roles::Action;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::csrf::Empty;
use crate::web::{redirect, CsrfForm};
use crate::workshops::input::RegisterForm;
use crate::workshops::pages::list::{show, Shown};
use crate::workshops::registrations::{self, Outcome};

pub async fn register_tenant(
    state: web::Data<AppState>,
    session: WebSession,
    caller: Caller,
    id: web::Path<WorkshopId>,
    CsrfForm(form): CsrfForm<RegisterForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let back = format!("/workshops/{id}");
    let submitted = form.clone();
    let result = state
        .write(caller.clone(), move |c, actor| {
            actor.require(Action::ManageWorkshops)?;
            let r = form.parse(id).map_err(AppError::Validation)?;
            registrations::register_for(c, actor, &r)
        })
        .await;
    let flash = match result {
        Ok((_, reg)) if Outcome::of(reg.status) == Outcome::Confirmed => "workshop-registered",
        Ok(_) => "workshop-waiting",
        // Which field, or that nobody lives there under that name: the form again, with it.
        Err(AppError::Validation(errors)) => {
            let shown = Shown {
                form: submitted,
                errors,
            };
            return show(&state, &session, caller, id, shown).await;
        }
        Err(e) => return Err(e),
    };
    Ok(redirect(&session, &back, Some(flash)))
}

pub async fn cancel_registration(
    state: web::Data<AppState>,
    session: WebSession,
    caller: Caller,
    id: web::Path<RegistrationId>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let mail = state.mail.clone();
    let (_, workshop) = state
        .write(caller, move |c, actor| {
            actor.require(Action::ManageWorkshops)?;
            registrations::cancel_for(c, actor, &mail, id)
        })
        .await?;
    Ok(redirect(
        &session,
        &format!("/workshops/{workshop}"),
        Some("workshop-registration-cancelled"),
    ))
}
