//! The workshop pages: the list, the scheduling form (a clash re-renders the form naming the
//! session in the way), and the workshop's page with its sessions and registrations.

use std::collections::BTreeMap;

use actix_session::Session as WebSession;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use diesel::prelude::*;
use serde::Serialize;

use super::input::{FREQUENCIES, LANGUAGES};
use super::registrations::{self, NewRegistration, RegistrationLine};
use super::store::{self, Facilitator, WorkshopLine};
use super::{schedule, Actor, ScheduleError, Workshop, WorkshopInput};
use crate::db::schema::{buildings, community_rooms, dwellings, tenants, users};
use crate::db::DbConnection;
use crate::domain::poles::{sub_activity_key, Pole};
use crate::domain::roles::Action;
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::i18n::{t, Lang};
use crate::state::AppState;
use crate::web::{
    format, redirect, render, render_status, CsrfForm, CurrentUser, ListQuery, Page, Pager,
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    // Before `/workshops/{id}`, which would take "calendar" for an id.
    super::calendar::configure(cfg);
    cfg.service(list_workshops)
        .service(new_workshop)
        .service(create_workshop)
        .service(show_workshop)
        .service(register_tenant)
        .service(cancel_registration);
    super::session_pages::configure(cfg);
    super::move_page::configure(cfg);
}

/// One option of a select.
#[derive(Serialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

pub(super) fn choices(list: Vec<(String, String)>, selected: &str) -> Vec<Choice> {
    list.into_iter()
        .map(|(value, label)| Choice {
            selected: value == selected,
            value,
            label,
        })
        .collect()
}

#[derive(Serialize)]
struct ListPage {
    workshops: Vec<WorkshopLine>,
    pager: Pager,
    can_manage: bool,
}

#[get("/workshops")]
async fn list_workshops(
    state: web::Data<AppState>,
    session: WebSession,
    user: CurrentUser,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let (u, offset, page) = (user.clone(), query.offset(), query.page());
    let (workshops, total) = state
        .db(move |c| {
            let actor = Actor::load(c, &u, Action::ReadWorkshops)?;
            store::list(c, &actor, offset, crate::web::PAGE_SIZE)
        })
        .await?;
    let page = ListPage {
        workshops,
        pager: Pager::new("/workshops", "", page, total),
        can_manage: user.role.can(Action::ManageWorkshops),
    };
    render(
        &state,
        "workshops/list",
        &Page::new(&session, &user, "workshops-title", "workshops", page),
    )
}

/// The choice lists of the form, loaded in three queries.
struct Options {
    buildings: Vec<(String, String)>,
    rooms: Vec<(String, String)>,
    staff: Vec<(String, String)>,
}

fn options(conn: &mut DbConnection, actor: &Actor) -> Result<Options, AppError> {
    let mut b = buildings::table
        .filter(buildings::office_id.eq(actor.office_id))
        .into_boxed();
    let mut r = community_rooms::table
        .inner_join(buildings::table)
        .filter(community_rooms::office_id.eq(actor.office_id))
        .into_boxed();
    if let Some(list) = &actor.buildings {
        b = b.filter(buildings::id.eq_any(list.clone()));
        r = r.filter(community_rooms::building_id.eq_any(list.clone()));
    }
    let buildings: Vec<(i64, String)> = b
        .order(buildings::name.asc())
        .select((buildings::id, buildings::name))
        .load(conn)?;
    let rooms: Vec<(i64, String, String)> = r
        .order((buildings::name.asc(), community_rooms::name.asc()))
        .select((community_rooms::id, buildings::name, community_rooms::name))
        .load(conn)?;
    let staff: Vec<(i64, String)> = users::table
        .filter(users::office_id.eq(actor.office_id))
        .filter(users::active.eq(true))
        .filter(users::role.eq_any(["isc", "admin", "committee"]))
        .order(users::display_name.asc())
        .select((users::id, users::display_name))
        .load(conn)?;
    Ok(Options {
        buildings: buildings
            .into_iter()
            .map(|(id, n)| (id.to_string(), n))
            .collect(),
        rooms: rooms
            .into_iter()
            .map(|(id, b, n)| (id.to_string(), format!("{b} — {n}")))
            .collect(),
        staff: staff
            .into_iter()
            .map(|(id, n)| (id.to_string(), n))
            .collect(),
    })
}

#[derive(Serialize)]
struct FormPage {
    form: WorkshopInput,
    errors: BTreeMap<String, String>,
    clash: Option<String>,
    sub_activities: Vec<Choice>,
    buildings: Vec<Choice>,
    rooms: Vec<Choice>,
    staff: Vec<Choice>,
    languages: Vec<Choice>,
    frequencies: Vec<Choice>,
    weekdays: Vec<Choice>,
}

