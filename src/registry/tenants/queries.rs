//! Reading tenants: the searchable list (joined with dwellings and buildings, so a page of 50 or an
//! export of thousands is one statement), one tenant with its place, the names of consent
//! recorders, and the dwelling choice list of the form.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::Tenant;
use crate::db::schema::{buildings, dwellings, tenants, users};
use crate::db::{like_escape, DbConnection};
use crate::domain::ids::{BuildingId, DwellingId, TenantId};
use crate::domain::text;
use crate::error::AppError;
use crate::web::pagination::{Paged, Pagination};

/// Which tenants a list shows, by their move-out date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// No move-out date, or one still to come (the default).
    #[default]
    Current,
    /// Moved out (move-out date today or earlier).
    Former,
    All,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Current, Status::Former, Status::All];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Current => "current",
            Status::Former => "former",
            Status::All => "all",
        }
    }

    /// A query-string value; anything unknown is the default.
    pub fn parse(s: Option<&str>) -> Status {
        Status::ALL
            .into_iter()
            .find(|st| Some(st.as_str()) == s.map(str::trim))
            .unwrap_or_default()
    }
}

/// What a tenant list is filtered on.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Words that must all appear in the tenant's search text (accents and case ignored).
    pub q: String,
    pub building_id: Option<i64>,
    pub status: Status,
}

/// A consent as the API and pages show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Consent {
    /// When the tenant gave it (UTC).
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub given_at: NaiveDateTime,
    /// The id of the account that recorded it.
    pub recorded_by: i64,
}

/// A tenant with their dwelling and building, as lists, pages and the API show them.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TenantView {
    pub id: TenantId,
    pub dwelling_id: DwellingId,
    pub dwelling_number: String,
    pub building_id: BuildingId,
    pub building_name: String,
    pub first_name: String,
    pub last_name: String,
    /// fr, en or other
    pub language: String,
    pub phone: String,
    pub email: String,
    pub household_size: i32,
    /// Consent to be contacted by email; null when not given.
    pub consent_email: Option<Consent>,
    pub consent_phone: Option<Consent>,
    pub consent_sms: Option<Consent>,
    pub move_in: Option<NaiveDate>,
    pub move_out: Option<NaiveDate>,
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub updated_at: NaiveDateTime,
}

type Joined = (Tenant, BuildingId, String, String);

fn consent(at: Option<NaiveDateTime>, by: Option<i64>) -> Option<Consent> {
    Some(Consent {
        given_at: at?,
        recorded_by: by?,
    })
}

impl From<Joined> for TenantView {
    fn from((t, building_id, building_name, dwelling_number): Joined) -> Self {
        TenantView {
            id: t.id,
            dwelling_id: t.dwelling_id,
            dwelling_number,
            building_id,
            building_name,
            consent_email: consent(t.consent_email_at, t.consent_email_by),
            consent_phone: consent(t.consent_phone_at, t.consent_phone_by),
            consent_sms: consent(t.consent_sms_at, t.consent_sms_by),
            first_name: t.first_name,
            last_name: t.last_name,
            language: t.language,
            phone: t.phone,
            email: t.email,
            household_size: t.household_size,
            move_in: t.move_in,
            move_out: t.move_out,
            created_at: t.created_at,
            updated_at: t.updated_at,
        }
    }
}

pub use crate::web::format::{local_time, today};

/// The office's tenants matching `filter`, each with their dwelling and building: `limit` rows from
/// `offset` (all of them when `None`), and the total. Two statements whatever the number of rows.
pub fn list(
    conn: &mut DbConnection,
    office_id: i64,
    filter: &Filter,
    page: Option<(i64, i64)>,
) -> Result<(Vec<TenantView>, i64), AppError> {
    let today = today();
    let filtered = || {
        let mut query = tenants::table
            .inner_join(dwellings::table.inner_join(buildings::table))
            .filter(tenants::office_id.eq(office_id))
            .into_boxed();
        for term in text::query_terms(&filter.q) {
            query = query.filter(
                tenants::search_text
                    .like(format!("%{}%", like_escape(&term)))
                    .escape('\\'),
            );
        }
        if let Some(b) = filter.building_id {
            query = query.filter(dwellings::building_id.eq(b));
        }
        match filter.status {
            Status::Current => {
                query = query.filter(tenants::move_out.is_null().or(tenants::move_out.gt(today)))
            }
            Status::Former => query = query.filter(tenants::move_out.le(today)),
            Status::All => {}
        }
        query
    };
    let mut rows = filtered()
        .order((
            tenants::last_name.asc(),
            tenants::first_name.asc(),
            tenants::id.asc(),
        ))
        .select((
            tenants::all_columns,
            buildings::id,
            buildings::name,
            dwellings::number,
        ));
    let total = match page {
        Some((offset, limit)) => {
            rows = rows.offset(offset).limit(limit);
            filtered().count().get_result(conn)?
        }
        None => 0,
    };
    let items: Vec<TenantView> = rows
        .load::<Joined>(conn)?
        .into_iter()
        .map(TenantView::from)
        .collect();
    let total = if page.is_some() {
        total
    } else {
        items.len() as i64
    };
    Ok((items, total))
}

