//! What every page shares: the request's language, the page chrome (user, navigation, CSRF token,
//! flash message), rendering through the template registry, and pagination.

pub mod choice;
pub mod csrf;
pub mod csv;
mod errors;
pub mod format;
pub mod nul;
pub mod pagination;
pub mod templates;

use actix_session::{Session, SessionExt};
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::domain::roles::Action;
use crate::error::{AppError, Problem};
use crate::i18n::{t, Lang};
use crate::state::AppState;

pub use choice::Choice;
pub use csrf::CsrfForm;
pub use errors::render_errors;
pub use pagination::{Paged, Pagination};

pub use crate::access::caller::SESSION_LANG;
const SESSION_FLASH: &str = "flash";

/// The language of a request: the one chosen in the session, else `Accept-Language`, else French.
pub fn request_lang(req: &HttpRequest) -> Lang {
    if let Ok(Some(code)) = req.get_session().get::<String>(SESSION_LANG) {
        return Lang::parse(&code);
    }
    req.headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::from_accept_language)
        .unwrap_or_default()
}

/// The signed-in person as the layout shows them.
#[derive(Debug, Serialize)]
pub struct UserChrome {
    pub name: String,
    pub role: &'static str,
    pub office: String,
}

/// Which parts of the navigation the user may reach; a link shows only where it leads somewhere.
#[derive(Debug, Default, Serialize)]
pub struct Nav {
    pub registry: bool,
    pub tenants: bool,
    pub journal: bool,
    pub admin: bool,
    pub workshops: bool,
    pub requests: bool,
    pub current: &'static str,
}

impl Nav {
    fn for_role(role: crate::domain::Role, current: &'static str) -> Nav {
        Nav {
            registry: role.can(Action::ReadRegistry),
            tenants: role.can(Action::ReadTenants),
            journal: role.can(Action::ReadJournal),
            admin: role.can(Action::ManageOffice),
            workshops: role.can(Action::ReadWorkshops),
            requests: role.can(Action::ReadRequests),
            current,
        }
    }
}

/// The typed context of every page: chrome around the page's own data.
#[derive(Debug, Serialize)]
pub struct Page<T: Serialize> {
    pub lang: &'static str,
    pub other_lang: &'static str,
    pub title: String,
    pub csrf: String,
    pub user: Option<UserChrome>,
    pub nav: Nav,
    pub flash: Option<String>,
    pub page: T,
}

impl<T: Serialize> Page<T> {
    /// A page for the signed-in `actor`; `title_key` names its translated title, `current` its nav
    /// entry.
    pub fn of(
        session: &Session,
        actor: &crate::access::Actor,
        title_key: &str,
        current: &'static str,
        page: T,
    ) -> Self {
        let lang = actor.lang;
        Page {
            lang: lang.as_str(),
            other_lang: other(lang).as_str(),
            title: t(lang, title_key),
            csrf: csrf::token(session),
            user: Some(UserChrome {
                name: actor.name.clone(),
                role: actor.role.as_str(),
                office: actor.office_name.clone(),
            }),
            nav: Nav::for_role(actor.role, current),
            flash: take_flash(session, lang),
            page,
        }
    }

    /// A page for someone not signed in (login, setup).
    pub fn anonymous(session: &Session, lang: Lang, title_key: &str, page: T) -> Self {
        Page {
            lang: lang.as_str(),
            other_lang: other(lang).as_str(),
            title: t(lang, title_key),
            csrf: csrf::token(session),
            user: None,
            nav: Nav::default(),
            flash: take_flash(session, lang),
            page,
        }
    }
}

fn other(lang: Lang) -> Lang {
    match lang {
        Lang::Fr => Lang::En,
        Lang::En => Lang::Fr,
    }
}

/// Renders `template` with `ctx` as an HTML response with `status`.
pub fn render_status<T: Serialize>(
    state: &AppState,
    status: actix_web::http::StatusCode,
    template: &str,
    ctx: &Page<T>,
) -> Result<HttpResponse, AppError> {
    let body = state
        .templates
        .render(template, ctx)
        .map_err(|e| AppError::internal(anyhow::anyhow!("template {template}: {e}")))?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(body))
}

/// Renders `template` with `ctx` as a 200 page.
pub fn render<T: Serialize>(
    state: &AppState,
    template: &str,
    ctx: &Page<T>,
) -> Result<HttpResponse, AppError> {
    render_status(state, actix_web::http::StatusCode::OK, template, ctx)
}

/// A message shown once on the next page: a catalogue key and its numeric arguments, translated
/// when shown, in the language of that page.
#[derive(Debug, Serialize, Deserialize)]
struct Flash {
    key: String,
    #[serde(default)]
    args: Vec<(String, i64)>,
}

/// Redirects after a successful POST, with an optional flash message key.
pub fn redirect(session: &Session, to: &str, flash: Option<&str>) -> HttpResponse {
    redirect_with(session, to, flash, &[])
}

/// Redirects with a flash message that has arguments ("{ $count } lignes importées").
pub fn redirect_with(
    session: &Session,
    to: &str,
    flash: Option<&str>,
    args: &[(&str, i64)],
) -> HttpResponse {
    if let Some(key) = flash {
        let flash = Flash {
            key: key.to_owned(),
            args: args.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect(),
        };
        let _ = session.insert(SESSION_FLASH, flash);
    }
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, to.to_owned()))
        .finish()
}

fn take_flash(session: &Session, lang: Lang) -> Option<String> {
    // `remove` marks the session changed even when the key is absent, which would re-encrypt and
    // re-send the cookie on every page: look first.
    if !session.entries().contains_key(SESSION_FLASH) {
        return None;
    }
    let flash = session
        .remove_as::<Flash>(SESSION_FLASH)
        .and_then(Result::ok)?;
    let args: Vec<(&str, fluent_templates::fluent_bundle::FluentValue<'_>)> = flash
        .args
        .iter()
        .map(|(k, v)| (k.as_str(), (*v).into()))
        .collect();
    Some(crate::i18n::t_args(lang, &flash.key, &args))
}

#[derive(Serialize)]
struct ErrorPage<'a> {
    status: u16,
    message: &'a str,
    /// Field-level messages (`field`: message), when the error is about submitted values.
    fields: Vec<String>,
}

/// The HTML body of an error page (used by `error::render_errors`).
pub fn render_error_page(req: &HttpRequest, lang: Lang, problem: &Problem) -> String {
    let Some(state) = req.app_data::<web::Data<AppState>>() else {
        return problem.title.clone();
    };
    let session = req.get_session();
    let ctx = Page::anonymous(
        &session,
        lang,
        "error-title",
        ErrorPage {
            status: problem.status,
            message: &problem.title,
            fields: problem
                .errors
                .iter()
                .map(|f| format!("{} : {}", f.field, f.message))
                .collect(),
        },
    );
    state
        .templates
        .render("error", &ctx)
        .unwrap_or_else(|_| problem.title.clone())
}

/// Percent-encodes a query-string value.
pub fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A CSV download response.
pub fn csv_response(filename: &str, body: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{filename}\""),
        ))
        .body(body)
}
