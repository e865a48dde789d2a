//! The OpenAPI document of `/api/v1`, assembled here next to the route table from each area's
//! annotated handlers. A test checks that every API route is in it and validates it.

use actix_web::HttpResponse;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Passerelle API", version = "1", description = "Passerelle: soutien communautaire en HLM / community support in public housing. Errors are application/problem+json."),
    modifiers(&BearerAuth),
    security(("bearer" = []))
)]
pub struct ApiDoc;

/// The OpenAPI document, with every area's paths merged in.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    for part in super::registry::docs()
        .into_iter()
        .chain([super::accounts::Doc::openapi()])
        .chain([super::journal::Doc::openapi()])
        .chain([super::privacy::Doc::openapi()])
        .chain(crate::workshops::api_docs())
        .chain([super::requests::Doc::openapi()])
    {
        doc.merge(part);
    }
    doc
}

pub async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok().json(document())
}
