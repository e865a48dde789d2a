//! The building's public activity page (no login: the QR code of the lobby poster leads there).
//! The public page shows what the poster shows — titles, times and places of the next eight weeks,
//! never who is registered — and the office's privacy officer.
//!
//! Self-registration asks the dwelling number and the last name, both as the office has them: simple
//! for a tenant at the door, no account, no token to lose. What a wrong guess can do is small — a
//! registration to a public activity that the ISC sees and can cancel — and guesses are rate-limited
//! per dwelling and per address with the login limiter. The answer reveals no personal data beyond
//! "registered" or "waiting list".

use actix_session::Session as WebSession;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::Duration;
use serde::Serialize;

use crate::access::{self, Budget};
use crate::db::DbConnection;
use crate::domain::ids::{BuildingId, WorkshopId};
use crate::email::Officer;
use crate::error::AppError;
use crate::i18n::{t, Lang};
use crate::state::AppState;
use crate::web::{render_status, request_lang, CsrfForm, Page};
use crate::workshops::calendar::{days, Day};
use crate::workshops::input::PublicForm;
use crate::workshops::queries::{self, CalendarOf};
use crate::workshops::registrations::{self, NewRegistration, Outcome};
use crate::workshops::{Channel, SessionStatus};

/// A workshop one can register for from the public page.
#[derive(Serialize)]
struct Open {
    id: WorkshopId,
    title: String,
}

#[derive(Serialize)]
struct PublicPage {
    building_id: BuildingId,
    building: String,
    days: Vec<Day>,
    workshops: Vec<Open>,
    message: Option<String>,
    error: Option<String>,
    form: PublicForm,
    /// The office's privacy officer, when it named one.
    privacy_officer: Option<Officer>,
}

fn load(
    conn: &mut DbConnection,
    lang: Lang,
    building_id: BuildingId,
) -> Result<(crate::domain::ids::OfficeId, PublicPage), AppError> {
    let (office, name) = queries::public_building(conn, building_id)?;
    let now = crate::db::now();
    let span = (now, now + Duration::days(56));
    let mut lines =
        queries::calendar_of_office(conn, office, None, CalendarOf::Building(building_id), span)?;
    lines.retain(|l| l.session.status != SessionStatus::Cancelled);
    let mut workshops: Vec<Open> = Vec::new();
    for l in &lines {
        if !workshops.iter().any(|w| w.id == l.session.workshop_id) {
            workshops.push(Open {
                id: l.session.workshop_id,
                title: l.title.clone(),
            });
        }
    }
    let page = PublicPage {
        building_id,
        building: name,
        days: days(lang, &lines),
        workshops,
        message: None,
        error: None,
        form: PublicForm::default(),
        privacy_officer: crate::email::officer(conn, office)?,
    };
    Ok((office, page))
}

fn render_page(
    state: &AppState,
    session: &WebSession,
    (lang, status): (Lang, StatusCode),
    page: PublicPage,
) -> Result<HttpResponse, AppError> {
    render_status(
        state,
        status,
        "workshops/public",
        &Page::anonymous(session, lang, "public-title", page),
    )
}

pub async fn public_page(
    state: web::Data<AppState>,
    session: WebSession,
    req: HttpRequest,
    building: web::Path<BuildingId>,
) -> Result<HttpResponse, AppError> {
    let (lang, building) = (request_lang(&req), building.into_inner());
    let (_, page) = state
        .read_anonymous(move |c| load(c, lang, building))
        .await?;
    render_page(&state, &session, (lang, StatusCode::OK), page)
}

/// Registers the tenant the form names for the workshop it names; the catalogue key of the answer.
fn register(
    conn: &mut DbConnection,
    building: BuildingId,
    form: &PublicForm,
) -> Result<Result<&'static str, &'static str>, AppError> {
    let (office, _) = queries::public_building(conn, building)?;
    let workshop = form
        .workshop_id
        .as_deref()
        .and_then(|w| w.trim().parse::<WorkshopId>().ok());
    let tenant = registrations::queries::find_tenant(
        conn,
        office,
        &[building],
        form.dwelling.as_deref().unwrap_or(""),
        form.last_name.as_deref().unwrap_or(""),
    )?;
    let (Some(workshop_id), Some(tenant_id)) = (workshop, tenant) else {
        return Ok(Err("public-not-found"));
    };
    let r = NewRegistration {
        workshop_id,
        session_id: None,
        tenant_id,
        channel: Channel::Public,
        registered_by: None,
    };
    Ok(match registrations::register(conn, office, &r) {
        Ok(reg) if Outcome::of(reg.status) == Outcome::Confirmed => Ok("public-registered"),
        Ok(_) => Ok("public-waiting"),
        Err(AppError::Conflict(key)) => Err(key),
        Err(AppError::Validation(_)) | Err(AppError::NotFound) => Err("public-not-found"),
        Err(e) => return Err(e),
    })
}

pub async fn public_register(
    state: web::Data<AppState>,
    session: WebSession,
    req: HttpRequest,
    building: web::Path<BuildingId>,
    CsrfForm(form): CsrfForm<PublicForm>,
) -> Result<HttpResponse, AppError> {
    let (lang, building) = (request_lang(&req), building.into_inner());
    let address = req
        .peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_default();
    // Registering asks for a dwelling and a last name: guessing them is bounded per dwelling
    // and per client address, in the database so that every instance counts the same attempts.
    let dwelling = form
        .dwelling
        .as_deref()
        .unwrap_or_default()
        .trim()
        .to_lowercase();
    let security = &state.settings.security;
    let minute = chrono::Duration::minutes(1);
    let per_dwelling = Budget {
        bucket: "public-registration-dwelling",
        max: security.login_attempts_per_account,
        window: minute,
    };
    let per_address = Budget {
        bucket: "public-registration-address",
        max: security.login_attempts_per_address,
        window: minute,
    };
    let dwelling_key = format!("{building}:{dwelling}");
    state
        .write_anonymous(move |c| {
            access::attempts::spend_all(
                c,
                &[(per_dwelling, &dwelling_key), (per_address, &address)],
                crate::db::now(),
            )
        })
        .await?;
    let f = form.clone();
    let result = state
        .write_anonymous(move |c| register(c, building, &f))
        .await?;
    let (_, mut page) = state
        .read_anonymous(move |c| load(c, lang, building))
        .await?;
    let status = match result {
        Ok(key) => {
            page.message = Some(t(lang, key));
            StatusCode::OK
        }
        Err(key) => {
            page.error = Some(t(lang, key));
            page.form = form;
            StatusCode::UNPROCESSABLE_ENTITY
        }
    };
    render_page(&state, &session, (lang, status), page)
}
