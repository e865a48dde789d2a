//! Error responses as people and programs read them: a translated HTML page, or
//! `application/problem+json` under `/api`.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, StatusCode};
use actix_web::middleware::Next;
use actix_web::HttpResponse;

use crate::error::{problem, AppError};

/// Replaces error responses (4xx and 5xx) with a translated page or problem document, and logs
/// server errors with their whole cause chain.
pub async fn render_errors(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let res = next.call(req).await?.map_into_boxed_body();
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return Ok(res);
    }
    // A response that already carries a body (the login form redisplayed, say) is left as it is.
    let app_err = res
        .response()
        .error()
        .and_then(|e| e.as_error::<AppError>());
    let has_body = !matches!(
        res.response().body().size(),
        actix_web::body::BodySize::Sized(0) | actix_web::body::BodySize::None
    );
    if app_err.is_none() && has_body {
        return Ok(res);
    }
    if let Some(AppError::Internal(e)) = app_err {
        tracing::error!(error = ?e, "request failed");
    }
    let allow = res.headers().get(header::ALLOW).cloned();
    let (req, res) = res.into_parts();
    let lang = super::request_lang(&req);
    let app_err = res.error().and_then(|e| e.as_error::<AppError>());
    let is_api = req.path().starts_with("/api/");
    let mut builder = HttpResponse::build(status);
    if let Some(allow) = allow {
        builder.insert_header((header::ALLOW, allow));
    }
    let response = if is_api {
        if status == StatusCode::UNAUTHORIZED {
            builder.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
        }
        builder
            .content_type("application/problem+json")
            .json(problem(app_err, status, lang))
    } else if matches!(app_err, Some(AppError::Unauthenticated)) {
        HttpResponse::SeeOther()
            .insert_header((header::LOCATION, "/login"))
            .finish()
    } else {
        let p = problem(app_err, status, lang);
        let body = super::render_error_page(&req, lang, &p);
        builder.content_type("text/html; charset=utf-8").body(body)
    };
    Ok(ServiceResponse::new(req, response))
}
