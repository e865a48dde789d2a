//! The NUL character is refused everywhere, the same on both databases: PostgreSQL rejects it in
//! text (a 500 once), SQLite stores it and cuts strings at it later. Query strings, forms and JSON
//! bodies that carry one are answered 422 naming the field, before any handler runs.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::{header, Method};
use actix_web::middleware::Next;
use actix_web::{web::Bytes, HttpMessage};
use futures_util::StreamExt;

use crate::domain::FieldErrors;
use crate::error::AppError;

/// Bodies larger than this are passed on unread: the extractors' own limits answer them (413).
const MAX_INSPECTED: usize = 1 << 20;

fn refused(field: &str) -> actix_web::Error {
    let mut e = FieldErrors::new();
    e.add(field, "err-nul-character");
    AppError::Validation(e).into()
}

/// The first field of url-encoded `text` whose name or value holds a NUL.
fn nul_in_form(text: &[u8]) -> Option<String> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(text).ok()?;
    pairs
        .into_iter()
        .find(|(k, v)| k.contains('\0') || v.contains('\0'))
        .map(|(k, _)| k.replace('\0', ""))
}

/// The path (`note`, `items.2.name`) of the first JSON string that holds a NUL.
fn nul_in_json(value: &serde_json::Value, path: &str) -> Option<String> {
    let at = |key: &str| match path.is_empty() {
        true => key.to_owned(),
        false => format!("{path}.{key}"),
    };
    match value {
        serde_json::Value::String(s) if s.contains('\0') => Some(path.to_owned()),
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| nul_in_json(v, &at(&i.to_string()))),
        serde_json::Value::Object(map) => map.iter().find_map(|(k, v)| match k.contains('\0') {
            true => Some(at(&k.replace('\0', ""))),
            false => nul_in_json(v, &at(k)),
        }),
        _ => None,
    }
}

enum Kind {
    Form,
    Json,
}

fn body_kind(req: &ServiceRequest) -> Option<Kind> {
    if !matches!(*req.method(), Method::POST | Method::PUT | Method::PATCH) {
        return None;
    }
    let ct = req.headers().get(header::CONTENT_TYPE)?.to_str().ok()?;
    if ct.starts_with("application/x-www-form-urlencoded") {
        Some(Kind::Form)
    } else if ct.starts_with("application/json") {
        Some(Kind::Json)
    } else {
        None
    }
}

/// Reads the body (up to the inspection limit), or `None` when it is larger.
async fn read_body(req: &mut ServiceRequest) -> Result<(Bytes, bool), actix_web::Error> {
    let mut payload = req.take_payload();
    let mut body = actix_web::web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        body.extend_from_slice(&chunk?);
        if body.len() > MAX_INSPECTED {
            // Too large to inspect: hand the rest on as it comes.
            let head = body.freeze();
            let rest = payload.map(|c| c);
            let stream = futures_util::stream::once(async move { Ok(head) }).chain(rest);
            req.set_payload(Payload::Stream {
                payload: Box::pin(stream),
            });
            return Ok((Bytes::new(), false));
        }
    }
    Ok((body.freeze(), true))
}

/// The middleware: refuses a NUL in the query string or in a form or JSON body.
pub async fn refuse_nul(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    // Answered as a response carrying the error (not as `Err`), so that the error middleware
    // around renders it as a page or a problem document.
    let refuse = |req: ServiceRequest, field: &str| Ok(req.error_response(refused(field)));
    let query = req.query_string();
    if query.contains("%00") || query.contains('\0') {
        let field = nul_in_form(query.as_bytes()).unwrap_or_else(|| "query".to_owned());
        return refuse(req, &field);
    }
    if let Some(kind) = body_kind(&req) {
        let (body, whole) = read_body(&mut req).await?;
        if whole {
            let found = match kind {
                Kind::Form => nul_in_form(&body),
                Kind::Json => serde_json::from_slice::<serde_json::Value>(&body)
                    .ok()
                    .and_then(|v| nul_in_json(&v, "")),
            };
            if let Some(field) = found {
                return refuse(req, if field.is_empty() { "body" } else { &field });
            }
            req.set_payload(Payload::from(body));
        }
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_field_holding_a_nul_is_named() {
        assert_eq!(nul_in_form(b"a=1&note=x%00y"), Some("note".to_owned()));
        assert_eq!(nul_in_form(b"a=1&note=xy"), None);
        let json: serde_json::Value =
            serde_json::from_str(r#"{"a": 1, "items": [{"name": "ok"}, {"name": "x\u0000"}]}"#)
                .unwrap_or_default();
        assert_eq!(nul_in_json(&json, ""), Some("items.1.name".to_owned()));
    }
}
