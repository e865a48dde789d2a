//! The office's privacy officer (responsable de la protection des renseignements personnels): a
//! name and how to reach them, kept with the office (`offices.privacy_officer_*`), shown in every
//! email to a tenant (`email::Composer::send_to_tenant` and the email footer) and on public pages
//! (`templates/privacy/partials/officer_public.hbs`). The fields are also a partial
//! (`officer_fields.hbs`) for the office settings form, which calls [`update`] in its own write.

pub mod api;
pub mod pages;

use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::access::Actor;
use crate::db::schema::office_privacy;
use crate::db::DbConnection;
use crate::domain::ids::OfficeId;
use crate::domain::roles::Action;
use crate::domain::{validate, FieldErrors};
use crate::email::Officer;
use crate::error::AppError;

/// The officer as the form submits it (field names prefixed, so the fields can sit in the office
/// settings form next to the office's own).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct OfficerForm {
    #[schema(max_length = 200)]
    pub privacy_officer_name: Option<String>,
    #[schema(max_length = 254)]
    pub privacy_officer_email: Option<String>,
    #[schema(max_length = 30)]
    pub privacy_officer_phone: Option<String>,
}

/// The officer, validated: all blank (none named yet), or a name with an email or a phone.
#[derive(Debug, Clone, PartialEq, Eq, AsChangeset)]
#[diesel(table_name = office_privacy)]
pub struct OfficerData {
    pub privacy_officer_name: String,
    pub privacy_officer_email: String,
    pub privacy_officer_phone: String,
}

impl OfficerForm {
    pub fn of(o: &Officer) -> Self {
        OfficerForm {
            privacy_officer_name: Some(o.name.clone()),
            privacy_officer_email: Some(o.email.clone()),
            privacy_officer_phone: Some(o.phone.clone()),
        }
    }

    pub fn parse(&self) -> Result<OfficerData, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = validate::optional(
            &mut e,
            "privacy_officer_name",
            self.privacy_officer_name.as_deref(),
            200,
        );
        let email = validate::email(
            &mut e,
            "privacy_officer_email",
            self.privacy_officer_email.as_deref(),
            false,
        );
        let phone = validate::optional(
            &mut e,
            "privacy_officer_phone",
            self.privacy_officer_phone.as_deref(),
            30,
        );
        if name.is_empty() && !(email.is_empty() && phone.is_empty()) {
            e.add("privacy_officer_name", "err-required");
        }
        if !name.is_empty() && email.is_empty() && phone.is_empty() {
            e.add("privacy_officer_email", "err-officer-contact");
        }
        e.into_result(OfficerData {
            privacy_officer_name: name,
            privacy_officer_email: email,
            privacy_officer_phone: phone,
        })
    }
}

/// The officer of `office` as stored (blank fields when none is named).
pub fn stored(conn: &mut DbConnection, office: OfficeId) -> Result<Officer, AppError> {
    Ok(crate::email::officer(conn, office)?.unwrap_or_default())
}

/// The officer of the actor's office (any signed-in person of the office may read it: it is
/// public information).
pub fn find(conn: &mut DbConnection, actor: &Actor) -> Result<Officer, AppError> {
    stored(conn, actor.office_id)
}

/// The officer a public page of `office` shows, when one is named.
pub fn public(conn: &mut DbConnection, office: OfficeId) -> Result<Option<Officer>, AppError> {
    crate::email::officer(conn, office)
}

/// Names (or changes, or clears) the officer of the actor's office (administrators).
pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    data: &OfficerData,
) -> Result<Officer, AppError> {
    actor.require(Action::ManagePrivacy)?;
    diesel::update(office_privacy::table.find(actor.office_id))
        .set(data)
        .execute(conn)?;
    find(conn, actor)
}
