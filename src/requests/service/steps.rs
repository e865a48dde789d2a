//! Lifecycle steps: the rules of one step on a request (allowed from its status, a department to
//! route to, the version read still current), its changes, its events and its mail, and the same
//! answer carried to the reports linked under a building-level request.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rand::Rng;

use super::events::{record_in_journal, write_event};
use crate::access::Actor;
use crate::db::schema::requests;
use crate::db::DbConnection;
use crate::domain::ids::DepartmentId;
use crate::domain::poles::SubActivity;
use crate::domain::roles::{Action, Audience};
use crate::domain::FieldErrors;
use crate::email::Composer;
use crate::error::AppError;
use crate::requests::categories::queries as categories;
use crate::requests::input::{Referral, StepData};
use crate::requests::mail::{self, Update};
use crate::requests::{queries, EventKind, NewEvent, Request, Status, Step};

/// One step as it applies to one request.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Move<'a> {
    pub step: Step,
    /// The department the request is (or gets) routed to.
    pub department: Option<DepartmentId>,
    pub referral: Option<&'a Referral>,
    pub comment: &'a str,
    /// The comment is shown to the tenant (else it is kept as an internal comment).
    pub visible: bool,
    pub now: NaiveDateTime,
}

/// The changes one step makes to a request.
#[derive(AsChangeset, Default)]
#[diesel(table_name = requests)]
struct StepChanges<'a> {
    status: Option<Status>,
    version: i32,
    updated_at: Option<NaiveDateTime>,
    department_id: Option<Option<DepartmentId>>,
    resolved_at: Option<Option<NaiveDateTime>>,
    closed_at: Option<Option<NaiveDateTime>>,
    referral_resource: Option<&'a str>,
    referral_contact: Option<&'a str>,
    referral_told: Option<&'a str>,
    followup_token: Option<Option<String>>,
    followup_sent_at: Option<Option<NaiveDateTime>>,
}

/// The unguessable token of a follow-up link.
fn token() -> String {
    let bytes: [u8; 24] = rand::thread_rng().gen();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Moves `r` by `mv` if nobody changed it since `r` was read; `Conflict` otherwise.
pub(crate) fn apply(conn: &mut DbConnection, r: &Request, mv: &Move<'_>) -> Result<(), AppError> {
    let now = mv.now;
    let mut c = StepChanges {
        status: Some(mv.step.target()),
        version: r.version + 1,
        updated_at: Some(now),
        ..Default::default()
    };
    match mv.step {
        Step::Route => c.department_id = Some(mv.department),
        Step::Resolve => {
            c.resolved_at = Some(Some(now));
            c.followup_token = Some(Some(token()));
        }
        Step::Close => c.closed_at = Some(Some(now)),
        Step::CloseNotOurs => {
            c.closed_at = Some(Some(now));
            let f = mv.referral;
            c.referral_resource = Some(f.map_or("", |f| &f.resource));
            c.referral_contact = Some(f.map_or("", |f| &f.contact));
            c.referral_told = Some(f.map_or("", |f| &f.told));
        }
        Step::Reopen => {
            c.resolved_at = Some(None);
            c.closed_at = Some(None);
            c.followup_token = Some(None);
            c.followup_sent_at = Some(None);
        }
        Step::Start | Step::Wait => {}
    }
    let changed = diesel::update(
        requests::table
            .filter(requests::id.eq(r.id))
            .filter(requests::version.eq(r.version)),
    )
    .set(&c)
    .execute(conn)?;
    if changed == 0 {
        return Err(AppError::Conflict("err-request-stale"));
    }
    Ok(())
}

/// Takes a step on `r` (found within the actor's scope): the step must be allowed from its status,
/// routing needs a department, and the version read must be current. Then writes the step, tells
/// the department or the tenant, and carries the answer to the requests linked under this one.
pub fn take_step(
    conn: &mut DbConnection,
    mail: &Composer,
    actor: &Actor,
    r: &Request,
    data: &StepData,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    actor.require(Action::HandleRequests)?;
    let step = data.step;
    let mut e = FieldErrors::new();
    if !step.allowed(r.status) {
        e.add("step", "err-request-step-not-allowed");
    }
    let department = match step {
        Step::Route => {
            let d = categories::find(conn, actor.office_id, r.category_id)?.department_id;
            if d.is_none() {
                e.add("step", "err-request-no-department");
            }
            d
        }
        _ => r.department_id,
    };
    e.into_result(())?;
    if data.version != r.version {
        return Err(AppError::Conflict("err-request-stale"));
    }
    let mv = Move {
        step,
        department,
        referral: data.referral.as_ref(),
        comment: &data.comment,
        visible: data.visible,
        now,
    };
    step_one(conn, mail, actor, r, &mv)?;
    record_in_journal(conn, actor, r, SubActivity::IntermediaireResidents, now)?;
    if step.ends() {
        for child in queries::children(conn, r.id)? {
            let s = child.status;
            if s != step.target() && (s.is_open() || s == Status::Resolved) {
                let department = child.department_id;
                step_one(conn, mail, actor, &child, &Move { department, ..mv })?;
            }
        }
    }
    Ok(())
}

/// Applies one step to one request: the change, its events, and its mail.
fn step_one(
    conn: &mut DbConnection,
    mail: &Composer,
    actor: &Actor,
    r: &Request,
    mv: &Move<'_>,
) -> Result<(), AppError> {
    apply(conn, r, mv)?;
    let author = Some(actor.user_id);
    let target = mv.step.target();
    // The change of status is always visible to the tenant; an internal comment is kept apart.
    let shown = if mv.visible { mv.comment } else { "" };
    let step = NewEvent::on(r, EventKind::Step, author, mv.now)
        .change(r.status, target)
        .body(shown, Audience::Tenant);
    write_event(conn, &step)?;
    if !mv.visible && !mv.comment.is_empty() {
        let note =
            NewEvent::on(r, EventKind::Comment, author, mv.now).body(mv.comment, Audience::Staff);
        write_event(conn, &note)?;
    }
    if let (Step::Route, Some(d)) = (mv.step, mv.department) {
        mail::routed(conn, mail, r, d)?;
    }
    let update = Update {
        status: Some(target),
        message: (!shown.is_empty()).then_some(shown),
        referral: mv.referral,
    };
    mail::tenant_update(conn, mail, r, &update)
}
