//! `/tenants/{id}`: a tenant's file — their place, contact, consents, and who consulted the file
//! (for those who may read consents). Opening it is a read of personal information, logged.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use super::{consent_lines, ConsentLine};
use crate::access::log::{read_one, Channel, RecordKind};
use crate::access::Caller;
use crate::domain::ids::TenantId;
use crate::domain::roles::Action;
use crate::error::AppError;
use crate::privacy::access_log::queries::{consultations_view, ConsultationsView};
use crate::registry::tenants::queries::{self, TenantView};
use crate::state::AppState;
use crate::web::{render_status, Page};

#[derive(Serialize)]
struct ShowPage {
    tenant: TenantView,
    consents: Vec<ConsentLine>,
    /// Who consulted the file lately (this visit included); none for roles that may not see it.
    consultations: Option<ConsultationsView>,
    moved_out: bool,
    can_manage: bool,
}

pub async fn show_tenant(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<TenantId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (actor, (tenant, consents, consultations)) = state
        .read(caller, move |c, actor| {
            actor.require(Action::ReadTenants)?;
            let office = actor.office_id.get();
            let tenant = queries::find_view(c, office, id.get())?;
            read_one(c, actor, Channel::Page, RecordKind::Tenant, id)?;
            let consents = consent_lines(c, office, Some(&tenant), None)?;
            let consultations = match actor.can(Action::ReadConsents) {
                true => Some(consultations_view(c, actor, id)?),
                false => None,
            };
            Ok((tenant, consents, consultations))
        })
        .await?;
    let page = ShowPage {
        moved_out: tenant.move_out.is_some_and(|d| d <= queries::today()),
        tenant,
        consents,
        consultations,
        can_manage: actor.can(Action::ManageTenants),
    };
    let ctx = Page::of(&session, &actor, "tenant-title", "tenants", page);
    render_status(&state, StatusCode::OK, "tenants/show", &ctx)
}
