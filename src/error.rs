//! One error type for the whole service. Handlers return `AppError`; the `render_errors` middleware
//! turns it into a translated HTML page for people and `application/problem+json` under `/api`,
//! because only the middleware knows the request's language and path.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, StatusCode};
use actix_web::middleware::Next;
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

use crate::domain::FieldErrors;
use crate::i18n::{t, Lang};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("authentication required")]
    Unauthenticated,
    #[error("invalid or missing CSRF token")]
    Csrf,
    #[error("too many attempts")]
    RateLimited,
    /// A request that cannot be understood; the key names the translated message.
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    /// A JSON body that cannot be read; the detail is serde's description of where.
    #[error("bad JSON: {0}")]
    BadJson(String),
    #[error("invalid fields: {0:?}")]
    Validation(FieldErrors),
    /// The request conflicts with the current state; the key names the translated message.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("payload too large")]
    TooLarge,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    /// The catalogue key of the error's title.
    fn title_key(&self) -> &'static str {
        match self {
            AppError::NotFound => "err-not-found",
            AppError::Forbidden => "err-forbidden",
            AppError::Unauthenticated => "err-unauthenticated",
            AppError::Csrf => "err-csrf",
            AppError::RateLimited => "err-rate-limited",
            AppError::BadRequest(key) | AppError::Conflict(key) => key,
            AppError::Validation(_) => "err-validation",
            AppError::BadJson(_) => "err-bad-json",
            AppError::TooLarge => "err-too-large-payload",
            AppError::Internal(_) => "err-internal",
        }
    }

    pub fn internal(e: impl Into<anyhow::Error>) -> Self {
        AppError::Internal(e.into())
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => AppError::NotFound,
            other => AppError::Internal(other.into()),
        }
    }
}

impl From<diesel::r2d2::PoolError> for AppError {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        AppError::Internal(anyhow::Error::new(e).context("no database connection"))
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        AppError::Internal(anyhow::anyhow!("blocking task failed: {e}"))
    }
}

impl From<FieldErrors> for AppError {
    fn from(e: FieldErrors) -> Self {
        AppError::Validation(e)
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            AppError::BadRequest(_) | AppError::BadJson(_) => StatusCode::BAD_REQUEST,
            AppError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A bare response; `render_errors` replaces it with the page or problem document.
    fn error_response(&self) -> HttpResponse<BoxBody> {
        HttpResponse::build(self.status_code()).finish()
    }
}

/// A field-level problem in a problem document.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ProblemField {
    pub field: String,
    pub code: String,
    pub message: String,
}

/// RFC 9457 problem details, as every `/api` error is answered.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemField>,
}

pub fn problem(err: Option<&AppError>, status: StatusCode, lang: Lang) -> Problem {
    let key = err.map(AppError::title_key).unwrap_or(match status {
        StatusCode::NOT_FOUND => "err-not-found",
        StatusCode::METHOD_NOT_ALLOWED => "err-method",
        StatusCode::PAYLOAD_TOO_LARGE => "err-too-large-payload",
        s if s.is_server_error() => "err-internal",
        _ => "err-bad-request",
    });
    let errors = match err {
        Some(AppError::Validation(fields)) => fields
            .0
            .iter()
            .map(|(field, e)| ProblemField {
                field: field.clone(),
                code: e.code.trim_start_matches("err-").to_owned(),
                message: crate::domain::validate::message(lang, e),
            })
            .collect(),
        _ => Vec::new(),
    };
    let detail = match err {
        Some(AppError::BadJson(d)) => Some(d.clone()),
        _ => None,
    };
    Problem {
        detail,
        kind: format!("about:blank#{}", key.trim_start_matches("err-")),
        title: t(lang, key),
        status: status.as_u16(),
        errors,
    }
}

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
    let (req, res) = res.into_parts();
    let lang = crate::web::request_lang(&req);
    let app_err = res.error().and_then(|e| e.as_error::<AppError>());
    let is_api = req.path().starts_with("/api/");
    let mut builder = HttpResponse::build(status);
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
        let body = crate::web::render_error_page(&req, lang, &p);
        builder.content_type("text/html; charset=utf-8").body(body)
    };
    Ok(ServiceResponse::new(req, response))
}
