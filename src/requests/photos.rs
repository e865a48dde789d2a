//! Request photos: up to five JPEG, PNG or WebP images per request, recognised by their first bytes
//! (not their name), under a size limit, stored as files under `uploads.dir` (not in the database)
//! and served only to those who may see the request.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use actix_multipart::Multipart;
use actix_session::Session;
use actix_web::http::header;
use actix_web::{get, web, HttpResponse};
use diesel::prelude::*;
use futures_util::StreamExt;
use rand::Rng;

use super::{store, Viewer};
use crate::db::schema::request_photos;
use crate::db::{now, DbConnection};
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{csrf, CurrentUser};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(show_photo);
}

/// Most photos a request may have.
pub const MAX_PHOTOS: usize = 5;

/// The image type of `bytes`, from their signature.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// One uploaded file, kept only while under the size limit.
#[derive(Debug, Default)]
pub struct UploadedFile {
    pub data: Vec<u8>,
    pub too_large: bool,
}

/// The text fields and the files (field `photos`) of a multipart form.
#[derive(Debug, Default)]
pub struct MultipartForm {
    pub fields: BTreeMap<String, String>,
    pub files: Vec<UploadedFile>,
}

impl MultipartForm {
    pub fn get(&self, name: &str) -> Option<String> {
        self.fields.get(name).cloned()
    }
}

/// Reads a multipart form: text fields (up to 16 KB each) and `photos` files (each up to
/// `max_photo_bytes`, read to the end but not kept beyond it, so the answer is a message rather than
/// a reset connection). The whole body is capped at a few photos' worth.
pub async fn read_form(
    mut body: Multipart,
    max_photo_bytes: usize,
) -> Result<MultipartForm, AppError> {
    let bad = |_| AppError::BadRequest("err-bad-form");
    let cap_total = max_photo_bytes * (MAX_PHOTOS + 3) + (1 << 20);
    let mut form = MultipartForm::default();
    let mut received = 0usize;
    while let Some(field) = body.next().await {
        let mut field = field.map_err(bad)?;
        let name = field.name().unwrap_or("").to_owned();
        let is_file = name == "photos" || name == "photo";
        let cap = if is_file { max_photo_bytes } else { 16 * 1024 };
        let (mut buf, mut over) = (Vec::new(), false);
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(bad)?;
            received += chunk.len();
            if received > cap_total {
                return Err(AppError::TooLarge);
            }
            over |= buf.len() + chunk.len() > cap;
            if !over {
                buf.extend_from_slice(&chunk);
            }
        }
        if is_file {
            // A file input left empty still sends an empty part.
            if !buf.is_empty() || over {
                form.files.push(UploadedFile {
                    data: buf,
                    too_large: over,
                });
            }
        } else {
            form.fields
                .insert(name, String::from_utf8_lossy(&buf).into_owned());
        }
    }
    Ok(form)
}

/// Like [`read_form`], for pages: the `_csrf` field must match the session's.
pub async fn read_page_form(
    body: Multipart,
    max_photo_bytes: usize,
    session: &Session,
) -> Result<MultipartForm, AppError> {
    let form = read_form(body, max_photo_bytes).await?;
    if !csrf::verify(session, form.fields.get("_csrf").map_or("", String::as_str)) {
        return Err(AppError::Csrf);
    }
    Ok(form)
}

/// Checks the files: images only, each under the limit, at most `MAX_PHOTOS` with the `existing`.
pub fn check(
    files: Vec<UploadedFile>,
    existing: usize,
    errors: &mut FieldErrors,
) -> Vec<(Vec<u8>, &'static str)> {
    if files.len() + existing > MAX_PHOTOS {
        errors.add_limit("photos", "err-request-too-many-photos", MAX_PHOTOS as i64);
        return Vec::new();
    }
    let mut ok = Vec::new();
    for f in files {
        if f.too_large {
            errors.add("photos", "err-request-photo-too-large");
        } else if let Some(ct) = sniff(&f.data) {
            ok.push((f.data, ct));
        } else {
            errors.add("photos", "err-request-photo-not-image");
        }
    }
    ok
}

fn office_dir(dir: &str, office_id: i64) -> PathBuf {
    Path::new(dir).join(format!("office-{office_id}"))
}

