//! Transitional: the JSON API's list query and page body, until every area uses
//! `web::pagination`. The OpenAPI document is assembled in `routes::openapi`.

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use serde::{Deserialize, Serialize};

use crate::db::DbConnection;
use crate::error::AppError;
use crate::state::AppState;

/// `?q=&page=&per_page=` of every list endpoint.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ApiListQuery {
    /// Search text (accent- and case-insensitive), where the list supports it.
    pub q: Option<String>,
    /// 1-based page number.
    pub page: Option<i64>,
    /// Items per page, 1 to 200 (default 50).
    pub per_page: Option<i64>,
}

impl ApiListQuery {
    pub fn q(&self) -> String {
        self.q
            .as_deref()
            .unwrap_or("")
            .trim()
            .chars()
            .take(100)
            .collect()
    }
    pub fn page(&self) -> i64 {
        self.page.unwrap_or(1).clamp(1, 1_000_000)
    }
    pub fn per_page(&self) -> i64 {
        self.per_page.unwrap_or(50).clamp(1, 200)
    }
    pub fn offset(&self) -> i64 {
        (self.page() - 1) * self.per_page()
    }
}

/// One page of a list.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Paginated<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

impl<T> Paginated<T> {
    pub fn new(items: Vec<T>, total: i64, query: &ApiListQuery) -> Self {
        Paginated {
            items,
            total,
            page: query.page(),
            per_page: query.per_page(),
        }
    }
}

/// Writes with `write` (which returns the record's id) and reads the record back with `find`, in one
/// transaction, answering it as JSON with `status`: the API's create and update answer what was stored.
pub async fn write_then_show<T, W>(
    state: &AppState,
    status: StatusCode,
    office_id: i64,
    write: W,
    find: fn(&mut DbConnection, i64, i64) -> Result<T, AppError>,
) -> Result<HttpResponse, AppError>
where
    W: FnOnce(&mut DbConnection) -> Result<i64, AppError> + Send + 'static,
    T: Serialize + Send + 'static,
{
    let row = state
        .db_tx(move |c| {
            let id = write(c)?;
            find(c, office_id, id)
        })
        .await?;
    Ok(HttpResponse::build(status).json(row))
}