fn form_page(
    lang: Lang,
    input: WorkshopInput,
    errors: &FieldErrors,
    clash: Option<String>,
    o: Options,
) -> FormPage {
    let get = |v: &Option<String>| v.clone().unwrap_or_default();
    let none = |key: &str| (String::new(), t(lang, key));
    let boxes = [
        &input.wd0, &input.wd1, &input.wd2, &input.wd3, &input.wd4, &input.wd5, &input.wd6,
    ];
    FormPage {
        sub_activities: choices(
            Pole::ALL[2]
                .sub_activities()
                .map(|c| (c.as_str().to_owned(), t(lang, &c.label_key())))
                .collect(),
            &get(&input.sub_activity),
        ),
        buildings: choices(o.buildings, &get(&input.building_id)),
        rooms: choices(
            std::iter::once(none("workshop-no-room"))
                .chain(o.rooms)
                .collect(),
            &get(&input.room_id),
        ),
        staff: choices(o.staff, &get(&input.facilitator_ids)),
        languages: choices(
            LANGUAGES
                .iter()
                .map(|l| (l.to_string(), t(lang, &format!("workshop-language-{l}"))))
                .collect(),
            &get(&input.language),
        ),
        frequencies: choices(
            FREQUENCIES
                .iter()
                .map(|f| (f.to_string(), t(lang, &format!("workshop-frequency-{f}"))))
                .collect(),
            &get(&input.frequency),
        ),
        weekdays: (0..7)
            .map(|i| Choice {
                value: format!("wd{i}"),
                label: t(lang, &format!("weekday-{i}")),
                selected: crate::domain::validate::checkbox(boxes[i].as_deref()),
            })
            .collect(),
        errors: errors.translated(lang),
        clash,
        form: input,
    }
}

#[get("/workshops/new")]
async fn new_workshop(
    state: web::Data<AppState>,
    session: WebSession,
    user: CurrentUser,
) -> Result<HttpResponse, AppError> {
    let u = user.clone();
    let o = state
        .db(move |c| {
            let actor = Actor::load(c, &u, Action::ManageWorkshops)?;
            options(c, &actor)
        })
        .await?;
    let mut input = WorkshopInput::blank(format::today());
    input.facilitator_ids = Some(user.id.to_string());
    let page = form_page(user.lang, input, &FieldErrors::new(), None, o);
    render(
        &state,
        "workshops/form",
        &Page::new(&session, &user, "workshop-new", "workshops", page),
    )
}

#[post("/workshops")]
async fn create_workshop(
    state: web::Data<AppState>,
    session: WebSession,
    user: CurrentUser,
    CsrfForm(input): CsrfForm<WorkshopInput>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageWorkshops)?;
    let (u, checked) = (user.clone(), input.validate(format::today()));
    let result = state
        .db_tx(move |c| {
            let actor = Actor::load(c, &u, Action::ManageWorkshops)?;
            Ok(match checked {
                Ok(data) => schedule::create(c, &actor, &data).map_err(Some),
                Err(e) => Err(Some(ScheduleError::App(AppError::Validation(e)))),
            })
        })
        .await?;
    let (errors, clash) = match result {
        Ok(w) => {
            return Ok(redirect(
                &session,
                &format!("/workshops/{}", w.id),
                Some("workshop-created"),
            ))
        }
        Err(Some(ScheduleError::Clash(c))) => (FieldErrors::new(), Some(c.message(user.lang))),
        Err(Some(ScheduleError::App(AppError::Validation(e)))) => (e, None),
        Err(Some(ScheduleError::App(e))) => return Err(e),
        Err(None) => (FieldErrors::new(), None),
    };
    let u = user.clone();
    let o = state
        .db(move |c| {
            let actor = Actor::load(c, &u, Action::ManageWorkshops)?;
            options(c, &actor)
        })
        .await?;
    let status = if clash.is_some() {
        StatusCode::CONFLICT
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = form_page(user.lang, input, &errors, clash, o);
    render_status(
        &state,
        status,
        "workshops/form",
        &Page::new(&session, &user, "workshop-new", "workshops", page),
    )
}

/// A session as the workshop page lists it.
#[derive(Serialize)]
struct SessionLine {
    id: i64,
    when: String,
    status: String,
    cancelled: bool,
    past: bool,
}

#[derive(Serialize)]
struct ShowPage {
    workshop: Workshop,
    sub_activity: String,
    facilitators: Vec<Facilitator>,
    sessions: Vec<SessionLine>,
    registrations: Vec<RegistrationLine>,
    confirmed: usize,
    tenants: Vec<Choice>,
    can_manage: bool,
}

