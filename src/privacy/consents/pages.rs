//! `/privacy/tenants/{id}`: one tenant's privacy page (administrators and ISCs): the current
//! consent of each purpose, the whole history, the form that records a decision, and who consulted
//! the file. Showing it is itself a read of the tenant's file, logged as such.

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use super::queries::{self, HistoryLine};
use super::{service, Consent, ConsentForm};
use crate::access::log::{Channel, Reads, RecordKind};
use crate::access::{Actor, Caller};
use crate::domain::consent::{Decision, How, Purpose};
use crate::domain::ids::TenantId;
use crate::domain::roles::Action;
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::i18n::{t, Lang};
use crate::privacy::access_log::queries::{consultations_view, ConsultationsView};
use crate::privacy::{find_tenant, TenantRef};
use crate::state::AppState;
use crate::web::choice::{translated_choices, with_none, Choice};
use crate::web::format::{date, datetime, today};
use crate::web::{redirect, render_status, CsrfForm, Page};

#[derive(Serialize)]
struct CurrentLine {
    purpose: String,
    partner: String,
    state: String,
    given: bool,
    since: String,
    expires_on: Option<String>,
}

#[derive(Serialize)]
struct EventLine {
    at: String,
    purpose: String,
    partner: String,
    decision: String,
    how: String,
    by: String,
    expires_on: Option<String>,
    note: String,
}

#[derive(Serialize)]
struct TenantPrivacyPage {
    tenant: TenantRef,
    name: String,
    current: Vec<CurrentLine>,
    history: Vec<EventLine>,
    can_record: bool,
    form: ConsentForm,
    errors: BTreeMap<String, String>,
    purposes: Vec<Choice>,
    decisions: Vec<Choice>,
    hows: Vec<Choice>,
    consultations: ConsultationsView,
    export_url: Option<String>,
    min_expiry: String,
}

/// What the page reads, in one hop.
struct Read {
    tenant: TenantRef,
    history: Vec<HistoryLine>,
    consultations: ConsultationsView,
}

fn read(c: &mut crate::db::DbConnection, actor: &Actor, id: TenantId) -> Result<Read, AppError> {
    let tenant = find_tenant(c, actor, id)?;
    let mut reads = Reads::new(actor, Channel::Page);
    reads.one(RecordKind::Tenant, id);
    reads.write(c)?;
    Ok(Read {
        history: queries::history(c, id)?,
        consultations: consultations_view(c, actor, id)?,
        tenant,
    })
}

fn current_line(c: Consent, lang: Lang) -> CurrentLine {
    CurrentLine {
        given: c.is_given(),
        purpose: t(lang, &c.purpose.label_key()),
        partner: c.partner,
        state: t(lang, &format!("consent-state-{}", c.state)),
        since: datetime(lang, c.since),
        expires_on: c.expires_on.map(|d| date(lang, d)),
    }
}

fn event_line(l: HistoryLine, lang: Lang) -> EventLine {
    let e = l.event;
    EventLine {
        at: datetime(lang, e.at),
        purpose: t(lang, &e.purpose.label_key()),
        partner: e.partner,
        decision: t(lang, &format!("consent-decision-{}", e.decision)),
        how: t(lang, &format!("consent-how-{}", e.how)),
        by: match e.by_tenant {
            true => t(lang, "consent-by-tenant"),
            false => l.recorded_by_name,
        },
        expires_on: e.expires_on.map(|d| date(lang, d)),
        note: e.note,
    }
}

fn render_page(
    state: &AppState,
    session: &Session,
    actor: &Actor,
    r: Read,
    (form, errors, status): (ConsentForm, FieldErrors, StatusCode),
) -> Result<HttpResponse, AppError> {
    let lang = actor.lang;
    let value = |v: &Option<String>| v.clone().unwrap_or_default();
    let (purpose, decision, how) = (
        value(&form.purpose),
        value(&form.decision),
        value(&form.how),
    );
    let staff_hows = How::ALL
        .iter()
        .filter(|h| **h != How::EmailLink)
        .map(|h| h.as_str());
    let id = r.tenant.id;
    let page = TenantPrivacyPage {
        name: r.tenant.name(),
        current: queries::summary(&r.history, today())
            .into_iter()
            .map(|c| current_line(c, lang))
            .collect(),
        history: r.history.into_iter().map(|l| event_line(l, lang)).collect(),
        can_record: actor.can(Action::RecordConsents),
        purposes: with_none(
            lang,
            "consent-choose",
            translated_choices(lang, "consent-purpose-", Purpose::codes(), &[&purpose]),
        ),
        decisions: translated_choices(lang, "consent-decision-", Decision::codes(), &[&decision]),
        hows: translated_choices(lang, "consent-how-", staff_hows, &[&how]),
        errors: errors.translated(lang),
        form,
        consultations: r.consultations,
        export_url: actor
            .can(Action::ManagePrivacy)
            .then(|| format!("/privacy/tenants/{id}/export.zip")),
        min_expiry: (today() + chrono::Days::new(1)).to_string(),
        tenant: r.tenant,
    };
    let ctx = Page::of(session, actor, "consent-page-title", "tenants", page);
    render_status(state, status, "privacy/tenant", &ctx)
}

pub async fn show_tenant_privacy(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<TenantId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (actor, r) = state
        .read(caller, move |c, actor| read(c, actor, id))
        .await?;
    let blank = ConsentForm {
        decision: Some("given".into()),
        how: Some("in_person".into()),
        ..Default::default()
    };
    render_page(
        &state,
        &session,
        &actor,
        r,
        (blank, FieldErrors::new(), StatusCode::OK),
    )
}

pub async fn record_consent(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<TenantId>,
    CsrfForm(input): CsrfForm<ConsentForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let form = input.clone();
    let written = state
        .write(caller.clone(), move |c, actor| {
            // Not found or forbidden is said before any message about the fields.
            actor.require(Action::RecordConsents)?;
            find_tenant(c, actor, id)?;
            service::record(c, actor, id, &form.parse(today())?)
        })
        .await;
    match written {
        Ok(_) => Ok(redirect(
            &session,
            &format!("/privacy/tenants/{id}"),
            Some("consent-flash-recorded"),
        )),
        Err(AppError::Validation(errors)) => {
            let (actor, r) = state
                .read(caller, move |c, actor| read(c, actor, id))
                .await?;
            let shown = (input, errors, StatusCode::UNPROCESSABLE_ENTITY);
            render_page(&state, &session, &actor, r, shown)
        }
        Err(e) => Err(e),
    }
}
