//! `/consent/withdraw/{token}`: the one-click withdrawal every email to a tenant carries. The
//! token (tenant, channel, HMAC signature) is the authority: no sign-in. GET shows one button and
//! changes nothing (mail scanners and previews follow links); POST — the button, or a mail client's
//! RFC 8058 one-click `List-Unsubscribe=One-Click` — records the withdrawal once and confirms it in
//! the tenant's language.
//!
//! No CSRF token is asked for: CSRF protects a signed-in session from a forged request, and here
//! there is no session to abuse — whoever holds the signed link may withdraw that one consent,
//! which is what the link is for, and a forged POST could do no more than the link itself (RFC 8058
//! requires that a bare POST work, from a mail client that has no session).

use actix_session::Session;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use super::service;
use crate::domain::consent::Purpose;
use crate::domain::ids::TenantId;
use crate::error::AppError;
use crate::i18n::t;
use crate::privacy::tenant::{office_name, tenant_by_id};
use crate::state::AppState;
use crate::web::{render, Page};

#[derive(Serialize)]
struct WithdrawPage {
    action: String,
    purpose: String,
    office: String,
    done: bool,
    already: bool,
}

fn token_of(state: &AppState, token: &str) -> Result<(TenantId, Purpose), AppError> {
    state
        .mail
        .links()
        .read_withdrawal(token)
        .ok_or(AppError::NotFound)
}

pub async fn show_withdrawal(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let (tenant, purpose) = token_of(&state, &token)?;
    let (who, office) = state
        .read_anonymous(move |c| {
            let who = tenant_by_id(c, tenant)?;
            let office = office_name(c, who.office_id)?;
            Ok((who, office))
        })
        .await?;
    let lang = who.lang();
    let page = WithdrawPage {
        action: format!("/consent/withdraw/{token}"),
        purpose: t(lang, &purpose.label_key()),
        office,
        done: false,
        already: false,
    };
    let ctx = Page::anonymous(&session, lang, "consent-withdraw-title", page);
    render(&state, "privacy/withdraw", &ctx)
}

pub async fn confirm_withdrawal(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let (tenant, purpose) = token_of(&state, &token)?;
    let (done, office) = state
        .write_anonymous(move |c| {
            let done = service::withdraw_by_link(c, tenant, purpose)?;
            let office = office_name(c, done.tenant.office_id)?;
            Ok((done, office))
        })
        .await?;
    let lang = done.tenant.lang();
    let page = WithdrawPage {
        action: format!("/consent/withdraw/{token}"),
        purpose: t(lang, &purpose.label_key()),
        office,
        done: true,
        already: done.already,
    };
    let ctx = Page::anonymous(&session, lang, "consent-withdraw-done-title", page);
    render(&state, "privacy/withdraw", &ctx)
}
