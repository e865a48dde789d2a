//! Reading the actor's own office.

use diesel::prelude::*;

use super::Office;
use crate::db::schema::offices;
use crate::db::DbConnection;
use crate::error::AppError;

pub fn find(conn: &mut DbConnection, office_id: i64) -> Result<Office, AppError> {
    Ok(offices::table.find(office_id).first(conn)?)
}
