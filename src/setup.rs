//! First-run setup and new offices: the office, its default request categories, its administrator.
//!
//! A new office needs something from several capabilities (its row, the request categories every
//! office starts with, an administrator account), so it is made here, at the edge, rather than by
//! one capability calling into another. The setup page uses [`open_office`] on the first visit
//! (`/setup` is open only while no account exists), and so do the tests' `TestApp::office`.

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::access::{self, AccountRow};
use crate::accounts::pages::sign_in::open_session;
use crate::accounts::{password, queries, service, NewUser};
use crate::db::schema::offices;
use crate::db::{now, DbConnection};
use crate::domain::ids::{OfficeId, UserId};
use crate::domain::roles::Role;
use crate::domain::{validate, FieldErrors};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::{redirect, render_status, request_lang, CsrfForm, Page};

/// A new office: its name, region and contact address.
#[derive(Debug, Clone)]
pub struct NewOffice {
    pub name: String,
    pub region: String,
    pub contact_email: String,
}

/// The first administrator of a new office.
#[derive(Debug, Clone)]
pub struct Administrator {
    pub name: String,
    /// Trimmed and in lower case, as sign-in compares it.
    pub email: String,
    pub language: Lang,
}

/// Creates an office with the default request categories and its administrator, whose password
/// is already hashed; answers both ids. Runs in the caller's transaction.
pub fn open_office(
    conn: &mut DbConnection,
    office: &NewOffice,
    admin: &Administrator,
    password_hash: &str,
) -> Result<(OfficeId, UserId), AppError> {
    let office_id: OfficeId = diesel::insert_into(offices::table)
        .values((
            offices::name.eq(&office.name),
            offices::region.eq(&office.region),
            offices::contact_email.eq(&office.contact_email),
            offices::contact_phone.eq(""),
            offices::created_at.eq(now()),
        ))
        .returning(offices::id)
        .get_result(conn)?;
    crate::requests::categories::service::create_defaults(conn, office_id)?;
    let admin = NewUser {
        office_id,
        email: admin.email.clone(),
        display_name: admin.name.clone(),
        password_hash: password_hash.to_owned(),
        role: Role::Admin,
        language: admin.language.as_str().into(),
        department_id: None,
        active: true,
        demo_password: false,
        created_at: now(),
    };
    Ok((office_id, service::insert_user(conn, &admin)?))
}

/// The setup form: the office, then its administrator.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct SetupForm {
    pub office_name: Option<String>,
    pub region: Option<String>,
    pub admin_name: Option<String>,
    pub admin_email: Option<String>,
    #[serde(skip_serializing)]
    pub password: Option<String>,
    #[serde(skip_serializing)]
    pub password_confirm: Option<String>,
}

/// A setup, validated: the office's contact address is its administrator's, at first.
struct FirstRun {
    office: NewOffice,
    admin: Administrator,
    password: String,
}

impl SetupForm {
    /// The setup of an administrator who writes in `lang`.
    fn parse(&self, lang: Lang) -> Result<FirstRun, FieldErrors> {
        let mut e = FieldErrors::new();
        let text = |v: &Option<String>| v.as_deref().unwrap_or("").to_owned();
        let name = validate::required(&mut e, "office_name", &text(&self.office_name), 200);
        let region = validate::optional(&mut e, "region", self.region.as_deref(), 100);
        let admin_name = validate::required(&mut e, "admin_name", &text(&self.admin_name), 200);
        let email = validate::email(&mut e, "admin_email", self.admin_email.as_deref(), true);
        let password = text(&self.password);
        password::check_new(&mut e, "password", &password, &text(&self.password_confirm));
        e.into_result(FirstRun {
            office: NewOffice {
                name,
                region,
                contact_email: email.clone(),
            },
            admin: Administrator {
                name: admin_name,
                email,
                language: lang,
            },
            password,
        })
    }
}

/// `NotFound` once any account exists: the setup page is for the first visit only.
fn still_open(conn: &mut DbConnection) -> Result<(), AppError> {
    match queries::count_users(conn)? {
        0 => Ok(()),
        _ => Err(AppError::NotFound),
    }
}

/// Opens the first office and answers its administrator's account, to sign them in.
fn first_run(conn: &mut DbConnection, setup: &FirstRun) -> Result<AccountRow, AppError> {
    // No password is hashed for a setup that is over.
    still_open(conn)?;
    service::with_new_password(conn, Some(&setup.password), |c, hash| {
        // Checked again in the transaction: two first visitors cannot both become administrator.
        still_open(c)?;
        let hash = hash.unwrap_or_default();
        let (_, admin) = open_office(c, &setup.office, &setup.admin, hash)?;
        access::find_account(c, admin)?.ok_or(AppError::NotFound)
    })
}

#[derive(Serialize)]
struct SetupPage<'a> {
    form: &'a SetupForm,
    errors: BTreeMap<String, String>,
}

fn render_setup(
    state: &AppState,
    session: &Session,
    lang: Lang,
    form: &SetupForm,
    errors: Option<FieldErrors>,
) -> Result<HttpResponse, AppError> {
    let status = match errors {
        Some(_) => StatusCode::UNPROCESSABLE_ENTITY,
        None => StatusCode::OK,
    };
    let page = SetupPage {
        form,
        errors: errors.map(|e| e.translated(lang)).unwrap_or_default(),
    };
    let ctx = Page::anonymous(session, lang, "setup-title", page);
    render_status(state, status, "accounts/setup", &ctx)
}

pub async fn setup_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    state.read_anonymous(still_open).await?;
    let form = SetupForm::default();
    render_setup(&state, &session, request_lang(&req), &form, None)
}

pub async fn setup(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    CsrfForm(form): CsrfForm<SetupForm>,
) -> Result<HttpResponse, AppError> {
    let lang = request_lang(&req);
    let run = match form.parse(lang) {
        Ok(run) => run,
        Err(errors) => return render_setup(&state, &session, lang, &form, Some(errors)),
    };
    // One call: the password is hashed there before the write transaction begins.
    let admin = state.read_anonymous(move |c| first_run(c, &run)).await?;
    open_session(&session, &admin)?;
    Ok(redirect(&session, "/", Some("flash-setup-done")))
}
