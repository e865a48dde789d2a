//! The access log as the office reads it: the administrator's filterable list and CSV of every
//! logged read (by person, kind of record, record, period), and "who consulted this tenant's
//! file" for the tenant's page (administrators and ISCs). Writing the log is `access::log`.

pub mod api;
mod export;
pub mod input;
pub mod pages;
pub mod queries;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::access::log::{Channel, RecordKind};
use crate::db::schema::access_log;
use crate::domain::ids::{AccessLogId, OfficeId, UserId};

pub use input::{AccessFilter, AccessLogQuery};
pub use queries::{consultations, AccessLine, Consultations};

/// One logged read, as stored.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = access_log)]
pub struct AccessEntry {
    pub id: AccessLogId,
    pub office_id: OfficeId,
    pub user_id: UserId,
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub at: NaiveDateTime,
    pub record_kind: RecordKind,
    /// The record read; `null` for a list or an export.
    pub record_id: Option<i64>,
    pub channel: Channel,
    /// 1 for one record; the rows of a list or an export.
    pub row_count: i32,
}