/// One page of the office's tenants matching `filter`.
pub fn list_page(
    conn: &mut DbConnection,
    office_id: i64,
    filter: &Filter,
    at: Pagination,
) -> Result<Paged<TenantView>, AppError> {
    let (items, total) = list(conn, office_id, filter, Some((at.offset(), at.limit())))?;
    Ok(Paged::new(items, total, at))
}

/// One tenant of the office; `NotFound` for another office's.
pub fn find(conn: &mut DbConnection, office_id: i64, id: i64) -> Result<Tenant, AppError> {
    Ok(tenants::table
        .filter(tenants::id.eq(id))
        .filter(tenants::office_id.eq(office_id))
        .first(conn)?)
}

/// One tenant of the office with their dwelling and building; `NotFound` for another office's.
pub fn find_view(conn: &mut DbConnection, office_id: i64, id: i64) -> Result<TenantView, AppError> {
    let row: Joined = tenants::table
        .inner_join(dwellings::table.inner_join(buildings::table))
        .filter(tenants::id.eq(id))
        .filter(tenants::office_id.eq(office_id))
        .select((
            tenants::all_columns,
            buildings::id,
            buildings::name,
            dwellings::number,
        ))
        .first(conn)?;
    Ok(row.into())
}

/// The names of the office's accounts among `ids`, in one statement (none when `ids` is empty).
pub fn user_names(
    conn: &mut DbConnection,
    office_id: i64,
    ids: &[i64],
) -> Result<HashMap<i64, String>, AppError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(i64, String)> = users::table
        .filter(users::id.eq_any(ids))
        .filter(users::office_id.eq(office_id))
        .select((users::id, users::display_name))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

/// A building and its dwellings, for the `<optgroup>`s of the tenant form.
#[derive(Debug, Serialize)]
pub struct DwellingGroup {
    pub building_id: i64,
    pub building_name: String,
    pub dwellings: Vec<DwellingChoice>,
}

#[derive(Debug, Serialize)]
pub struct DwellingChoice {
    pub id: i64,
    pub number: String,
    pub selected: bool,
}

/// The office's dwellings grouped by building (one statement), optionally of one building only,
/// with `selected` marked.
pub fn dwelling_choices(
    conn: &mut DbConnection,
    office_id: i64,
    building_id: Option<i64>,
    selected: Option<i64>,
) -> Result<Vec<DwellingGroup>, AppError> {
    let mut query = dwellings::table
        .inner_join(buildings::table)
        .filter(dwellings::office_id.eq(office_id))
        .filter(buildings::office_id.eq(office_id))
        .into_boxed();
    if let Some(b) = building_id {
        query = query.filter(dwellings::building_id.eq(b));
    }
    let rows: Vec<(i64, String, i64, String)> = query
        .order((buildings::name.asc(), buildings::id.asc()))
        .select((
            buildings::id,
            buildings::name,
            dwellings::id,
            dwellings::number,
        ))
        .load(conn)?;
    let mut groups: Vec<DwellingGroup> = Vec::new();
    for (bid, bname, id, number) in rows {
        if groups.last().is_none_or(|g| g.building_id != bid) {
            groups.push(DwellingGroup {
                building_id: bid,
                building_name: bname,
                dwellings: Vec::new(),
            });
        }
        if let Some(g) = groups.last_mut() {
            g.dwellings.push(DwellingChoice {
                id,
                number,
                selected: Some(id) == selected,
            });
        }
    }
    for g in &mut groups {
        // Natural order of door numbers: "2" before "10".
        g.dwellings.sort_by_cached_key(|d| natural_key(&d.number));
    }
    Ok(groups)
}

fn natural_key(s: &str) -> (u64, String) {
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    (digits.parse().unwrap_or(u64::MAX), s.to_owned())
}
