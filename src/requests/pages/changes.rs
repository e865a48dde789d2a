//! The changes made on a request's page: a step, a comment, a link under a building-level request.
//! Each is one write; on its messages (422) or a stale version (409) the page is shown again from
//! a second read, the write having been rolled back.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};

use super::show::{show, Shown};
use crate::access::Caller;
use crate::domain::ids::RequestId;
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::requests::input::{CommentForm, LinkForm, StepForm};
use crate::requests::{queries, service};
use crate::state::AppState;
use crate::web::{redirect, CsrfForm};

/// One change of a request's page, and what follows it.
pub struct Change {
    pub id: RequestId,
    /// The form it came from: step, comment, link or photos.
    pub form: &'static str,
    /// The step form as submitted (kept when shown again).
    pub step: StepForm,
    /// The message shown once it is made.
    pub flash: &'static str,
}

/// Redirects to the request after a change, or shows it again with the form's messages (422) or
/// the stale-version message (409).
pub async fn after(
    state: &AppState,
    caller: Caller,
    session: &Session,
    change: Change,
    result: Result<(), AppError>,
) -> Result<HttpResponse, AppError> {
    let (status, errors) = match result {
        Ok(()) => {
            let to = format!("/requests/{}", change.id);
            return Ok(redirect(session, &to, Some(change.flash)));
        }
        Err(AppError::Validation(errors)) => (StatusCode::UNPROCESSABLE_ENTITY, errors),
        Err(AppError::Conflict(key)) => {
            let mut errors = FieldErrors::new();
            errors.add("version", key);
            (StatusCode::CONFLICT, errors)
        }
        Err(e) => return Err(e),
    };
    let shown = Shown {
        status,
        error_form: change.form,
        errors,
        form: change.step,
    };
    show(state, caller, session, change.id, shown).await
}

pub async fn step_request(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<RequestId>,
    CsrfForm(form): CsrfForm<StepForm>,
) -> Result<HttpResponse, AppError> {
    let (id, submitted, mail) = (path.into_inner(), form.clone(), state.mail.clone());
    let result = state
        .write(caller.clone(), move |c, actor| {
            let r = service::find_handled(c, actor, id)?;
            service::take_step(c, &mail, actor, &r, &submitted.parse()?, crate::db::now())
        })
        .await;
    let change = Change {
        id,
        form: "step",
        step: form,
        flash: "request-flash-step",
    };
    after(&state, caller, &session, change, result.map(|_| ())).await
}

pub async fn comment_request(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<RequestId>,
    CsrfForm(form): CsrfForm<CommentForm>,
) -> Result<HttpResponse, AppError> {
    let (id, mail) = (path.into_inner(), state.mail.clone());
    let result = state
        .write(caller.clone(), move |c, actor| {
            let r = queries::find(c, actor, id)?;
            service::comment(c, &mail, actor, &r, &form.parse()?, crate::db::now())
        })
        .await;
    let change = Change {
        id,
        form: "comment",
        step: StepForm::default(),
        flash: "request-flash-comment",
    };
    after(&state, caller, &session, change, result.map(|_| ())).await
}

pub async fn link_request(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<RequestId>,
    CsrfForm(form): CsrfForm<LinkForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let result = state
        .write(caller.clone(), move |c, actor| {
            let r = service::find_handled(c, actor, id)?;
            service::link(c, actor, &r, &form.parse()?, crate::db::now())
        })
        .await;
    let change = Change {
        id,
        form: "link",
        step: StepForm::default(),
        flash: "request-flash-linked",
    };
    after(&state, caller, &session, change, result.map(|_| ())).await
}
