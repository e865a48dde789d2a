//! `POST /api/v1/import/{kind}`: the same import with the CSV as the request body. A dry run
//! reports every row's errors; a real run writes all rows or none.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};

use super::{decode, parse, queries, service, FileError, Kind, Outcome, Report, MAX_FILE_BYTES};
use crate::access::Caller;
use crate::domain::roles::Action;
use crate::error::{AppError, Problem, ProblemField};
use crate::i18n::{t, t_args, Lang};
use crate::state::AppState;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// `true` checks every row and writes nothing (default `false`).
    pub dry_run: Option<bool>,
}

/// Most row errors an answer lists: a file of thousands of bad rows is answered with the first
/// ones and their count, not with an answer many times the file's size.
pub const MAX_REPORTED_ERRORS: usize = 100;

/// The result of a dry run.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ImportCheck {
    /// Data rows in the file (blank rows not counted).
    pub rows: usize,
    /// Whether every row can be imported.
    pub valid: bool,
    /// The first errors (at most 100), in the file's order.
    pub errors: Vec<ImportRowError>,
    /// Every error of the file, listed or not.
    pub error_count: usize,
}

/// Invalid rows, as a problem document: the first errors (at most 100) and how many there are.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ImportProblem {
    #[serde(flatten)]
    pub problem: Problem,
    /// Every error of the file, listed or not.
    pub error_count: usize,
}

/// One problem with one row.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ImportRowError {
    /// The row as a spreadsheet numbers it (the header is row 1).
    pub row: usize,
    /// The column as the file names it ("" for the whole row).
    pub field: String,
    pub code: String,
    pub message: String,
}

/// The result of a real import.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ImportDone {
    pub imported: usize,
}

/// Imports buildings, dwellings or tenants from CSV (comma or semicolon, UTF-8 or Windows-1252,
/// French or English headers, 2 MB at most). Nothing is written when a row is invalid.
#[utoipa::path(post, path = "/api/v1/import/{kind}", tag = "registry",
    params(("kind" = String, Path, description = "buildings, dwellings or tenants"), ImportQuery),
    request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = ImportCheck, description = "dry run"),
        (status = 201, body = ImportDone),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = ImportProblem, content_type = "application/problem+json")))]
pub async fn api_import(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
    query: web::Query<ImportQuery>,
    body: web::Payload,
) -> Result<HttpResponse, AppError> {
    // Who may import is said before anything about the file.
    let (actor, ()) = state
        .read(caller.clone(), |_, actor| actor.require(Action::ImportData))
        .await?;
    let lang = actor.lang;
    let kind = Kind::parse(&path).ok_or(AppError::NotFound)?;
    let read = read_body(body).await?.and_then(|bytes| {
        let text = decode(&bytes)?;
        parse(kind, &text)
    });
    let table = match read {
        Ok(table) => table,
        Err(e) => return Ok(file_problem(lang, kind, &e)),
    };
    if query.dry_run.unwrap_or(false) {
        let (_, report) = state
            .read(caller, move |c, actor| {
                queries::check(c, actor, kind, &table)
            })
            .await?;
        let (errors, error_count) = row_errors(&report, lang);
        return Ok(HttpResponse::Ok().json(ImportCheck {
            rows: report.rows.len(),
            valid: report.is_valid(),
            errors,
            error_count,
        }));
    }
    let (_, outcome) = state
        .write(caller, move |c, actor| {
            service::commit(c, actor, kind, &table)
        })
        .await?;
    match outcome {
        Outcome::Imported(imported) => {
            super::after_import(&state).await;
            Ok(HttpResponse::Created().json(ImportDone { imported }))
        }
        Outcome::Invalid(report) => Ok(rows_problem(&report, lang)),
    }
}

/// The body, or `FileError::TooLarge` past the limit (read to a bound so the client gets the answer).
async fn read_body(mut body: web::Payload) -> Result<Result<Vec<u8>, FileError>, AppError> {
    let mut bytes = Vec::new();
    let mut received = 0usize;
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|_| AppError::BadRequest("err-bad-request"))?;
        received += chunk.len();
        if received > 8 * MAX_FILE_BYTES {
            return Err(AppError::TooLarge);
        }
        if received <= MAX_FILE_BYTES {
            bytes.extend_from_slice(&chunk);
        }
    }
    Ok(if received > MAX_FILE_BYTES {
        Err(FileError::TooLarge)
    } else {
        Ok(bytes)
    })
}

fn code_of(key: &str) -> String {
    key.trim_start_matches("import-")
        .trim_start_matches("err-")
        .to_owned()
}

/// The first [`MAX_REPORTED_ERRORS`] errors of the report, translated, and how many there are.
fn row_errors(report: &Report, lang: Lang) -> (Vec<ImportRowError>, usize) {
    let all = report
        .rows
        .iter()
        .flat_map(|r| r.errors.iter().map(move |e| (r, e)));
    let count = all.clone().count();
    let listed = all
        .take(MAX_REPORTED_ERRORS)
        .map(|(r, e)| ImportRowError {
            row: r.number,
            field: e.column.clone(),
            code: code_of(e.code),
            message: e.message(lang),
        })
        .collect();
    (listed, count)
}

fn problem_response(problem: Problem) -> HttpResponse {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
    HttpResponse::build(status)
        .content_type("application/problem+json")
        .json(problem)
}

/// A file that cannot be read at all: 413 when too large, else 422, the reason in `detail`.
fn file_problem(lang: Lang, kind: Kind, e: &FileError) -> HttpResponse {
    let status = match e {
        FileError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let message = e.message(lang, kind);
    problem_response(Problem {
        kind: format!("about:blank#{}", code_of(e.code())),
        title: t(lang, "import-err-file"),
        status: status.as_u16(),
        detail: Some(message.clone()),
        errors: vec![ProblemField {
            field: "file".into(),
            code: code_of(e.code()),
            message,
        }],
    })
}

/// Rows that are invalid: 422 with one entry per error (the first [`MAX_REPORTED_ERRORS`]), its
/// field named like "row 3: nom", and the count of all of them.
fn rows_problem(report: &Report, lang: Lang) -> HttpResponse {
    let (listed, error_count) = row_errors(report, lang);
    let errors = listed
        .into_iter()
        .map(|e| ProblemField {
            field: if e.field.is_empty() {
                format!("row {}", e.row)
            } else {
                format!("row {}: {}", e.row, e.field)
            },
            code: e.code,
            message: e.message,
        })
        .collect();
    let detail = (error_count > MAX_REPORTED_ERRORS).then(|| {
        t_args(
            lang,
            "import-err-rows-capped",
            &[
                ("count", error_count.into()),
                ("shown", MAX_REPORTED_ERRORS.into()),
            ],
        )
    });
    let problem = Problem {
        kind: "about:blank#validation".into(),
        title: t(lang, "import-err-rows"),
        status: 422,
        detail,
        errors,
    };
    HttpResponse::UnprocessableEntity()
        .content_type("application/problem+json")
        .json(ImportProblem {
            problem,
            error_count,
        })
}
