//! The mail workshops cause, always written in the transaction of the change: a place given from
//! the waiting list, a session cancelled or moved, a reminder before a session. Every message goes
//! to a tenant through `Composer::send_to_tenant` (the one-click withdrawal of the channel and the
//! office's privacy officer); only tenants who consent to email and have an address receive any.

use diesel::prelude::*;
use serde::Serialize;

use super::queries::{find_in_office, sessions};
use super::{RegistrationStatus, Session, SessionStatus, Workshop};
use crate::db::schema::{buildings, community_rooms, tenants, workshop_registrations};
use crate::db::DbConnection;
use crate::domain::ids::{RegistrationId, SessionId, TenantId, WorkshopId};
use crate::email::{Composer, Outgoing, Recipient, TenantMail};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::format;

/// What every workshop message shows.
#[derive(Serialize)]
struct MailContext {
    first_name: String,
    title: String,
    when: String,
    place: String,
}

/// A confirmed registration whose tenant can be emailed.
#[derive(Debug, Clone)]
pub struct Reachable {
    pub registration_id: RegistrationId,
    pub workshop_id: WorkshopId,
    /// The session of the registration, or `None` for the series.
    pub session_id: Option<SessionId>,
    pub tenant_id: TenantId,
    pub to: Recipient,
}

/// (registration, workshop, session, tenant, email, first name, last name, language)
type TenantRow = (
    RegistrationId,
    WorkshopId,
    Option<SessionId>,
    TenantId,
    String,
    String,
    String,
    String,
);

/// Confirmed registrations of `workshop_ids` that can be emailed, optionally only those one
/// session concerns (its own registrations and the series').
pub fn reachable(
    conn: &mut DbConnection,
    workshop_ids: &[WorkshopId],
    session: Option<SessionId>,
) -> Result<Vec<Reachable>, AppError> {
    let mut q = workshop_registrations::table
        .inner_join(tenants::table)
        .filter(workshop_registrations::workshop_id.eq_any(workshop_ids.to_vec()))
        .filter(workshop_registrations::status.eq(RegistrationStatus::Confirmed))
        .filter(tenants::consent_email_at.is_not_null())
        .filter(tenants::email.ne(""))
        .into_boxed();
    if let Some(s) = session {
        q = q.filter(
            workshop_registrations::session_id
                .is_null()
                .or(workshop_registrations::session_id.eq(s)),
        );
    }
    let rows: Vec<TenantRow> = q
        .select((
            workshop_registrations::id,
            workshop_registrations::workshop_id,
            workshop_registrations::session_id,
            workshop_registrations::tenant_id,
            tenants::email,
            tenants::first_name,
            tenants::last_name,
            tenants::language,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, w, s, tenant, address, first, last, lang)| Reachable {
            registration_id: id,
            workshop_id: w,
            session_id: s,
            tenant_id: tenant,
            to: Recipient {
                address,
                name: format!("{first} {last}"),
                lang: Lang::parse(&lang),
            },
        })
        .collect())
}

/// Where a workshop is held, as messages say it.
pub fn place(conn: &mut DbConnection, w: &Workshop) -> Result<String, AppError> {
    let building: String = buildings::table
        .find(w.building_id)
        .select(buildings::name)
        .first(conn)?;
    let room: Option<String> = match w.room_id {
        Some(r) => community_rooms::table
            .find(r)
            .select(community_rooms::name)
            .first(conn)
            .optional()?,
        None => None,
    };
    Ok(match room {
        Some(r) => format!("{building}, {r}"),
        None if w.place.is_empty() => building,
        None => w.place.clone(),
    })
}

/// One message about a session to one registered tenant.
pub struct Notice<'a> {
    /// The folder under `templates/emails/`.
    pub template: &'a str,
    pub workshop: &'a Workshop,
    pub session: &'a Session,
    pub place: &'a str,
    pub to: &'a Reachable,
    /// Messages sharing a key are written once.
    pub dedup_key: Option<String>,
}

/// Writes `notice` to the outbox, through the composer's tenant path.
pub fn send(conn: &mut DbConnection, mailer: &Composer, n: Notice<'_>) -> Result<(), AppError> {
    let to = n.to.to.clone();
    let ctx = MailContext {
        first_name: to.name.split(' ').next().unwrap_or("").to_owned(),
        title: n.workshop.title.clone(),
        when: format::datetime(to.lang, n.session.starts_at),
        place: n.place.to_owned(),
    };
    mailer.send_to_tenant(
        conn,
        TenantMail::email(n.to.tenant_id),
        Outgoing {
            office_id: Some(n.workshop.office_id),
            template: n.template,
            to,
            context: &ctx,
            dedup_key: n.dedup_key,
        },
    )?;
    Ok(())
}

/// Tells a tenant taken off the waiting list that they have a place (at the next session).
pub fn promoted(
    conn: &mut DbConnection,
    mailer: &Composer,
    w: &Workshop,
    registration_id: RegistrationId,
) -> Result<(), AppError> {
    let Some(to) = reachable(conn, &[w.id], None)?
        .into_iter()
        .find(|r| r.registration_id == registration_id)
    else {
        return Ok(());
    };
    let sessions = sessions(conn, w.id)?;
    let now = crate::db::now();
    let next = sessions.iter().find(|s| {
        to.session_id.map_or(
            s.starts_at > now && s.status == SessionStatus::Scheduled,
            |id| s.id == id,
        )
    });
    let Some(next) = next else {
        return Ok(());
    };
    let place = place(conn, w)?;
    let notice = Notice {
        template: "workshop_promoted",
        workshop: w,
        session: next,
        place: &place,
        to: &to,
        dedup_key: Some(format!("promoted:{registration_id}")),
    };
    send(conn, mailer, notice)
}

/// Which change of a session the registered are told of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Cancelled,
    Moved,
}

/// Tells everyone registered for `session` that it was cancelled or moved.
pub fn session_changed(
    conn: &mut DbConnection,
    mailer: &Composer,
    session: &Session,
    change: Change,
) -> Result<usize, AppError> {
    let template = match change {
        Change::Cancelled => "workshop_session_cancelled",
        Change::Moved => "workshop_session_moved",
    };
    let w = find_in_office(conn, session.office_id, session.workshop_id)?;
    let place = place(conn, &w)?;
    let list = reachable(conn, &[w.id], Some(session.id))?;
    for to in &list {
        let notice = Notice {
            template,
            workshop: &w,
            session,
            place: &place,
            to,
            dedup_key: None,
        };
        send(conn, mailer, notice)?;
    }
    Ok(list.len())
}
