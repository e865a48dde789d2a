//! The OpenAPI document of `/api/v1`, assembled here next to the route table from each area's
//! annotated handlers. A test checks that every API route is in it and validates it.

use std::sync::OnceLock;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Content, RefOr, Response, ResponseBuilder};
use utoipa::{Modify, OpenApi, PartialSchema};

use crate::error::{AppError, Problem};

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
        .chain([super::workshops::Doc::openapi()])
        .chain([super::requests::Doc::openapi()])
    {
        doc.merge(part);
    }
    for item in doc.paths.paths.values_mut() {
        for op in operations(item) {
            declare_common_answers(op);
        }
    }
    doc
}

/// The document, built once.
fn served() -> &'static utoipa::openapi::OpenApi {
    static DOC: OnceLock<utoipa::openapi::OpenApi> = OnceLock::new();
    DOC.get_or_init(document)
}

pub async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok().json(served())
}

fn operations(item: &mut utoipa::openapi::PathItem) -> impl Iterator<Item = &mut Operation> {
    [
        item.get.as_mut(),
        item.put.as_mut(),
        item.post.as_mut(),
        item.delete.as_mut(),
        item.patch.as_mut(),
    ]
    .into_iter()
    .flatten()
}

fn problem_answer(description: &str) -> RefOr<Response> {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/problem+json",
            Content::new(Some(Problem::schema())),
        )
        .into()
}

/// The answers every operation can give whatever its area: 400 when its body or query cannot be
/// read (the extractors answer it before the handler runs), 404 when it names a record that is not
/// there or not the caller's.
fn declare_common_answers(op: &mut Operation) {
    let takes_input = op.request_body.is_some()
        || op.parameters.as_ref().is_some_and(|ps| {
            ps.iter()
                .any(|p| matches!(p.parameter_in, ParameterIn::Query))
        });
    let names_a_record = op.parameters.as_ref().is_some_and(|ps| {
        ps.iter()
            .any(|p| matches!(p.parameter_in, ParameterIn::Path))
    });
    let answers = &mut op.responses.responses;
    if takes_input && !answers.contains_key("400") {
        answers.insert(
            "400".into(),
            problem_answer("The body or the query cannot be read"),
        );
    }
    if names_a_record && !answers.contains_key("404") {
        answers.insert(
            "404".into(),
            problem_answer("No such record for the caller"),
        );
    }
}

/// Whether `template` (`/api/v1/requests/{id}/steps`) matches `path`; an `{id}` or `{…_id}`
/// matches digits only, as the routes do.
fn matches(template: &str, path: &str) -> bool {
    let (mut t, mut p) = (template.split('/'), path.split('/'));
    loop {
        match (t.next(), p.next()) {
            (None, None) => return true,
            (Some(ts), Some(ps)) if ts == ps => {}
            (Some(ts), Some(ps)) if ts.starts_with('{') && !ps.is_empty() => {
                let numeric = ts == "{id}" || ts.ends_with("_id}");
                if numeric && !ps.bytes().all(|b| b.is_ascii_digit()) {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// The API's answer to a request no route took: 405 with the methods the document declares for
/// the path, or 404 when the document has no such path.
pub async fn unmatched(req: HttpRequest) -> Result<HttpResponse, AppError> {
    let path = req.path();
    let mut allowed: Vec<&str> = Vec::new();
    for (template, item) in &served().paths.paths {
        if !matches(template, path) {
            continue;
        }
        for (method, op) in [
            ("GET", &item.get),
            ("PUT", &item.put),
            ("POST", &item.post),
            ("DELETE", &item.delete),
            ("PATCH", &item.patch),
        ] {
            if op.is_some() && !allowed.contains(&method) {
                allowed.push(method);
            }
        }
    }
    match allowed.is_empty() {
        true => Err(AppError::NotFound),
        false => Ok(HttpResponse::MethodNotAllowed()
            .insert_header((header::ALLOW, allowed.join(", ")))
            .finish()),
    }
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn a_template_matches_its_paths_only() {
        assert!(matches("/api/v1/requests/{id}", "/api/v1/requests/12"));
        assert!(!matches(
            "/api/v1/requests/{id}",
            "/api/v1/requests/12/steps"
        ));
        assert!(!matches("/api/v1/requests/{id}", "/api/v1/requests/"));
        assert!(!matches("/api/v1/requests/{id}", "/api/v1/requests/abc"));
        assert!(matches("/api/v1/import/{kind}", "/api/v1/import/tenants"));
        assert!(matches("/api/v1/requests", "/api/v1/requests"));
    }
}
