//! The archive's parts about what the tenant took part in: requests (with their steps and the
//! list of their photos) and workshops (registrations and attendance).

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::ArchiveFile;
use crate::db::schema::{
    request_categories, request_events, request_photos, requests, workshop_attendance,
    workshop_registrations, workshop_sessions, workshops,
};
use crate::db::DbConnection;
use crate::error::AppError;
use crate::privacy::TenantRef;
use crate::web::csv::CsvExport;

fn moment(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

#[derive(Debug, Serialize, Queryable)]
struct Step {
    #[serde(skip)]
    request_id: i64,
    at: NaiveDateTime,
    kind: String,
    from_status: String,
    to_status: String,
    body: String,
    visible_to_tenant: bool,
}

#[derive(Debug, Serialize, Queryable)]
struct Photo {
    #[serde(skip)]
    request_id: i64,
    id: i64,
    content_type: String,
    size_bytes: i32,
    created_at: NaiveDateTime,
}

#[derive(Debug, Serialize, Queryable)]
struct RequestFile {
    id: i64,
    created_at: NaiveDateTime,
    category: String,
    urgency: String,
    status: String,
    description: String,
    referral_resource: String,
    referral_contact: String,
    resolved_at: Option<NaiveDateTime>,
    closed_at: Option<NaiveDateTime>,
    followup_answer: String,
}

/// A request with its steps and photos, as the JSON file holds it.
#[derive(Debug, Serialize)]
struct RequestWithSteps<'a> {
    #[serde(flatten)]
    request: &'a RequestFile,
    steps: Vec<&'a Step>,
    photos: Vec<&'a Photo>,
}

fn load_requests(conn: &mut DbConnection, t: &TenantRef) -> Result<Vec<RequestFile>, AppError> {
    Ok(requests::table
        .inner_join(request_categories::table)
        .filter(requests::tenant_id.eq(t.id.get()))
        .filter(requests::office_id.eq(t.office_id))
        .order(requests::id)
        .select((
            requests::id,
            requests::created_at,
            request_categories::name,
            requests::urgency,
            requests::status,
            requests::description,
            requests::referral_resource,
            requests::referral_contact,
            requests::resolved_at,
            requests::closed_at,
            requests::followup_answer,
        ))
        .load(conn)?)
}

fn load_steps(conn: &mut DbConnection, ids: &[i64]) -> Result<Vec<Step>, AppError> {
    Ok(request_events::table
        .filter(request_events::request_id.eq_any(ids))
        .order((
            request_events::request_id,
            request_events::created_at,
            request_events::id,
        ))
        .select((
            request_events::request_id,
            request_events::created_at,
            request_events::kind,
            request_events::from_status,
            request_events::to_status,
            request_events::body,
            request_events::visible_to_tenant,
        ))
        .load(conn)?)
}

fn load_photos(conn: &mut DbConnection, ids: &[i64]) -> Result<Vec<Photo>, AppError> {
    Ok(request_photos::table
        .filter(request_photos::request_id.eq_any(ids))
        .order(request_photos::id)
        .select((
            request_photos::request_id,
            request_photos::id,
            request_photos::content_type,
            request_photos::size_bytes,
            request_photos::created_at,
        ))
        .load(conn)?)
}

/// The requests, their steps and their photos as three spreadsheets.
fn request_sheets(
    list: &[RequestFile],
    steps: &[Step],
    photos: &[Photo],
) -> Result<Vec<ArchiveFile>, AppError> {
    let mut doc = CsvExport::new(&[
        "numero",
        "creee_le",
        "categorie",
        "urgence",
        "statut",
        "description",
        "fermee_le",
    ])?;
    for r in list {
        doc.row([
            r.id.to_string(),
            moment(r.created_at),
            r.category.clone(),
            r.urgency.clone(),
            r.status.clone(),
            r.description.clone(),
            r.closed_at.map(moment).unwrap_or_default(),
        ])?;
    }
    let mut step_doc = CsvExport::new(&["demande", "moment", "etape", "de", "vers", "texte"])?;
    for s in steps {
        step_doc.row([
            s.request_id.to_string(),
            moment(s.at),
            s.kind.clone(),
            s.from_status.clone(),
            s.to_status.clone(),
            s.body.clone(),
        ])?;
    }
    let mut photo_doc = CsvExport::new(&["demande", "photo", "type", "octets", "ajoutee_le"])?;
    for p in photos {
        photo_doc.row([
            p.request_id.to_string(),
            p.id.to_string(),
            p.content_type.clone(),
            p.size_bytes.to_string(),
            moment(p.created_at),
        ])?;
    }
    Ok(vec![
        ArchiveFile::csv("requests/requests.csv", doc)?,
        ArchiveFile::csv("requests/steps.csv", step_doc)?,
        ArchiveFile::csv("requests/photos.csv", photo_doc)?,
    ])
}

