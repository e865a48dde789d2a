//! `/api/v1/workshops`, `/sessions`, `/registrations`: workshops in JSON, with the rules of the pages.

use actix_web::http::StatusCode;
use actix_web::{delete, get, post, put, web, HttpResponse};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::attendance::{self, AttendanceLine};
use super::registrations::{self, NewRegistration, Registration, RegistrationLine};
use super::store::{self, Facilitator, WorkshopLine};
use super::{notify, schedule, Actor, Clash, ScheduleError, Session, Workshop, WorkshopInput};
use crate::api::{ApiListQuery, Paginated};
use crate::domain::roles::Action;
use crate::error::{problem, AppError, Problem};
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::CurrentUser;

/// The OpenAPI paths of this module.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    api_list_workshops,
    api_create_workshop,
    api_show_workshop,
    api_set_capacity,
    api_list_registrations,
    api_register,
    api_cancel_registration,
    api_move_session,
    api_cancel_session,
    api_show_attendance,
    api_save_attendance
))]
pub struct Doc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(api_list_workshops)
        .service(api_create_workshop)
        .service(api_show_workshop)
        .service(api_set_capacity)
        .service(api_list_registrations)
        .service(api_register)
        .service(api_cancel_registration)
        .service(api_move_session)
        .service(api_cancel_session)
        .service(api_show_attendance)
        .service(api_save_attendance);
}

/// An outside facilitator.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct OutsideBody {
    pub name: String,
    pub organisation: Option<String>,
}

/// A workshop to schedule.
#[derive(Debug, Deserialize, Default, utoipa::ToSchema)]
pub struct WorkshopBody {
    pub title: Option<String>,
    pub description: Option<String>,
    pub theme: Option<String>,
    /// milieu_de_vie, vie_associative or ateliers_groupe
    pub sub_activity: Option<String>,
    pub building_id: Option<i64>,
    pub room_id: Option<i64>,
    pub place: Option<String>,
    /// fr, en or fr_en
    pub language: Option<String>,
    pub capacity: Option<i64>,
    /// building, buildings or office
    pub audience: Option<String>,
    pub audience_buildings: Option<Vec<i64>>,
    pub facilitator_ids: Option<Vec<i64>>,
    pub outside_facilitators: Option<Vec<OutsideBody>>,
    /// YYYY-MM-DD
    pub registration_opens_on: Option<String>,
    pub registration_closes_on: Option<String>,
    /// 0 to 336 (default 24)
    pub reminder_hours: Option<i64>,
    /// YYYY-MM-DD, local (Montréal)
    pub start_date: Option<String>,
    /// HH:MM, local (Montréal)
    pub start_time: Option<String>,
    pub duration_minutes: Option<i64>,
    /// once, weekly, monthly_date or monthly_weekday
    pub frequency: Option<String>,
    pub interval: Option<i64>,
    /// 0 = Monday … 6 = Sunday
    pub weekdays: Option<Vec<i64>>,
    pub month_day: Option<i64>,
    /// 1–4, or -1 for the last
    pub month_nth: Option<i64>,
    pub month_weekday: Option<i64>,
    /// YYYY-MM-DD (or `count`)
    pub until: Option<String>,
    /// at most 500
    pub count: Option<i64>,
}

fn join<T: ToString>(v: Option<Vec<T>>) -> Option<String> {
    v.map(|v| v.iter().map(T::to_string).collect::<Vec<_>>().join(","))
}

impl From<WorkshopBody> for WorkshopInput {
    fn from(b: WorkshopBody) -> Self {
        let n = |v: Option<i64>| v.map(|n| n.to_string());
        WorkshopInput {
            title: b.title,
            description: b.description,
            theme: b.theme,
            sub_activity: b.sub_activity,
            building_id: n(b.building_id),
            room_id: n(b.room_id),
            place: b.place,
            language: b.language,
            capacity: n(b.capacity),
            audience: b.audience,
            audience_buildings: join(b.audience_buildings),
            facilitator_ids: join(b.facilitator_ids),
            outside_facilitators: b.outside_facilitators.map(|list| {
                list.iter()
                    .map(|o| {
                        format!(
                            "{}, {}",
                            o.name.replace(',', " "),
                            o.organisation.as_deref().unwrap_or("")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            }),
            registration_opens_on: b.registration_opens_on,
            registration_closes_on: b.registration_closes_on,
            reminder_hours: n(b.reminder_hours),
            start_date: b.start_date,
            start_time: b.start_time,
            duration_minutes: n(b.duration_minutes),
            frequency: b.frequency,
            interval: n(b.interval),
            weekdays: join(b.weekdays),
            month_day: n(b.month_day),
            month_nth: n(b.month_nth),
            month_weekday: n(b.month_weekday),
            until: b.until,
            count: n(b.count),
            ..Default::default()
        }
    }
}

/// A workshop with its facilitators and sessions.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct WorkshopDetail {
    #[serde(flatten)]
    pub workshop: Workshop,
    pub facilitators: Vec<Facilitator>,
    pub sessions: Vec<Session>,
}

/// A booking in the way, answered as 409 with the session named in `detail`.
pub fn clash_response(clash: &Clash, lang: Lang) -> HttpResponse {
    let mut p = problem(
        Some(&AppError::Conflict("err-workshop-clash")),
        StatusCode::CONFLICT,
        lang,
    );
    p.detail = Some(clash.message(lang));
    HttpResponse::Conflict()
        .content_type("application/problem+json")
        .json(p)
}

fn schedule_result<T: Serialize>(
    r: Result<T, ScheduleError>,
    lang: Lang,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    match r {
        Ok(v) => Ok(HttpResponse::build(status).json(v)),
        Err(ScheduleError::Clash(c)) => Ok(clash_response(&c, lang)),
        Err(ScheduleError::App(e)) => Err(e),
    }
}

#[utoipa::path(get, path = "/api/v1/workshops", tag = "workshops", params(ApiListQuery),
    responses((status = 200, body = Paginated<WorkshopLine>),
        (status = 403, body = Problem, content_type = "application/problem+json")))]
