//! The import pages: choose a kind and a file, see every row with its errors, confirm. The preview
//! writes nothing; the confirmation form carries the decoded text back (no server-side store) and
//! the commit checks it again before writing all rows in one transaction.

use actix_multipart::Multipart;
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};

use super::{decode, parse, queries, service, FileError, Kind, Outcome, Report, MAX_FILE_BYTES};
use crate::access::{Actor, Caller};
use crate::domain::roles::Action;
use crate::error::AppError;
use crate::i18n::{t, t_args, Lang};
use crate::state::AppState;
use crate::web::{csrf, redirect_with, render_status, Page};

/// The decoded text may be larger than the file (Windows-1252 accents take two bytes in UTF-8, and
/// browsers send a textarea's line ends as CRLF).
const MAX_TEXT_BYTES: usize = 3 * MAX_FILE_BYTES;
/// Past this, a request is cut short instead of being read to the end for a polite answer.
const MAX_REQUEST_BYTES: usize = 8 * MAX_FILE_BYTES;
/// Rows without errors shown in the preview; rows with errors are all shown, up to `SHOWN_ERRORS`.
const SHOWN_VALID: usize = 20;
const SHOWN_ERRORS: usize = 500;

#[derive(Deserialize)]
pub struct KindQuery {
    kind: Option<String>,
}

pub async fn import_form(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    query: web::Query<KindQuery>,
) -> Result<HttpResponse, AppError> {
    let (actor, ()) = state
        .read(caller, |_, actor| actor.require(Action::ImportData))
        .await?;
    let kind = query.kind.as_deref().and_then(Kind::parse);
    form(&state, &session, &actor, kind, None, StatusCode::OK)
}

pub async fn import_preview(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    body: Multipart,
) -> Result<HttpResponse, AppError> {
    let upload = read_upload(body, "file", MAX_FILE_BYTES, &session).await?;
    let (kind, text, table) = match upload.into_table() {
        Ok(ok) => ok,
        Err((kind, e)) => {
            let (actor, ()) = state
                .read(caller, |_, actor| actor.require(Action::ImportData))
                .await?;
            return refused(&state, &session, &actor, kind, &e);
        }
    };
    let (actor, report) = state
        .read(caller, move |c, actor| {
            queries::check(c, actor, kind, &table)
        })
        .await?;
    preview(&state, &session, &actor, report, text)
}

pub async fn import_commit(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    body: Multipart,
) -> Result<HttpResponse, AppError> {
    let upload = read_upload(body, "content", MAX_TEXT_BYTES, &session).await?;
    let (kind, text, table) = match upload.into_table() {
        Ok(ok) => ok,
        Err((kind, e)) => {
            let (actor, ()) = state
                .read(caller, |_, actor| actor.require(Action::ImportData))
                .await?;
            return refused(&state, &session, &actor, kind, &e);
        }
    };
    let (actor, outcome) = state
        .write(caller, move |c, actor| {
            service::commit(c, actor, kind, &table)
        })
        .await?;
    match outcome {
        Outcome::Imported(n) => {
            super::after_import(&state).await;
            Ok(redirect_with(
                &session,
                kind.list_url(),
                Some("import-done"),
                &[("count", n as i64)],
            ))
        }
        Outcome::Invalid(report) => preview(&state, &session, &actor, report, text),
    }
}

/// The fields of an import form, read from `multipart/form-data` with a size limit on the file.
#[derive(Default)]
struct Upload {
    kind: String,
    data: Vec<u8>,
    too_large: bool,
}

impl Upload {
    /// The kind, the text and its table, or the kind (if any) and why the file cannot be read.
    fn into_table(self) -> Result<(Kind, String, super::Table), (Option<Kind>, FileError)> {
        let Some(kind) = Kind::parse(&self.kind) else {
            return Err((None, FileError::NoKind));
        };
        if self.too_large {
            return Err((Some(kind), FileError::TooLarge));
        }
        let text = decode(&self.data).map_err(|e| (Some(kind), e))?;
        let table = parse(kind, &text).map_err(|e| (Some(kind), e))?;
        Ok((kind, text, table))
    }
}

/// Reads the form; the CSRF token travels as a `_csrf` field like in every other form. A file over
/// `limit` is read to the end (up to `MAX_REQUEST_BYTES`) but not kept, so that the browser gets
/// the page that says so rather than a reset connection.
async fn read_upload(
    mut body: Multipart,
    data_field: &str,
    limit: usize,
    session: &Session,
) -> Result<Upload, AppError> {
    let bad = |_| AppError::BadRequest("err-bad-form");
    let mut upload = Upload::default();
    let mut token = String::new();
    let mut received = 0usize;
    while let Some(field) = body.next().await {
        let mut field = field.map_err(bad)?;
        let name = field.name().unwrap_or("").to_owned();
        let cap = if name == data_field { limit } else { 1024 };
        let (mut buf, mut over) = (Vec::new(), false);
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(bad)?;
            received += chunk.len();
            if received > MAX_REQUEST_BYTES {
                return Err(AppError::TooLarge);
            }
            over |= buf.len() + chunk.len() > cap;
            if !over {
                buf.extend_from_slice(&chunk);
            }
        }
        match name.as_str() {
            "_csrf" => token = String::from_utf8_lossy(&buf).into_owned(),
            "kind" => upload.kind = String::from_utf8_lossy(&buf).into_owned(),
            n if n == data_field => (upload.data, upload.too_large) = (buf, over),
            _ => {}
        }
    }
    if !csrf::verify(session, &token) {
        return Err(AppError::Csrf);
    }
    Ok(upload)
}

