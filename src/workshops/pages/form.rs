//! The scheduling form: a clash re-renders the form naming the session in the way (409), bad input
//! re-renders it with the messages (422).

use std::collections::BTreeMap;

use actix_session::Session as WebSession;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use crate::access::{Actor, Caller};
use crate::domain::poles::Pole;
use crate::domain::roles::Action;
use crate::domain::validate::checkbox;
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::i18n::t;
use crate::state::AppState;
use crate::web::choice::{choices, translated_choices, with_none, Choice};
use crate::web::{format, redirect, render_status, CsrfForm, Page};
use crate::workshops::input::{WorkshopInput, FREQUENCIES, LANGUAGES};
use crate::workshops::queries::{self, FormOptions};
use crate::workshops::{service, ScheduleError};

fn sel(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
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

/// What the form shows besides its choices: the submission, its errors, a clash.
struct Shown {
    input: WorkshopInput,
    errors: FieldErrors,
    clash: Option<String>,
    status: StatusCode,
}

fn render_form(
    state: &AppState,
    session: &WebSession,
    actor: &Actor,
    o: FormOptions,
    shown: Shown,
) -> Result<HttpResponse, AppError> {
    let lang = actor.lang;
    let input = shown.input;
    let get = |v: &Option<String>| v.clone().unwrap_or_default();
    let one = |v: &Option<String>| vec![get(v)];
    let boxes = [
        &input.wd0, &input.wd1, &input.wd2, &input.wd3, &input.wd4, &input.wd5, &input.wd6,
    ];
    let (sub, building, room, staff, language, frequency) = (
        one(&input.sub_activity),
        one(&input.building_id),
        one(&input.room_id),
        one(&input.facilitator_ids),
        one(&input.language),
        one(&input.frequency),
    );
    let page = FormPage {
        sub_activities: choices(
            Pole::ALL[2]
                .sub_activities()
                .map(|c| (c.as_str(), t(lang, &c.label_key()))),
            &sel(&sub),
        ),
        buildings: choices(o.buildings, &sel(&building)),
        rooms: with_none(lang, "workshop-no-room", choices(o.rooms, &sel(&room))),
        staff: choices(o.staff, &sel(&staff)),
        languages: translated_choices(lang, "workshop-language-", LANGUAGES, &sel(&language)),
        frequencies: translated_choices(lang, "workshop-frequency-", FREQUENCIES, &sel(&frequency)),
        weekdays: (0..7)
            .map(|i| {
                let label = t(lang, &format!("weekday-{i}"));
                Choice::new(format!("wd{i}"), label, checkbox(boxes[i].as_deref()))
            })
            .collect(),
        errors: shown.errors.translated(lang),
        clash: shown.clash,
        form: input,
    };
    render_status(
        state,
        shown.status,
        "workshops/form",
        &Page::of(session, actor, "workshop-new", "workshops", page),
    )
}

pub async fn new_workshop(
    state: web::Data<AppState>,
    session: WebSession,
    caller: Caller,
) -> Result<HttpResponse, AppError> {
    let (actor, o) = state
        .read(caller, |c, actor| {
            actor.require(Action::ManageWorkshops)?;
            queries::form_options(c, actor)
        })
        .await?;
    let mut input = WorkshopInput::blank(format::today());
    input.facilitator_ids = Some(actor.user_id.to_string());
    let shown = Shown {
        input,
        errors: FieldErrors::new(),
        clash: None,
        status: StatusCode::OK,
    };
    render_form(&state, &session, &actor, o, shown)
}

pub async fn create_workshop(
    state: web::Data<AppState>,
    session: WebSession,
    caller: Caller,
    CsrfForm(input): CsrfForm<WorkshopInput>,
) -> Result<HttpResponse, AppError> {
    let checked = input.validate(format::today());
    let result = state
        .write(caller.clone(), move |c, actor| {
            actor.require(Action::ManageWorkshops)?;
            let data = checked.map_err(AppError::Validation)?;
            // A clash is an answer, not a failure: the transaction has written nothing.
            match service::create(c, actor, &data) {
                Ok(w) => Ok(Ok(w)),
                Err(ScheduleError::Clash(clash)) => Ok(Err(clash)),
                Err(ScheduleError::App(e)) => Err(e),
            }
        })
        .await;
    let (errors, clash) = match result {
        Ok((_, Ok(w))) => {
            let to = format!("/workshops/{}", w.id);
            return Ok(redirect(&session, &to, Some("workshop-created")));
        }
        Ok((actor, Err(c))) => (FieldErrors::new(), Some(c.message(actor.lang))),
        Err(AppError::Validation(e)) => (e, None),
        Err(e) => return Err(e),
    };
    let (actor, o) = state.read(caller, queries::form_options).await?;
    let status = if clash.is_some() {
        StatusCode::CONFLICT
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let shown = Shown {
        input,
        errors,
        clash,
        status,
    };
    render_form(&state, &session, &actor, o, shown)
}