/// The building's current tenants not yet registered (the registration form's choices).
fn candidates(
    conn: &mut DbConnection,
    w: &Workshop,
    regs: &[RegistrationLine],
) -> Result<Vec<(String, String)>, AppError> {
    let list: Vec<(i64, String, String, String)> = tenants::table
        .inner_join(dwellings::table)
        .filter(dwellings::building_id.eq(w.building_id))
        .filter(tenants::office_id.eq(w.office_id))
        .filter(tenants::move_out.is_null())
        .order((tenants::last_name.asc(), tenants::first_name.asc()))
        .select((
            tenants::id,
            tenants::last_name,
            tenants::first_name,
            dwellings::number,
        ))
        .limit(1000)
        .load(conn)?;
    Ok(list
        .into_iter()
        .filter(|(id, ..)| {
            !regs
                .iter()
                .any(|r| r.tenant_id == *id && r.session_id.is_none())
        })
        .map(|(id, last, first, d)| (id.to_string(), format!("{last}, {first} ({d})")))
        .collect())
}

#[get("/workshops/{id}")]
async fn show_workshop(
    state: web::Data<AppState>,
    session: WebSession,
    user: CurrentUser,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let (u, id, lang) = (user.clone(), id.into_inner(), user.lang);
    let page = state
        .db(move |c| {
            let actor = Actor::load(c, &u, Action::ReadWorkshops)?;
            let workshop = store::find(c, actor.office_id, id)?;
            let can_manage = u.role.can(Action::ManageWorkshops)
                && actor.check_building(workshop.building_id).is_ok();
            let registrations = if can_manage {
                registrations::list(c, id)?
            } else {
                Vec::new()
            };
            let tenants = if can_manage {
                candidates(c, &workshop, &registrations)?
            } else {
                Vec::new()
            };
            let now = crate::db::now();
            Ok(ShowPage {
                sub_activity: t(lang, &sub_activity_key(&workshop.sub_activity)),
                facilitators: store::facilitators(c, id)?,
                sessions: store::sessions(c, id)?
                    .into_iter()
                    .map(|s| SessionLine {
                        id: s.id,
                        when: format::datetime(lang, s.starts_at),
                        status: t(lang, &format!("session-status-{}", s.status)),
                        cancelled: s.status == super::CANCELLED,
                        past: s.starts_at <= now,
                    })
                    .collect(),
                confirmed: registrations
                    .iter()
                    .filter(|r| r.status == registrations::CONFIRMED)
                    .count(),
                tenants: choices(tenants, ""),
                registrations,
                can_manage,
                workshop,
            })
        })
        .await?;
    render(
        &state,
        "workshops/show",
        &Page::new(&session, &user, "workshop-title", "workshops", page),
    )
}

/// The registration form: a tenant, for the series or one session.
#[derive(serde::Deserialize)]
struct RegisterForm {
    tenant_id: Option<String>,
    session_id: Option<String>,
}

#[post("/workshops/{id}/registrations")]
async fn register_tenant(
    state: web::Data<AppState>,
    session: WebSession,
    user: CurrentUser,
    id: web::Path<i64>,
    CsrfForm(form): CsrfForm<RegisterForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let parse = |v: &Option<String>| v.as_deref().and_then(|s| s.trim().parse::<i64>().ok());
    let Some(tenant_id) = parse(&form.tenant_id) else {
        return Ok(redirect(
            &session,
            &format!("/workshops/{id}"),
            Some("workshop-choose-tenant"),
        ));
    };
    let r = NewRegistration {
        workshop_id: id,
        session_id: parse(&form.session_id),
        tenant_id,
        channel: "staff",
        registered_by: Some(user.id),
    };
    let reg = state
        .db_tx(move |c| {
            let actor = Actor::load(c, &user, Action::ManageWorkshops)?;
            actor.check_building(store::find(c, actor.office_id, id)?.building_id)?;
            registrations::register(c, actor.office_id, &r)
        })
        .await?;
    let flash = if reg.status == registrations::CONFIRMED {
        "workshop-registered"
    } else {
        "workshop-waiting"
    };
    Ok(redirect(&session, &format!("/workshops/{id}"), Some(flash)))
}

#[post("/registrations/{id}/cancel")]
async fn cancel_registration(
    state: web::Data<AppState>,
    session: WebSession,
    user: CurrentUser,
    id: web::Path<i64>,
    CsrfForm(_): CsrfForm<crate::accounts::routes::Empty>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let workshop =
        super::write_with_mail(&state, user, Action::ManageWorkshops, move |c, actor, m| {
            registrations::cancel_for(c, actor, id, m)
        })
        .await?;
    Ok(redirect(
        &session,
        &format!("/workshops/{workshop}"),
        Some("workshop-registration-cancelled"),
    ))
}
