//! Changing the actor's own office: its details, and (administrators) its privacy officer, in the
//! caller's transaction.

use diesel::prelude::*;

use super::input::SettingsForm;
use super::OfficeData;
use crate::access::Actor;
use crate::db::schema::offices;
use crate::db::DbConnection;
use crate::domain::roles::Action;
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::privacy::officer;

pub fn update(conn: &mut DbConnection, office_id: i64, data: &OfficeData) -> Result<(), AppError> {
    let n = diesel::update(offices::table.find(office_id))
        .set(data)
        .execute(conn)?;
    if n == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Saves the settings form: the office's details, and the officer's fields when they were sent.
/// Every field's message is reported together.
pub fn save(conn: &mut DbConnection, actor: &Actor, form: &SettingsForm) -> Result<(), AppError> {
    actor.require(Action::ManageOffice)?;
    let office = form.office.validate();
    let with_officer = form.has_officer() && actor.can(Action::ManagePrivacy);
    let officer = with_officer.then(|| form.officer.parse());
    let mut errors = FieldErrors::new();
    if let Err(e) = &office {
        errors.0.extend(e.0.clone());
    }
    if let Some(Err(e)) = &officer {
        errors.0.extend(e.0.clone());
    }
    match (office, officer) {
        (Ok(data), officer) if errors.is_empty() => {
            update(conn, actor.office_id.get(), &data)?;
            if let Some(Ok(o)) = officer {
                officer::update(conn, actor, &o)?;
            }
            Ok(())
        }
        _ => Err(AppError::Validation(errors)),
    }
}
