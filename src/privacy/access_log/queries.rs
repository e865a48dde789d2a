//! Access-log reads: the office's log for its administrator (lists and CSV share one set of filter
//! clauses), and the consultations of one tenant's file for administrators and ISCs.

use chrono::{NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::America::Montreal;
use diesel::dsl::count_star;
use diesel::prelude::*;
use serde::Serialize;

use super::{AccessEntry, AccessFilter};
use crate::access::log::{Channel, RecordKind};
use crate::access::Actor;
use crate::db::schema::{access_log, users};
use crate::db::DbConnection;
use crate::domain::ids::TenantId;
use crate::domain::roles::{Action, Role};
use crate::error::AppError;
use crate::i18n::{t, Lang};
use crate::privacy::find_tenant;
use crate::web::format::datetime;
use crate::web::pagination::{Paged, Pagination};

/// Most consultations a tenant's page lists (the total is counted).
pub const CONSULTATIONS_SHOWN: i64 = 50;

/// The first instant (UTC) of a Montréal day.
pub fn day_start(day: NaiveDate) -> NaiveDateTime {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    Montreal
        .from_local_datetime(&midnight)
        .earliest()
        .map_or(midnight, |t| t.naive_utc())
}

/// Boxes `$query` restricted to the actor's office and the filter's clauses.
macro_rules! filtered {
    ($query:expr, $actor:expr, $filter:expr) => {{
        let f: &AccessFilter = $filter;
        let mut q = $query
            .filter(access_log::office_id.eq($actor.office_id))
            .into_boxed();
        if let Some(u) = f.user_id {
            q = q.filter(access_log::user_id.eq(u));
        }
        if let Some(k) = f.record_kind {
            q = q.filter(access_log::record_kind.eq(k));
        }
        if let Some(r) = f.record_id {
            q = q.filter(access_log::record_id.eq(r));
        }
        if let Some(d) = f.from {
            q = q.filter(access_log::at.ge(day_start(d)));
        }
        if let Some(d) = f.to {
            q = q.filter(access_log::at.lt(day_start(d + chrono::Days::new(1))));
        }
        q
    }};
}

/// A logged read with the reader's name and role.
#[derive(Debug, Clone, Queryable)]
pub struct AccessLine {
    pub entry: AccessEntry,
    pub user_name: String,
    pub user_role: Role,
}

fn lines(
    conn: &mut DbConnection,
    actor: &Actor,
    filter: &AccessFilter,
    at: Pagination,
) -> Result<Vec<AccessLine>, AppError> {
    actor.require(Action::ManagePrivacy)?;
    Ok(
        filtered!(access_log::table.inner_join(users::table), actor, filter)
            .order((access_log::at.desc(), access_log::id.desc()))
            .select((AccessEntry::as_select(), users::display_name, users::role))
            .offset(at.offset())
            .limit(at.limit())
            .load(conn)?,
    )
}

/// One page of the office's log matching `filter`, newest first.
pub fn list(
    conn: &mut DbConnection,
    actor: &Actor,
    filter: &AccessFilter,
    at: Pagination,
) -> Result<Paged<AccessLine>, AppError> {
    let items = lines(conn, actor, filter, at)?;
    let total: i64 = filtered!(access_log::table, actor, filter)
        .select(count_star())
        .first(conn)?;
    Ok(Paged::new(items, total, at))
}

/// Every entry matching `filter` (the CSV export), newest first.
pub fn list_all(
    conn: &mut DbConnection,
    actor: &Actor,
    filter: &AccessFilter,
) -> Result<Vec<AccessLine>, AppError> {
    let all = Pagination {
        page: 1,
        per_page: i64::MAX,
    };
    lines(conn, actor, filter, all)
}

/// One consultation of a tenant's file.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Consultation {
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub at: NaiveDateTime,
    pub person: String,
    pub role: Role,
    pub channel: Channel,
    pub row_count: i32,
}

/// The latest consultations of a tenant's file, and how many there are in all.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Consultations {
    pub items: Vec<Consultation>,
    pub total: i64,
}

/// Who consulted `tenant`'s file (administrators and ISCs of its office; 404 for another office's
/// tenant), newest first, at most [`CONSULTATIONS_SHOWN`].
pub fn consultations(
    conn: &mut DbConnection,
    actor: &Actor,
    tenant: TenantId,
) -> Result<Consultations, AppError> {
    let t = find_tenant(conn, actor, tenant)?;
    let about = access_log::table
        .filter(access_log::office_id.eq(t.office_id))
        .filter(access_log::record_kind.eq(RecordKind::Tenant))
        .filter(access_log::record_id.eq(t.id.get()));
    let total: i64 = about.select(count_star()).first(conn)?;
    let rows: Vec<(NaiveDateTime, String, Role, Channel, i32)> = about
        .inner_join(users::table)
        .order((access_log::at.desc(), access_log::id.desc()))
        .limit(CONSULTATIONS_SHOWN)
        .select((
            access_log::at,
            users::display_name,
            users::role,
            access_log::channel,
            access_log::row_count,
        ))
        .load(conn)?;
    let items = rows
        .into_iter()
        .map(|(at, person, role, channel, row_count)| Consultation {
            at,
            person,
            role,
            channel,
            row_count,
        })
        .collect();
    Ok(Consultations { items, total })
}

/// One consultation as the partial shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ConsultationLine {
    pub at: String,
    pub person: String,
    pub role: String,
    pub channel: String,
}

/// What `templates/privacy/partials/consultations.hbs` reads (as `consultations`).
#[derive(Debug, Clone, Serialize)]
pub struct ConsultationsView {
    pub items: Vec<ConsultationLine>,
    pub total: i64,
    pub more: bool,
}

impl Consultations {
    /// Labels and dates in `lang`.
    pub fn view(self, lang: Lang) -> ConsultationsView {
        let more = self.total > self.items.len() as i64;
        ConsultationsView {
            items: self
                .items
                .into_iter()
                .map(|c| ConsultationLine {
                    at: datetime(lang, c.at),
                    person: c.person,
                    role: t(lang, &format!("role-{}", c.role)),
                    channel: t(lang, &format!("access-channel-{}", c.channel)),
                })
                .collect(),
            total: self.total,
            more,
        }
    }
}

/// The consultations of `tenant`'s file, ready for the partial: the one call the tenant's page
/// makes (inside its own `state.read`).
pub fn consultations_view(
    conn: &mut DbConnection,
    actor: &Actor,
    tenant: TenantId,
) -> Result<ConsultationsView, AppError> {
    Ok(consultations(conn, actor, tenant)?.view(actor.lang))
}

/// The office's accounts, for the log's "person" filter.
pub fn people(
    conn: &mut DbConnection,
    actor: &Actor,
) -> Result<Vec<(crate::domain::ids::UserId, String)>, AppError> {
    actor.require(Action::ManagePrivacy)?;
    Ok(users::table
        .filter(users::office_id.eq(actor.office_id))
        .order(users::display_name)
        .select((users::id, users::display_name))
        .load(conn)?)
}
