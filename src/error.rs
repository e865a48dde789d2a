//! One error type for the whole service. Handlers return `AppError`; the `web::render_errors` middleware
//! turns it into a translated HTML page for people and `application/problem+json` under `/api`,
//! because only the middleware knows the request's language and path.

use actix_web::body::BoxBody;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

use crate::domain::FieldErrors;
use crate::i18n::{t, t_args, Lang};

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
    /// A record that others still refer to, so it is not deleted: the message names them.
    #[error("still referenced: {0:?}")]
    StillReferenced(Referrers),
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
            AppError::StillReferenced(_) => "err-still-referenced",
            AppError::Validation(_) => "err-validation",
            AppError::BadJson(_) => "err-bad-json",
            AppError::TooLarge => "err-too-large-payload",
            AppError::Internal(_) => "err-internal",
        }
    }

    pub fn internal(e: impl Into<anyhow::Error>) -> Self {
        AppError::Internal(e.into())
    }

    /// The translated title: the catalogue's, or the message naming the referrers.
    fn title(&self, lang: Lang) -> String {
        match self {
            AppError::StillReferenced(r) => r.message(lang),
            other => t(lang, other.title_key()),
        }
    }
}

/// What still refers to a record about to be deleted, counted by the service inside its
/// transaction: `subject` is the key of the message (it takes `$what`), `counts` pairs the key of
/// each kind of referrer (it takes `$count`) with how many there are. Kinds counted zero are left
/// out of the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Referrers {
    pub subject: &'static str,
    pub counts: Vec<(&'static str, i64)>,
}

impl Referrers {
    pub fn new(subject: &'static str) -> Referrers {
        Referrers {
            subject,
            counts: Vec::new(),
        }
    }

    /// Adds one kind of referrer.
    pub fn with(mut self, key: &'static str, count: i64) -> Referrers {
        self.counts.push((key, count));
        self
    }

    /// `Ok` when nothing refers to the record, else the conflict naming what does.
    pub fn check(self) -> Result<(), AppError> {
        if self.counts.iter().all(|(_, n)| *n == 0) {
            Ok(())
        } else {
            Err(AppError::StillReferenced(self))
        }
    }

    /// "Ce bâtiment a encore 3 logements et 2 demandes…", in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        use fluent_templates::fluent_bundle::FluentValue;
        let named: Vec<String> = self
            .counts
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(key, n)| t_args(lang, key, &[("count", FluentValue::from(*n))]))
            .collect();
        let what = match named.split_last() {
            None => String::new(),
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} {} {last}", rest.join(", "), t(lang, "list-and")),
        };
        t_args(lang, self.subject, &[("what", FluentValue::from(what))])
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match e {
            Error::NotFound => AppError::NotFound,
            // The last line of defence: services check references before deleting and name them;
            // a reference they did not foresee is still a conflict, not a server error.
            Error::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, _) => {
                AppError::Conflict("err-still-referenced")
            }
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
            AppError::Conflict(_) | AppError::StillReferenced(_) => StatusCode::CONFLICT,
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
        title: err.map_or_else(|| t(lang, key), |e| e.title(lang)),
        status: status.as_u16(),
        errors,
    }
}
