//! The tenant's answer to the follow-up question, without signing in: the link in the mail
//! carries an unguessable token. The page asks, with the answer chosen in the mail preselected;
//! the form records it (a link alone changes nothing, so mail scanners that open links do not
//! answer for the tenant).

use actix_session::Session;
use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::domain::ids::RequestId;
use crate::error::AppError;
use crate::requests::{queries, service, FollowupAnswer};
use crate::state::AppState;
use crate::web::{redirect, render, CsrfForm, Page};

#[derive(Deserialize)]
pub struct AnswerQuery {
    answer: Option<String>,
}

#[derive(Serialize)]
struct FollowupPage {
    request_id: RequestId,
    category: String,
    answered: bool,
    fixed: bool,
    action: String,
}

pub async fn followup_page(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<String>,
    query: web::Query<AnswerQuery>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let t = token.clone();
    let (r, category, lang) = state
        .read_anonymous(move |c| {
            let r = queries::by_token(c, &t)?;
            let lang = queries::tenant_lang(c, &r)?;
            let category = queries::names(c, &r)?.category(lang);
            Ok((r, category, lang))
        })
        .await?;
    let page = FollowupPage {
        request_id: r.id,
        category,
        answered: r.followup_answer != FollowupAnswer::Pending,
        fixed: query.answer.as_deref() != Some("no"),
        action: format!("/requests/followup/{token}"),
    };
    let ctx = Page::anonymous(&session, lang, "request-followup-title", page);
    render(&state, "requests/followup", &ctx)
}

#[derive(Deserialize)]
pub struct AnswerForm {
    answer: Option<String>,
}

pub async fn followup_answer(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<AnswerForm>,
) -> Result<HttpResponse, AppError> {
    let fixed = match form.answer.as_deref() {
        Some("yes") => true,
        Some("no") => false,
        _ => return Err(AppError::BadRequest("err-bad-request")),
    };
    let token = path.into_inner();
    let (t, mail) = (token.clone(), state.mail.clone());
    state
        .write_anonymous(move |c| service::answer_followup(c, &mail, &t, fixed, crate::db::now()))
        .await?;
    Ok(redirect(
        &session,
        &format!("/requests/followup/{token}"),
        Some("request-followup-thanks"),
    ))
}
