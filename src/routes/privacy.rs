//! Paths of privacy (`src/privacy`): the hub, the access log, a tenant's consents and archive,
//! retention, the access-request and incident registers, the privacy officer, and the tenant's
//! one-click consent withdrawal from an email (no sign-in).

use actix_web::web::{delete, get, post, put, ServiceConfig};
use utoipa::OpenApi;

use crate::privacy::access_log::api::*;
use crate::privacy::access_requests::api::*;
use crate::privacy::consents::api::*;
use crate::privacy::incidents::api::*;
use crate::privacy::officer::api::*;
use crate::privacy::retention::api::*;
use crate::privacy::retention::pages as retention;
use crate::privacy::{access_log, access_requests, consents, export, incidents, officer, pages};

pub fn pages(cfg: &mut ServiceConfig) {
    use access_requests::pages as ar;
    use incidents::pages as inc;
    cfg.route("/privacy", get().to(pages::show_hub))
        .route(
            "/privacy/access-log",
            get().to(access_log::pages::list_access_log),
        )
        .route(
            "/privacy/access-log.csv",
            get().to(access_log::pages::export_access_log),
        )
        .route("/privacy/retention", get().to(retention::show_retention))
        .route("/privacy/officer", get().to(officer::pages::show_officer))
        .route(
            "/privacy/officer",
            post().to(officer::pages::update_officer),
        )
        .route(
            "/privacy/tenants/{id:\\d+}",
            get().to(consents::pages::show_tenant_privacy),
        )
        .route(
            "/privacy/tenants/{id:\\d+}/consents",
            post().to(consents::pages::record_consent),
        )
        .route(
            "/privacy/tenants/{id:\\d+}/export.zip",
            get().to(export::pages::download_archive),
        )
        .route(
            "/privacy/access-requests",
            get().to(ar::list_access_requests),
        )
        .route(
            "/privacy/access-requests",
            post().to(ar::create_access_request),
        )
        .route(
            "/privacy/access-requests.csv",
            get().to(ar::export_access_requests),
        )
        .route(
            "/privacy/access-requests/new",
            get().to(ar::new_access_request),
        )
        .route(
            "/privacy/access-requests/{id:\\d+}",
            post().to(ar::update_access_request),
        )
        .route(
            "/privacy/access-requests/{id:\\d+}/edit",
            get().to(ar::edit_access_request),
        )
        .route("/privacy/incidents", get().to(inc::list_incidents))
        .route("/privacy/incidents", post().to(inc::create_incident))
        .route("/privacy/incidents.csv", get().to(inc::export_incidents))
        .route("/privacy/incidents/new", get().to(inc::new_incident))
        .route(
            "/privacy/incidents/{id:\\d+}",
            post().to(inc::update_incident),
        )
        .route(
            "/privacy/incidents/{id:\\d+}/edit",
            get().to(inc::edit_incident),
        )
        .route(
            "/privacy/incidents/{id:\\d+}/delete",
            post().to(inc::delete_incident),
        )
        .route(
            "/consent/withdraw/{token}",
            get().to(consents::withdraw::show_withdrawal),
        )
        .route(
            "/consent/withdraw/{token}",
            post().to(consents::withdraw::confirm_withdrawal),
        );
}

/// Under `/api/v1`.
pub fn api(cfg: &mut ServiceConfig) {
    cfg.route("/privacy/access-log", get().to(api_list_access_log))
        .route("/privacy/retention", get().to(api_retention))
        .route("/privacy/officer", get().to(api_show_officer))
        .route("/privacy/officer", put().to(api_update_officer))
        .route(
            "/privacy/tenants/{id:\\d+}/consents",
            get().to(api_tenant_consents),
        )
        .route(
            "/privacy/tenants/{id:\\d+}/consents",
            post().to(api_record_consent),
        )
        .route(
            "/privacy/tenants/{id:\\d+}/consultations",
            get().to(api_tenant_consultations),
        )
        .route(
            "/privacy/access-requests",
            get().to(api_list_access_requests),
        )
        .route(
            "/privacy/access-requests",
            post().to(api_create_access_request),
        )
        .route(
            "/privacy/access-requests/{id:\\d+}",
            get().to(api_show_access_request),
        )
        .route(
            "/privacy/access-requests/{id:\\d+}",
            put().to(api_update_access_request),
        )
        .route("/privacy/incidents", get().to(api_list_incidents))
        .route("/privacy/incidents", post().to(api_create_incident))
        .route("/privacy/incidents/{id:\\d+}", get().to(api_show_incident))
        .route(
            "/privacy/incidents/{id:\\d+}",
            put().to(api_update_incident),
        )
        .route(
            "/privacy/incidents/{id:\\d+}",
            delete().to(api_delete_incident),
        );
}

#[derive(OpenApi)]
#[openapi(paths(
    api_list_access_log,
    api_retention,
    api_show_officer,
    api_update_officer,
    api_tenant_consents,
    api_record_consent,
    api_tenant_consultations,
    api_list_access_requests,
    api_create_access_request,
    api_show_access_request,
    api_update_access_request,
    api_list_incidents,
    api_create_incident,
    api_show_incident,
    api_update_incident,
    api_delete_incident
))]
pub struct Doc;
