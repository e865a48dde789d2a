//! The building's public activity page (no login: the QR code of the lobby poster leads there) and
//! the printable monthly poster. The public page shows what the poster shows — titles, times and
//! places of the next eight weeks, never who is registered.
//!
//! Self-registration asks the dwelling number and the last name, both as the office has them: simple
//! for a tenant at the door, no account, no token to lose. What a wrong guess can do is small — a
//! registration to a public activity that the ISC sees and can cancel — and guesses are rate-limited
//! per dwelling and per address with the login limiter. The answer reveals no personal data beyond
//! "registered" or "waiting list".

use actix_session::Session as WebSession;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::{Datelike, Duration, NaiveDate};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::calendar::{days, span, utc_span, Day};
use super::registrations::{self, NewRegistration, CONFIRMED};
use super::store::{self, CalendarOf};
use super::{Actor, CANCELLED};
use crate::db::schema::{buildings, dwellings, tenants};
use crate::db::DbConnection;
use crate::domain::roles::Action;
use crate::domain::text::fold;
use crate::error::AppError;
use crate::i18n::{t, Lang};
use crate::state::AppState;
use crate::web::{format, render, render_status, request_lang, CsrfForm, CurrentUser, Page};

const POSTER_CSS: &str = include_str!("../../static/poster.css");

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(poster_css)
        .service(public_page)
        .service(public_register)
        .service(poster);
}

#[get("/static/poster.css")]
async fn poster_css() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header(("Cache-Control", "public, max-age=3600"))
        .body(POSTER_CSS)
}

/// A workshop one can register for from the public page.
#[derive(Serialize)]
struct Open {
    id: i64,
    title: String,
}

#[derive(Serialize)]
struct PublicPage {
    building_id: i64,
    building: String,
    days: Vec<Day>,
    workshops: Vec<Open>,
    message: Option<String>,
    error: Option<String>,
    form: PublicForm,
}

/// The public registration form.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub struct PublicForm {
    pub workshop_id: Option<String>,
    pub dwelling: Option<String>,
    pub last_name: Option<String>,
}

fn load(
    conn: &mut DbConnection,
    lang: Lang,
    building_id: i64,
) -> Result<(i64, PublicPage), AppError> {
    let (office, name): (i64, String) = buildings::table
        .find(building_id)
        .select((buildings::office_id, buildings::name))
        .first(conn)?;
    let now = crate::db::now();
    let mut lines = store::calendar(
        conn,
        office,
        CalendarOf::Building(building_id),
        now,
        now + Duration::days(56),
    )?;
    lines.retain(|l| l.session.status != CANCELLED);
    let mut workshops: Vec<Open> = Vec::new();
    for l in &lines {
        if !workshops.iter().any(|w| w.id == l.session.workshop_id) {
            workshops.push(Open {
                id: l.session.workshop_id,
                title: l.title.clone(),
            });
        }
    }
    Ok((
        office,
        PublicPage {
            building_id,
            building: name,
            days: days(lang, &lines),
            workshops,
            message: None,
            error: None,
            form: PublicForm::default(),
        },
    ))
}

#[get("/activites/{building}")]
async fn public_page(
    state: web::Data<AppState>,
    session: WebSession,
    req: HttpRequest,
    building: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let (lang, building) = (request_lang(&req), building.into_inner());
    let (_, page) = state.db(move |c| load(c, lang, building)).await?;
    render(
        &state,
        "workshops/public",
        &Page::anonymous(&session, lang, "public-title", page),
    )
}

/// The tenant living in `dwelling` of the building under `last_name` (accents and case ignored).
fn find_tenant(
    conn: &mut DbConnection,
    building: i64,
    dwelling: &str,
    last_name: &str,
) -> Result<Option<i64>, AppError> {
    let found: Vec<(i64, String)> = tenants::table
        .inner_join(dwellings::table)
        .filter(dwellings::building_id.eq(building))
        .filter(dwellings::number.eq(dwelling.trim()))
        .filter(tenants::move_out.is_null())
        .select((tenants::id, tenants::last_name))
        .load(conn)?;
    let wanted = fold(last_name.trim());
    Ok(found
        .into_iter()
        .find(|(_, n)| fold(n) == wanted)
        .map(|(id, _)| id))
}