/// Writes the photos' files (before the transaction); their stored names. On a later failure the
/// caller removes them with [`remove_files`].
pub fn write_files(
    dir: &str,
    office_id: i64,
    photos: &[(Vec<u8>, &'static str)],
) -> Result<Vec<String>, AppError> {
    let folder = office_dir(dir, office_id);
    std::fs::create_dir_all(&folder).map_err(AppError::internal)?;
    let mut names = Vec::new();
    for (data, _) in photos {
        let bytes: [u8; 16] = rand::thread_rng().gen();
        let name: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        if let Err(e) = std::fs::write(folder.join(&name), data) {
            remove_files(dir, office_id, &names);
            return Err(AppError::internal(e));
        }
        names.push(name);
    }
    Ok(names)
}

pub fn remove_files(dir: &str, office_id: i64, names: &[String]) {
    for n in names {
        let _ = std::fs::remove_file(office_dir(dir, office_id).join(n));
    }
}

/// Records written files as photos of request `request_id`.
pub fn insert(
    conn: &mut DbConnection,
    viewer: &Viewer,
    request_id: i64,
    photos: &[(Vec<u8>, &'static str)],
    names: &[String],
) -> Result<(), AppError> {
    for ((data, ct), name) in photos.iter().zip(names) {
        diesel::insert_into(request_photos::table)
            .values((
                request_photos::request_id.eq(request_id),
                request_photos::office_id.eq(viewer.office_id),
                request_photos::stored_name.eq(name),
                request_photos::content_type.eq(*ct),
                request_photos::size_bytes.eq(data.len() as i32),
                request_photos::uploaded_by.eq(viewer.user_id),
                request_photos::created_at.eq(now()),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Adds photos to a request the viewer may see: checks them, writes the files, records them in one
/// transaction (the files are removed again if it fails). Returns how many were added.
pub async fn add(
    state: &AppState,
    user: &CurrentUser,
    request_id: i64,
    files: Vec<UploadedFile>,
) -> Result<usize, AppError> {
    let u = user.clone();
    let existing = state
        .db(move |c| {
            let v = Viewer::load(c, &u)?;
            store::find(c, &v, request_id)?;
            Ok(store::photos(c, request_id)?.len())
        })
        .await?;
    let mut errors = FieldErrors::new();
    if files.is_empty() {
        errors.add("photos", "err-required");
    }
    let photos = check(files, existing, &mut errors);
    errors.into_result(())?;
    let dir = state.settings.uploads.dir.clone();
    let names = write_files(&dir, user.office_id, &photos)?;
    let (u, n) = (user.clone(), names.clone());
    let count = photos.len();
    let result = state
        .db_tx(move |c| {
            let v = Viewer::load(c, &u)?;
            store::find(c, &v, request_id)?;
            if store::photos(c, request_id)?.len() + photos.len() > MAX_PHOTOS {
                let mut e = FieldErrors::new();
                e.add_limit("photos", "err-request-too-many-photos", MAX_PHOTOS as i64);
                return Err(e.into());
            }
            insert(c, &v, request_id, &photos, &n)
        })
        .await;
    if result.is_err() {
        remove_files(&dir, user.office_id, &names);
    }
    result.map(|()| count)
}

/// The bytes and type of a photo of a request the viewer may see.
pub async fn load(
    state: &AppState,
    user: &CurrentUser,
    request_id: i64,
    photo_id: i64,
) -> Result<HttpResponse, AppError> {
    let u = user.clone();
    let (name, ct) = state
        .db(move |c| {
            let v = Viewer::load(c, &u)?;
            store::find(c, &v, request_id)?;
            Ok(request_photos::table
                .filter(request_photos::id.eq(photo_id))
                .filter(request_photos::request_id.eq(request_id))
                .select((request_photos::stored_name, request_photos::content_type))
                .first::<(String, String)>(c)?)
        })
        .await?;
    let path = office_dir(&state.settings.uploads.dir, user.office_id).join(name);
    let data = web::block(move || std::fs::read(path))
        .await?
        .map_err(|_| AppError::NotFound)?;
    Ok(HttpResponse::Ok()
        .content_type(ct)
        .insert_header((header::CACHE_CONTROL, "private, max-age=3600"))
        .body(data))
}

#[get("/requests/{id:\\d+}/photos/{photo:\\d+}")]
async fn show_photo(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (id, photo) = path.into_inner();
    load(&state, &user, id, photo).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photos_are_recognised_by_their_first_bytes_not_their_name() {
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0]), Some("image/jpeg"));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(sniff(b"RIFF\x10\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(sniff(b"GIF89a"), None);
        assert_eq!(sniff(b"<svg xmlns="), None);
        let mut e = FieldErrors::new();
        let files = (0..6).map(|_| UploadedFile::default()).collect();
        assert!(check(files, 0, &mut e).is_empty());
        assert!(!e.is_empty(), "six photos are too many");
    }
}
