//! What is shown around one request: its history, photos, linked and similar requests, and the
//! names of what it is about. The request itself was found within the actor's scope first.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::{
    buildings, departments, dwellings, request_categories, request_events, request_photos,
    requests, tenants, users,
};
use crate::db::DbConnection;
use crate::domain::ids::{PhotoId, RequestId, UserId};
use crate::domain::roles::Audience;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::requests::{categories, EventKind, Request};

/// A step or comment with its author's name.
#[derive(Debug, Clone, Queryable, Serialize, utoipa::ToSchema)]
pub struct Event {
    pub id: i64,
    pub request_id: RequestId,
    pub kind: EventKind,
    /// The status before a step, or empty.
    pub from_status: String,
    /// The status after a step, or empty.
    pub to_status: String,
    pub body: String,
    pub visible_to_tenant: bool,
    pub author_id: Option<UserId>,
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub created_at: NaiveDateTime,
    pub author: Option<String>,
    /// Who reads it.
    pub audience: Audience,
}

/// The request's steps and comments for these audiences, oldest first; comments only when
/// `comments` (a committee member sees a building-level issue's steps, not its thread).
pub fn events(
    conn: &mut DbConnection,
    request_id: RequestId,
    audiences: &[Audience],
    comments: bool,
) -> Result<Vec<Event>, AppError> {
    let mut q = request_events::table
        .left_join(users::table.on(users::id.nullable().eq(request_events::author_id)))
        .filter(request_events::request_id.eq(request_id))
        .filter(request_events::audience.eq_any(audiences.to_vec()))
        .into_boxed();
    if !comments {
        q = q.filter(request_events::kind.ne(EventKind::Comment));
    }
    Ok(q.order((request_events::created_at, request_events::id))
        .select((
            request_events::id,
            request_events::request_id,
            request_events::kind,
            request_events::from_status,
            request_events::to_status,
            request_events::body,
            request_events::visible_to_tenant,
            request_events::author_id,
            request_events::created_at,
            users::display_name.nullable(),
            request_events::audience,
        ))
        .load(conn)?)
}

/// The ids of the request's photos, in the order they were added.
pub fn photo_ids(conn: &mut DbConnection, request_id: RequestId) -> Result<Vec<PhotoId>, AppError> {
    Ok(request_photos::table
        .filter(request_photos::request_id.eq(request_id))
        .order(request_photos::id)
        .select(request_photos::id)
        .load(conn)?)
}

/// (stored name, content type) of one photo of the request.
pub fn photo_file(
    conn: &mut DbConnection,
    request_id: RequestId,
    photo_id: PhotoId,
) -> Result<(String, String), AppError> {
    Ok(request_photos::table
        .filter(request_photos::id.eq(photo_id))
        .filter(request_photos::request_id.eq(request_id))
        .select((request_photos::stored_name, request_photos::content_type))
        .first(conn)?)
}

/// The requests linked under `parent_id`.
pub fn children(conn: &mut DbConnection, parent_id: RequestId) -> Result<Vec<Request>, AppError> {
    Ok(requests::table
        .filter(requests::parent_id.eq(parent_id))
        .order(requests::id)
        .load(conn)?)
}

/// The names shown with a request: building, dwelling number, tenant name, category (code,
/// name), department.
#[derive(Debug, Clone, Default)]
pub struct Names {
    pub building: String,
    pub dwelling: Option<String>,
    pub tenant: Option<String>,
    pub category_code: String,
    pub category_name: String,
    pub department: Option<String>,
}

impl Names {
    /// The category's name in `lang`.
    pub fn category(&self, lang: Lang) -> String {
        categories::label(lang, &self.category_code, &self.category_name)
    }
}

/// The names of `r`, in one query.
pub fn names(conn: &mut DbConnection, r: &Request) -> Result<Names, AppError> {
    type Row = (
        String,
        Option<String>,
        Option<(String, String)>,
        String,
        String,
        Option<String>,
    );
    let (building, dwelling, tenant, category_code, category_name, department): Row =
        requests::table
            .inner_join(buildings::table)
            .inner_join(request_categories::table)
            .left_join(dwellings::table.on(dwellings::id.nullable().eq(requests::dwelling_id)))
            .left_join(tenants::table.on(tenants::id.nullable().eq(requests::tenant_id)))
            .left_join(
                departments::table.on(departments::id.nullable().eq(requests::department_id)),
            )
            .filter(requests::id.eq(r.id))
            .select((
                buildings::name,
                dwellings::number.nullable(),
                (tenants::first_name, tenants::last_name).nullable(),
                request_categories::code,
                request_categories::name,
                departments::name.nullable(),
            ))
            .first(conn)?;
    Ok(Names {
        building,
        dwelling,
        tenant: tenant.map(|(f, l)| format!("{f} {l}")),
        category_code,
        category_name,
        department,
    })
}

/// The language of the request's tenant (French when it has none): the follow-up page's.
pub fn tenant_lang(conn: &mut DbConnection, r: &Request) -> Result<Lang, AppError> {
    Ok(match r.tenant_id {
        Some(t) => Lang::parse(
            &tenants::table
                .find(t)
                .select(tenants::language)
                .first::<String>(conn)?,
        ),
        None => Lang::Fr,
    })
}