pub fn requests(conn: &mut DbConnection, t: &TenantRef) -> Result<Vec<ArchiveFile>, AppError> {
    let list = load_requests(conn, t)?;
    let ids: Vec<i64> = list.iter().map(|r| r.id).collect();
    let steps = load_steps(conn, &ids)?;
    let photos = load_photos(conn, &ids)?;
    let mut by_request: BTreeMap<i64, (Vec<&Step>, Vec<&Photo>)> = BTreeMap::new();
    steps
        .iter()
        .for_each(|s| by_request.entry(s.request_id).or_default().0.push(s));
    photos
        .iter()
        .for_each(|p| by_request.entry(p.request_id).or_default().1.push(p));
    let nested: Vec<RequestWithSteps<'_>> = list
        .iter()
        .map(|r| {
            let (steps, photos) = by_request.remove(&r.id).unwrap_or_default();
            RequestWithSteps {
                request: r,
                steps,
                photos,
            }
        })
        .collect();
    let mut files = vec![ArchiveFile::json("requests/requests.json", &nested)?];
    files.extend(request_sheets(&list, &steps, &photos)?);
    Ok(files)
}

#[derive(Debug, Serialize, Queryable)]
struct Registration {
    workshop: String,
    session_starts_at: Option<NaiveDateTime>,
    status: String,
    channel: String,
    created_at: NaiveDateTime,
}

#[derive(Debug, Serialize, Queryable)]
struct Attendance {
    workshop: String,
    session_starts_at: NaiveDateTime,
    status: String,
    recorded_at: NaiveDateTime,
}

pub fn workshops(conn: &mut DbConnection, t: &TenantRef) -> Result<Vec<ArchiveFile>, AppError> {
    let registrations: Vec<Registration> = workshop_registrations::table
        .inner_join(workshops::table.on(workshops::id.eq(workshop_registrations::workshop_id)))
        .left_join(
            workshop_sessions::table.on(workshop_sessions::id
                .nullable()
                .eq(workshop_registrations::session_id)),
        )
        .filter(workshop_registrations::tenant_id.eq(t.id.get()))
        .order(workshop_registrations::id)
        .select((
            workshops::title,
            workshop_sessions::starts_at.nullable(),
            workshop_registrations::status,
            workshop_registrations::channel,
            workshop_registrations::created_at,
        ))
        .load(conn)?;
    let attendance: Vec<Attendance> = workshop_attendance::table
        .inner_join(workshop_sessions::table.inner_join(workshops::table))
        .filter(workshop_attendance::tenant_id.eq(t.id.get()))
        .order(workshop_sessions::starts_at)
        .select((
            workshops::title,
            workshop_sessions::starts_at,
            workshop_attendance::status,
            workshop_attendance::recorded_at,
        ))
        .load(conn)?;
    let mut reg_doc = CsvExport::new(&["atelier", "seance", "statut", "moyen", "inscrit_le"])?;
    for r in &registrations {
        reg_doc.row([
            r.workshop.clone(),
            r.session_starts_at.map(moment).unwrap_or_default(),
            r.status.clone(),
            r.channel.clone(),
            moment(r.created_at),
        ])?;
    }
    let mut att_doc = CsvExport::new(&["atelier", "seance", "presence"])?;
    for a in &attendance {
        att_doc.row([
            a.workshop.clone(),
            moment(a.session_starts_at),
            a.status.clone(),
        ])?;
    }
    Ok(vec![
        ArchiveFile::json("workshops/registrations.json", &registrations)?,
        ArchiveFile::csv("workshops/registrations.csv", reg_doc)?,
        ArchiveFile::json("workshops/attendance.json", &attendance)?,
        ArchiveFile::csv("workshops/attendance.csv", att_doc)?,
    ])
}
