//! Writes of categories: the default set every new office starts with, and the administrator's
//! changes (routing and targets of any category, new categories of the office's own).

use diesel::prelude::*;

use super::{queries, CategoryData, NewCategory, DEFAULTS};
use crate::access::Actor;
use crate::db::schema::request_categories;
use crate::db::{now, DbConnection};
use crate::domain::ids::{CategoryId, OfficeId};
use crate::domain::roles::Action;
use crate::error::AppError;

/// Where an office's own categories go: after the defaults.
const OWN_POSITION: i32 = 100;

/// Gives a new office the default categories, routed nowhere yet.
pub fn create_defaults(conn: &mut DbConnection, office_id: OfficeId) -> Result<(), AppError> {
    let at = now();
    let rows: Vec<NewCategory> = DEFAULTS
        .iter()
        .zip(1..)
        .map(
            |(&(code, name, low, normal, urgent), position)| NewCategory {
                office_id,
                code,
                name,
                department_id: None,
                target_hours_low: low,
                target_hours_normal: normal,
                target_hours_urgent: urgent,
                position,
                created_at: at,
            },
        )
        .collect();
    for row in &rows {
        diesel::insert_into(request_categories::table)
            .values(row)
            .execute(conn)?;
    }
    Ok(())
}

/// Adds a category of the actor's office.
pub fn create(conn: &mut DbConnection, actor: &Actor, data: &CategoryData) -> Result<(), AppError> {
    actor.require(Action::ManageRequestCategories)?;
    let [low, normal, urgent] = data.hours;
    diesel::insert_into(request_categories::table)
        .values(NewCategory {
            office_id: actor.office_id,
            code: "",
            name: &data.name,
            department_id: data.department_id,
            target_hours_low: low,
            target_hours_normal: normal,
            target_hours_urgent: urgent,
            position: OWN_POSITION,
            created_at: now(),
        })
        .execute(conn)?;
    Ok(())
}

/// Changes a category's routing and targets (its name and code stay).
pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    id: CategoryId,
    data: &CategoryData,
) -> Result<(), AppError> {
    actor.require(Action::ManageRequestCategories)?;
    queries::find(conn, actor.office_id, id)?;
    let [low, normal, urgent] = data.hours;
    diesel::update(request_categories::table.find(id))
        .set((
            request_categories::department_id.eq(data.department_id),
            request_categories::target_hours_low.eq(low),
            request_categories::target_hours_normal.eq(normal),
            request_categories::target_hours_urgent.eq(urgent),
        ))
        .execute(conn)?;
    Ok(())
}
