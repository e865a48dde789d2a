//! The mail workshops cause, always enqueued in the transaction of the change: a place given from
//! the waiting list, a session cancelled or moved, a reminder before a session. Only tenants who
//! consented to email and have an address receive any.

use diesel::prelude::*;
use serde::Serialize;

use super::registrations::{Mailer, CONFIRMED};
use super::{store, Session, Workshop};
use crate::db::schema::{tenants, workshop_registrations};
use crate::db::DbConnection;
use crate::email::{self, Outgoing, Recipient};
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

/// (registration, session of the registration or None for the series, recipient), for tenants
/// who may be emailed.
type Reachable = (i64, Option<i64>, Recipient);

/// (registration, workshop, session, email, first name, last name, language)
type TenantRow = (i64, i64, Option<i64>, String, String, String, String);

/// Confirmed registrations of `workshop_id` that can be emailed, optionally only those one
/// session concerns (its own registrations and the series').
pub fn reachable(
    conn: &mut DbConnection,
    workshop_ids: &[i64],
    session: Option<i64>,
) -> Result<Vec<(i64, i64, Reachable)>, AppError> {
    let mut q = workshop_registrations::table
        .inner_join(tenants::table)
        .filter(workshop_registrations::workshop_id.eq_any(workshop_ids.to_vec()))
        .filter(workshop_registrations::status.eq(CONFIRMED))
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
            tenants::email,
            tenants::first_name,
            tenants::last_name,
            tenants::language,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, w, s, address, first, last, lang)| {
            let to = Recipient {
                address,
                name: format!("{first} {last}"),
                lang: Lang::parse(&lang),
            };
            (id, w, (id, s, to))
        })
        .collect())
}

pub fn place(conn: &mut DbConnection, w: &Workshop) -> Result<String, AppError> {
    use crate::db::schema::{buildings, community_rooms};
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

/// Enqueues `template` about `session` to one recipient.
#[allow(clippy::too_many_arguments)]
pub fn send(
    conn: &mut DbConnection,
    mailer: &Mailer<'_>,
    template: &str,
    w: &Workshop,
    session: &Session,
    place: &str,
    to: Recipient,
    dedup_key: Option<String>,
) -> Result<(), AppError> {
    let ctx = MailContext {
        first_name: to.name.split(' ').next().unwrap_or("").to_owned(),
        title: w.title.clone(),
        when: format::datetime(to.lang, session.starts_at),
        place: place.to_owned(),
    };
    email::enqueue(
        conn,
        mailer.templates,
        mailer.base_url,
        Outgoing {
            office_id: Some(crate::domain::ids::OfficeId(w.office_id)),
            template,
            to,
            context: &ctx,
            dedup_key,
        },
    )?;
    Ok(())
}

/// Tells a tenant taken off the waiting list that they have a place (at the next session).
pub fn promoted(
    conn: &mut DbConnection,
    mailer: &Mailer<'_>,
    w: &Workshop,
    registration_id: i64,
) -> Result<(), AppError> {
    let Some((_, _, (_, session, to))) = reachable(conn, &[w.id], None)?
        .into_iter()
        .find(|(id, _, _)| *id == registration_id)
    else {
        return Ok(());
    };
    let sessions = store::sessions(conn, w.id)?;
    let now = crate::db::now();
    let next = sessions.iter().find(|s| {
        session.map_or(s.starts_at > now && s.status == super::SCHEDULED, |id| {
            s.id == id
        })
    });
    let Some(next) = next else {
        return Ok(());
    };
    let place = place(conn, w)?;
    let key = format!("promoted:{registration_id}");
    send(
        conn,
        mailer,
        "workshop_promoted",
        w,
        next,
        &place,
        to,
        Some(key),
    )
}

/// Tells everyone registered for `session` that it was cancelled or moved.
pub fn session_changed(
    conn: &mut DbConnection,
    mailer: &Mailer<'_>,
    office_id: i64,
    session: &Session,
    template: &str,
) -> Result<usize, AppError> {
    let w = store::find(conn, office_id, session.workshop_id)?;
    let place = place(conn, &w)?;
    let list = reachable(conn, &[w.id], Some(session.id))?;
    let n = list.len();
    for (_, _, (_, _, to)) in list {
        send(conn, mailer, template, &w, session, &place, to, None)?;
    }
    Ok(n)
}