#[derive(Serialize)]
struct FormPage {
    kinds: Vec<KindHelp>,
    error: Option<String>,
}

/// A kind to choose, with the columns its files may have.
#[derive(Serialize)]
struct KindHelp {
    value: &'static str,
    label_key: String,
    checked: bool,
    columns: Vec<ColumnHelp>,
}

#[derive(Serialize)]
struct ColumnHelp {
    header: &'static str,
    other: &'static str,
    required: bool,
    alternative: Option<&'static str>,
}

fn form(
    state: &AppState,
    session: &Session,
    actor: &Actor,
    kind: Option<Kind>,
    error: Option<String>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let lang = actor.lang;
    let other = match lang {
        Lang::Fr => Lang::En,
        Lang::En => Lang::Fr,
    };
    let kinds = Kind::ALL
        .into_iter()
        .map(|k| KindHelp {
            value: k.as_str(),
            label_key: format!("import-kind-{}", k.as_str()),
            checked: kind.unwrap_or(Kind::Buildings) == k,
            columns: k
                .columns()
                .iter()
                .map(|c| ColumnHelp {
                    header: c.header(lang),
                    other: c.header(other),
                    required: c.required,
                    alternative: c.alternative.and_then(|alt| {
                        k.columns()
                            .iter()
                            .find(|o| o.field == alt)
                            .map(|o| o.header(lang))
                    }),
                })
                .collect(),
        })
        .collect();
    let page = FormPage { kinds, error };
    let ctx = Page::of(session, actor, "import-title", "buildings", page);
    render_status(state, status, "import/form", &ctx)
}

/// The form again, saying why the file was refused: 413 when too large, else 422.
fn refused(
    state: &AppState,
    session: &Session,
    actor: &Actor,
    kind: Option<Kind>,
    e: &FileError,
) -> Result<HttpResponse, AppError> {
    let status = match e {
        FileError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let message = e.message(actor.lang, kind.unwrap_or(Kind::Buildings));
    form(state, session, actor, kind, Some(message), status)
}

#[derive(Serialize)]
struct PreviewPage {
    kind: &'static str,
    kind_label: String,
    headers: Vec<String>,
    ignored: Option<String>,
    rows: Vec<PreviewRow>,
    total: usize,
    with_errors: usize,
    hidden: usize,
    valid: bool,
    /// The text to import, carried by the confirmation form (only when valid).
    content: String,
}

#[derive(Serialize)]
struct PreviewRow {
    number: usize,
    values: Vec<String>,
    errors: Vec<String>,
}

/// Every row with errors (up to `SHOWN_ERRORS`) and the first few rows, in the file's order;
/// 200 with a confirmation form when the file is valid, 422 otherwise.
fn preview(
    state: &AppState,
    session: &Session,
    actor: &Actor,
    report: Report,
    text: String,
) -> Result<HttpResponse, AppError> {
    let lang = actor.lang;
    let (total, with_errors, valid) = (
        report.rows.len(),
        report.rows_with_errors(),
        report.is_valid(),
    );
    let mut errors_shown = 0;
    let rows: Vec<PreviewRow> = report
        .rows
        .into_iter()
        .enumerate()
        .filter(|(i, r)| {
            let show_error = !r.errors.is_empty() && errors_shown < SHOWN_ERRORS;
            errors_shown += usize::from(show_error);
            show_error || *i < SHOWN_VALID
        })
        .map(|(_, r)| PreviewRow {
            number: r.number,
            values: r.values,
            errors: r
                .errors
                .iter()
                .map(|e| {
                    let message = e.message(lang);
                    if e.column.is_empty() {
                        message
                    } else {
                        let args = [
                            ("column", e.column.clone().into()),
                            ("message", message.into()),
                        ];
                        t_args(lang, "import-row-error", &args)
                    }
                })
                .collect(),
        })
        .collect();
    let page = PreviewPage {
        kind: report.kind.as_str(),
        kind_label: t(lang, &format!("import-kind-{}", report.kind.as_str())),
        headers: report.headers,
        ignored: (!report.ignored.is_empty()).then(|| report.ignored.join(", ")),
        hidden: total - rows.len(),
        rows,
        total,
        with_errors,
        valid,
        content: if valid { text } else { String::new() },
    };
    let status = if valid {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let ctx = Page::of(session, actor, "import-preview-title", "buildings", page);
    render_status(state, status, "import/preview", &ctx)
}