#[post("/activites/{building}")]
async fn public_register(
    state: web::Data<AppState>,
    session: WebSession,
    req: HttpRequest,
    building: web::Path<i64>,
    CsrfForm(form): CsrfForm<PublicForm>,
) -> Result<HttpResponse, AppError> {
    let (lang, building) = (request_lang(&req), building.into_inner());
    let address = req
        .peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_default();
    let dwelling = form.dwelling.clone().unwrap_or_default();
    if !state
        .login_limiter
        .allow(&format!("activites:{building}:{dwelling}"), &address)
    {
        return Err(AppError::RateLimited);
    }
    let f = form.clone();
    let result = state
        .db_tx(move |c| {
            let (office, _) = load(c, lang, building)?;
            let workshop = f.workshop_id.as_deref().and_then(|w| w.parse::<i64>().ok());
            let tenant = find_tenant(c, building, &dwelling, f.last_name.as_deref().unwrap_or(""))?;
            let (Some(workshop_id), Some(tenant_id)) = (workshop, tenant) else {
                return Ok(Err("public-not-found"));
            };
            let r = NewRegistration {
                workshop_id,
                session_id: None,
                tenant_id,
                channel: "public",
                registered_by: None,
            };
            Ok(match registrations::register(c, office, &r) {
                Ok(reg) if reg.status == CONFIRMED => Ok("public-registered"),
                Ok(_) => Ok("public-waiting"),
                Err(AppError::Conflict(key)) => Err(key),
                Err(AppError::Validation(_)) | Err(AppError::NotFound) => Err("public-not-found"),
                Err(e) => return Err(e),
            })
        })
        .await?;
    let (_, mut page) = state.db(move |c| load(c, lang, building)).await?;
    let status = match result {
        Ok(key) => {
            page.message = Some(t(lang, key));
            actix_web::http::StatusCode::OK
        }
        Err(key) => {
            page.error = Some(t(lang, key));
            page.form = form;
            actix_web::http::StatusCode::UNPROCESSABLE_ENTITY
        }
    };
    render_status(
        &state,
        status,
        "workshops/public",
        &Page::anonymous(&session, lang, "public-title", page),
    )
}

/// `?month=YYYY-MM&lang=fr|en`
#[derive(Debug, Deserialize)]
pub struct PosterQuery {
    pub month: Option<String>,
    pub lang: Option<String>,
}

#[derive(Serialize)]
struct PosterPage {
    lang: &'static str,
    title: String,
    building: String,
    month: String,
    days: Vec<Day>,
    qr: String,
    url: String,
}

/// The QR code of `url` as an SVG element (inline, so the poster is one self-contained page).
pub fn qr_svg(url: &str) -> Result<String, AppError> {
    let code = qrcode::QrCode::new(url.as_bytes()).map_err(AppError::internal)?;
    Ok(code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(240, 240)
        .build())
}

#[get("/buildings/{id}/poster")]
async fn poster(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
    query: web::Query<PosterQuery>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let lang = query.lang.as_deref().map_or(user.lang, Lang::parse);
    let first = query
        .month
        .as_deref()
        .and_then(|m| NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d").ok())
        .unwrap_or_else(format::today);
    let (from, to) = span(false, first);
    let (utc_from, utc_to) = utc_span(from, to);
    let (building, mut lines) = state
        .db(move |c| {
            let actor = Actor::load(c, &user, Action::ReadWorkshops)?;
            actor.check_building(id)?;
            let name: String = buildings::table
                .filter(buildings::id.eq(id))
                .filter(buildings::office_id.eq(actor.office_id))
                .select(buildings::name)
                .first(c)?;
            Ok((
                name,
                store::calendar(
                    c,
                    actor.office_id,
                    CalendarOf::Building(id),
                    utc_from,
                    utc_to,
                )?,
            ))
        })
        .await?;
    lines.retain(|l| l.session.status != CANCELLED);
    let url = format!(
        "{}/activites/{id}",
        state.settings.server.base_url.trim_end_matches('/')
    );
    let page = PosterPage {
        lang: lang.as_str(),
        title: t(lang, "poster-title"),
        month: format!(
            "{} {}",
            t(lang, &format!("month-{}", from.month())),
            from.year()
        ),
        days: days(lang, &lines),
        qr: qr_svg(&url)?,
        url,
        building,
    };
    let body = state
        .templates
        .render("workshops/poster", &page)
        .map_err(|e| AppError::internal(anyhow::anyhow!("template workshops/poster: {e}")))?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(body))
}
