//! Request photos: up to five JPEG, PNG or WebP images per request, recognised by their first bytes
//! (not their name), under a size limit, stored as files under `uploads.dir` (not in the database)
//! and served only to those who may see the request. A file is written before the transaction
//! that records it, and removed again if that transaction fails.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use actix_multipart::Multipart;
use actix_session::Session;
use actix_web::http::header;
use actix_web::HttpResponse;
use diesel::RunQueryDsl;
use futures_util::StreamExt;
use rand::Rng;

use super::{queries, NewPhoto};
use crate::access::{Actor, Caller};
use crate::db::schema::request_photos;
use crate::db::{now, DbConnection};
use crate::domain::ids::{OfficeId, PhotoId, RequestId};
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::csrf;

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

/// An uploaded file recognised as a photo.
#[derive(Debug)]
pub struct Photo {
    pub data: Vec<u8>,
    pub content_type: &'static str,
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

fn too_many(errors: &mut FieldErrors) {
    errors.add_limit("photos", "err-request-too-many-photos", MAX_PHOTOS as i64);
}

/// Checks the files: images only, each under the limit, at most `MAX_PHOTOS` with the `existing`.
pub fn check(files: Vec<UploadedFile>, existing: usize, errors: &mut FieldErrors) -> Vec<Photo> {
    if files.len() + existing > MAX_PHOTOS {
        too_many(errors);
        return Vec::new();
    }
    let mut ok = Vec::new();
    for f in files {
        if f.too_large {
            errors.add("photos", "err-request-photo-too-large");
        } else if let Some(content_type) = sniff(&f.data) {
            ok.push(Photo {
                data: f.data,
                content_type,
            });
        } else {
            errors.add("photos", "err-request-photo-not-image");
        }
    }
    ok
}

fn office_dir(dir: &str, office_id: OfficeId) -> PathBuf {
    Path::new(dir).join(format!("office-{office_id}"))
}

/// Photos written to disk for one request, to record in its transaction (or remove again).
pub struct Stored {
    dir: String,
    office_id: OfficeId,
    photos: Vec<(String, &'static str, i32)>,
}

impl Stored {
    /// Writes the photos' files under `dir` (before the transaction that records them).
    pub fn write(dir: &str, office_id: OfficeId, photos: &[Photo]) -> Result<Stored, AppError> {
        let folder = office_dir(dir, office_id);
        let mut stored = Stored {
            dir: dir.to_owned(),
            office_id,
            photos: Vec::new(),
        };
        if photos.is_empty() {
            return Ok(stored);
        }
        std::fs::create_dir_all(&folder).map_err(AppError::internal)?;
        for p in photos {
            let bytes: [u8; 16] = rand::thread_rng().gen();
            let name: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
            if let Err(e) = std::fs::write(folder.join(&name), &p.data) {
                stored.remove();
                return Err(AppError::internal(e));
            }
            stored
                .photos
                .push((name, p.content_type, p.data.len() as i32));
        }
        Ok(stored)
    }

    /// How many photos were written.
    pub fn len(&self) -> usize {
        self.photos.len()
    }

    pub fn is_empty(&self) -> bool {
        self.photos.is_empty()
    }

    /// Removes the files again (the transaction that was to record them failed).
    pub fn remove(&self) {
        let folder = office_dir(&self.dir, self.office_id);
        for (name, _, _) in &self.photos {
            let _ = std::fs::remove_file(folder.join(name));
        }
    }

    /// Records the files as photos of request `request_id`, uploaded by `actor`.
    pub fn insert(
        &self,
        conn: &mut DbConnection,
        actor: &Actor,
        request_id: RequestId,
    ) -> Result<(), AppError> {
        for (stored_name, content_type, size_bytes) in &self.photos {
            diesel::insert_into(request_photos::table)
                .values(NewPhoto {
                    request_id,
                    office_id: actor.office_id,
                    stored_name,
                    content_type,
                    size_bytes: *size_bytes,
                    uploaded_by: actor.user_id,
                    created_at: now(),
                })
                .execute(conn)?;
        }
        Ok(())
    }
}

/// Adds photos to a request the caller may see: checks them against those it has, writes the
/// files, and records them in one transaction which then runs `then` (the files are removed again
/// if it fails).
pub async fn add<T, F>(
    state: &AppState,
    caller: Caller,
    request_id: RequestId,
    files: Vec<UploadedFile>,
    then: F,
) -> Result<(Actor, T), AppError>
where
    F: FnOnce(&mut DbConnection, &Actor) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    let (actor, existing) = state
        .read(caller.clone(), move |c, actor| {
            queries::find_for_photos(c, actor, request_id)?;
            Ok(queries::photo_ids(c, request_id)?.len())
        })
        .await?;
    let mut errors = FieldErrors::new();
    if files.is_empty() {
        errors.add("photos", "err-required");
    }
    let photos = check(files, existing, &mut errors);
    errors.into_result(())?;
    let stored = Stored::write(&state.settings.uploads.dir, actor.office_id, &photos)?;
    let stored = std::sync::Arc::new(stored);
    let recorded = stored.clone();
    let result = state
        .write(caller, move |c, actor| {
            queries::find_for_photos(c, actor, request_id)?;
            if queries::photo_ids(c, request_id)?.len() + recorded.len() > MAX_PHOTOS {
                let mut e = FieldErrors::new();
                too_many(&mut e);
                return Err(e.into());
            }
            recorded.insert(c, actor, request_id)?;
            then(c, actor)
        })
        .await;
    if result.is_err() {
        stored.remove();
    }
    result
}

/// A photo of a request the caller may see (the page's and the API's answer alike), its file read
/// in the same blocking call as the database.
pub async fn load(
    state: &AppState,
    caller: Caller,
    request_id: RequestId,
    photo_id: PhotoId,
) -> Result<HttpResponse, AppError> {
    let dir = state.settings.uploads.dir.clone();
    let (_, (data, content_type)) = state
        .read(caller, move |c, actor| {
            queries::find_for_photos(c, actor, request_id)?;
            let (name, content_type) = queries::photo_file(c, request_id, photo_id)?;
            let data = std::fs::read(office_dir(&dir, actor.office_id).join(name))
                .map_err(|_| AppError::NotFound)?;
            Ok((data, content_type))
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::CACHE_CONTROL, "private, max-age=3600"))
        .body(data))
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