#[get("/workshops")]
pub async fn api_list_workshops(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<ApiListQuery>,
) -> Result<HttpResponse, AppError> {
    let (offset, limit) = (query.offset(), query.per_page());
    let (items, total) = state
        .db(move |c| {
            let actor = Actor::load(c, &user, Action::ReadWorkshops)?;
            store::list(c, &actor, offset, limit)
        })
        .await?;
    Ok(HttpResponse::Ok().json(Paginated::new(items, total, &query)))
}

#[utoipa::path(post, path = "/api/v1/workshops", tag = "workshops", request_body = WorkshopBody,
    responses((status = 201, body = Workshop),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[post("/workshops")]
pub async fn api_create_workshop(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Json<WorkshopBody>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageWorkshops)?;
    let data = WorkshopInput::from(body.into_inner()).validate(crate::web::format::today())?;
    let lang = user.lang;
    let r = state
        .db_tx(move |c| {
            let actor = Actor::load(c, &user, Action::ManageWorkshops)?;
            // A clash is an answer, not a failure: the transaction has written nothing.
            Ok(schedule::create(c, &actor, &data))
        })
        .await?;
    schedule_result(r, lang, StatusCode::CREATED)
}

#[utoipa::path(get, path = "/api/v1/workshops/{id}", tag = "workshops", params(("id" = i64, Path)),
    responses((status = 200, body = WorkshopDetail),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
#[get("/workshops/{id}")]
pub async fn api_show_workshop(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let detail = state
        .db(move |c| {
            let actor = Actor::load(c, &user, Action::ReadWorkshops)?;
            let workshop = store::find(c, actor.office_id, id)?;
            Ok(WorkshopDetail {
                facilitators: store::facilitators(c, id)?,
                sessions: store::sessions(c, id)?,
                workshop,
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(detail))
}

/// A new capacity.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct CapacityBody {
    pub capacity: i64,
}

/// Changes the capacity; refused (422) below the places already given.
#[utoipa::path(put, path = "/api/v1/workshops/{id}/capacity", tag = "workshops",
    params(("id" = i64, Path)), request_body = CapacityBody,
    responses((status = 200, body = Workshop),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[put("/workshops/{id}/capacity")]
pub async fn api_set_capacity(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<CapacityBody>,
) -> Result<HttpResponse, AppError> {
    let (id, capacity) = (id.into_inner(), body.capacity);
    if !(1..=500).contains(&capacity) {
        let mut e = crate::domain::FieldErrors::new();
        e.add_limit(
            "capacity",
            if capacity < 1 {
                "err-too-small"
            } else {
                "err-too-large"
            },
            if capacity < 1 { 1 } else { 500 },
        );
        return Err(e.into());
    }
    let w = super::write_with_mail(&state, user, Action::ManageWorkshops, move |c, actor, m| {
        actor.check_building(store::find(c, actor.office_id, id)?.building_id)?;
        registrations::set_capacity(c, actor.office_id, id, capacity as i32, m)
    })
    .await?;
    Ok(HttpResponse::Ok().json(w))
}

#[utoipa::path(get, path = "/api/v1/workshops/{id}/registrations", tag = "workshops",
    params(("id" = i64, Path)),
    responses((status = 200, body = Vec<RegistrationLine>),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
#[get("/workshops/{id}/registrations")]
pub async fn api_list_registrations(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let list = state
        .db(move |c| {
            let actor = Actor::load(c, &user, Action::ManageWorkshops)?;
            actor.check_building(store::find(c, actor.office_id, id)?.building_id)?;
            registrations::list(c, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// A tenant to register, for the series (no `session_id`) or one session.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct RegistrationBody {
    pub tenant_id: i64,
    pub session_id: Option<i64>,
}

/// Registers a tenant: `confirmed` while places remain, else `waiting`.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/registrations", tag = "workshops",
    params(("id" = i64, Path)), request_body = RegistrationBody,
    responses((status = 201, body = Registration),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[post("/workshops/{id}/registrations")]
pub async fn api_register(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<RegistrationBody>,
) -> Result<HttpResponse, AppError> {
    let r = NewRegistration {
        workshop_id: id.into_inner(),
        session_id: body.session_id,
        tenant_id: body.tenant_id,
        channel: "staff",
        registered_by: Some(user.id),
    };
    let reg = state
        .db_tx(move |c| {
            let actor = Actor::load(c, &user, Action::ManageWorkshops)?;
            actor.check_building(store::find(c, actor.office_id, r.workshop_id)?.building_id)?;
            registrations::register(c, actor.office_id, &r)
        })
        .await?;
    Ok(HttpResponse::Created().json(reg))
}

/// Cancels a registration; the first on the waiting list who fits gets the place (and an email).
#[utoipa::path(delete, path = "/api/v1/registrations/{id}", tag = "workshops",
    params(("id" = i64, Path)),
    responses((status = 204),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
#[delete("/registrations/{id}")]
pub async fn api_cancel_registration(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    super::write_with_mail(&state, user, Action::ManageWorkshops, move |c, actor, m| {
        registrations::cancel_for(c, actor, id, m)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// New times for one session (UTC, `YYYY-MM-DDTHH:MM:SS`).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct MoveBody {
    #[schema(value_type = String)]
    pub starts_at: NaiveDateTime,
    #[schema(value_type = String)]
    pub ends_at: NaiveDateTime,
}

/// Moves one session; the registered are told. 409 names the session in the way.
#[utoipa::path(put, path = "/api/v1/sessions/{id}", tag = "workshops",
    params(("id" = i64, Path)), request_body = MoveBody,
    responses((status = 200, body = Session),
        (status = 409, body = Problem, content_type = "application/problem+json")))]
#[put("/sessions/{id}")]
pub async fn api_move_session(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<MoveBody>,
) -> Result<HttpResponse, AppError> {
    let (id, lang) = (id.into_inner(), user.lang);
    let (starts, ends) = (body.starts_at, body.ends_at);
    let r = super::write_with_mail(&state, user, Action::ManageWorkshops, move |c, actor, m| {
        let moved = schedule::move_session(c, actor, id, starts, ends);
        if let Ok(s) = &moved {
            notify::session_changed(c, m, actor.office_id, s, "workshop_session_moved")?;
        }
        Ok(moved)
    })
    .await?;
    schedule_result(r, lang, StatusCode::OK)
}

/// Cancels one session (the others stay); the registered are told.
#[utoipa::path(post, path = "/api/v1/sessions/{id}/cancel", tag = "workshops",
    params(("id" = i64, Path)),
    responses((status = 200, body = Session),
        (status = 409, body = Problem, content_type = "application/problem+json")))]
#[post("/sessions/{id}/cancel")]
pub async fn api_cancel_session(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let s = super::write_with_mail(&state, user, Action::ManageWorkshops, move |c, actor, m| {
        schedule::cancel_and_notify(c, actor, id, m)
    })
    .await?;
    Ok(HttpResponse::Ok().json(s))
}

/// A session's attendance sheet.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AttendanceBody {
    pub walk_ins: i64,
    pub marks: Vec<MarkBody>,
}

/// One tenant's mark: present, absent or excused.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MarkBody {
    pub tenant_id: i64,
    pub status: String,
}

#[utoipa::path(get, path = "/api/v1/sessions/{id}/attendance", tag = "workshops",
    params(("id" = i64, Path)),
    responses((status = 200, body = Vec<AttendanceLine>),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
#[get("/sessions/{id}/attendance")]
pub async fn api_show_attendance(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let sheet = state
        .db(move |c| {
            let actor = Actor::load(c, &user, Action::ManageWorkshops)?;
            let (session, w) = store::find_session(c, actor.office_id, id)?;
            actor.check_building(w.building_id)?;
            attendance::sheet(c, &session)
        })
        .await?;
    Ok(HttpResponse::Ok().json(sheet))
}

/// Records attendance and walk-ins; the session's journal entry is written once, then updated.
#[utoipa::path(put, path = "/api/v1/sessions/{id}/attendance", tag = "workshops",
    params(("id" = i64, Path)), request_body = AttendanceBody,
    responses((status = 200, body = Session),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[put("/sessions/{id}/attendance")]
pub async fn api_save_attendance(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<AttendanceBody>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let body = body.into_inner();
    let marks: Vec<(i64, String)> = body
        .marks
        .into_iter()
        .map(|m| (m.tenant_id, m.status))
        .collect();
    let walk_ins = body.walk_ins.clamp(-1, 100_000) as i32;
    let s = state
        .db_tx(move |c| {
            let actor = Actor::load(c, &user, Action::ManageWorkshops)?;
            attendance::save(c, &actor, id, &marks, walk_ins)
        })
        .await?;
    Ok(HttpResponse::Ok().json(s))
}
