//! The changes anyone who sees a request may make besides its steps: a comment (carried to the
//! linked reports when it is for the tenant), and a link under a building-level request.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::create::check_parent;
use super::events::{record_in_journal, write_event};
use crate::access::Actor;
use crate::db::schema::requests;
use crate::db::DbConnection;
use crate::domain::ids::RequestId;
use crate::domain::poles::SubActivity;
use crate::domain::roles::{Action, Audience};
use crate::domain::FieldErrors;
use crate::email::Composer;
use crate::error::AppError;
use crate::requests::input::{CommentData, LinkData};
use crate::requests::mail::{self, Update};
use crate::requests::sight::Sight;
use crate::requests::{queries, EventKind, NewEvent, Request};

/// The request `id` as someone who takes steps sees it: `Forbidden` for those who take none,
/// `NotFound` outside the actor's scope.
pub fn find_handled(
    conn: &mut DbConnection,
    actor: &Actor,
    id: RequestId,
) -> Result<Request, AppError> {
    actor.require(Action::HandleRequests)?;
    queries::find(conn, actor, id)
}

/// Adds a comment to `r` (found within the actor's scope), for the audience asked: those who do
/// not handle requests write only for the tenant, and only on a request that is theirs (a
/// committee member never comments on another tenant's matter); no one writes for an audience
/// they do not read. A comment for the tenant from someone who handles requests is carried to the
/// requests linked under `r`, and each tenant is told.
pub fn comment(
    conn: &mut DbConnection,
    mail: &Composer,
    actor: &Actor,
    r: &Request,
    data: &CommentData,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let handles = actor.can(Action::HandleRequests);
    if !Sight::of(actor, r).may_comment() {
        return Err(AppError::Forbidden);
    }
    let audience = match handles {
        true => data.audience,
        false => Audience::Tenant,
    };
    if !actor.role.writes_for(audience) {
        let mut e = FieldErrors::new();
        e.add("audience", "err-request-audience");
        return Err(e.into());
    }
    let visible = audience == Audience::Tenant;
    let author = Some(actor.user_id);
    let body = data.body.as_str();
    let event = |r: &Request| NewEvent::on(r, EventKind::Comment, author, now).body(body, audience);
    write_event(conn, &event(r))?;
    record_in_journal(conn, actor, r, SubActivity::AccompagnementServices, now)?;
    if visible && handles {
        let update = Update {
            message: Some(body),
            ..Update::default()
        };
        mail::tenant_update(conn, mail, r, &update)?;
        for child in queries::children(conn, r.id)? {
            write_event(conn, &event(&child))?;
            mail::tenant_update(conn, mail, &child, &update)?;
        }
    }
    Ok(())
}

/// Links `r` under a building-level request (or unlinks it), if the version read is current.
pub fn link(
    conn: &mut DbConnection,
    actor: &Actor,
    r: &Request,
    data: &LinkData,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    actor.require(Action::HandleRequests)?;
    if let Some(p) = data.parent_id {
        check_parent(conn, actor.office_id, r.building_id, p, Some(r.id))?;
        if !queries::children(conn, r.id)?.is_empty() {
            let mut e = FieldErrors::new();
            e.add("parent_id", "err-request-link-has-children");
            return Err(e.into());
        }
    }
    if data.version != r.version {
        return Err(AppError::Conflict("err-request-stale"));
    }
    let changed = diesel::update(
        requests::table
            .filter(requests::id.eq(r.id))
            .filter(requests::version.eq(r.version)),
    )
    .set((
        requests::parent_id.eq(data.parent_id),
        requests::version.eq(r.version + 1),
        requests::updated_at.eq(now),
    ))
    .execute(conn)?;
    if changed == 0 {
        return Err(AppError::Conflict("err-request-stale"));
    }
    let body = data.parent_id.map(|p| format!("#{p}")).unwrap_or_default();
    let event =
        NewEvent::on(r, EventKind::Link, Some(actor.user_id), now).body(&body, Audience::Staff);
    write_event(conn, &event)
}
