//! The archive's parts about the tenant's own file: the registry (the tenant, the dwelling and
//! the building), consents, and who consulted the file.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use super::ArchiveFile;
use crate::db::schema::{access_log, buildings, dwellings, tenants, users};
use crate::db::DbConnection;
use crate::error::AppError;
use crate::privacy::consents::queries::history;
use crate::privacy::TenantRef;
use crate::web::csv::CsvExport;

fn day(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn moment(t: Option<NaiveDateTime>) -> String {
    t.map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string())
        .unwrap_or_default()
}

/// The tenant's registry file, with the dwelling and building.
#[derive(Debug, Serialize, Queryable)]
struct RegistryFile {
    tenant_id: i64,
    first_name: String,
    last_name: String,
    language: String,
    phone: String,
    email: String,
    household_size: i32,
    move_in: Option<NaiveDate>,
    move_out: Option<NaiveDate>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    dwelling_number: String,
    bedrooms: i32,
    adapted: bool,
    building: String,
    address: String,
    municipality: String,
    postal_code: String,
}

pub fn registry(conn: &mut DbConnection, t: &TenantRef) -> Result<Vec<ArchiveFile>, AppError> {
    let f: RegistryFile = tenants::table
        .inner_join(dwellings::table.inner_join(buildings::table))
        .filter(tenants::id.eq(t.id))
        .select((
            tenants::id,
            tenants::first_name,
            tenants::last_name,
            tenants::language,
            tenants::phone,
            tenants::email,
            tenants::household_size,
            tenants::move_in,
            tenants::move_out,
            tenants::created_at,
            tenants::updated_at,
            dwellings::number,
            dwellings::bedrooms,
            dwellings::adapted,
            buildings::name,
            buildings::address,
            buildings::municipality,
            buildings::postal_code,
        ))
        .first(conn)?;
    let mut doc = CsvExport::new(&[
        "prenom",
        "nom",
        "langue",
        "telephone",
        "courriel",
        "menage",
        "arrivee",
        "depart",
        "logement",
        "immeuble",
        "adresse",
        "municipalite",
        "code_postal",
    ])?;
    doc.row([
        f.first_name.clone(),
        f.last_name.clone(),
        f.language.clone(),
        f.phone.clone(),
        f.email.clone(),
        f.household_size.to_string(),
        day(f.move_in),
        day(f.move_out),
        f.dwelling_number.clone(),
        f.building.clone(),
        f.address.clone(),
        f.municipality.clone(),
        f.postal_code.clone(),
    ])?;
    Ok(vec![
        ArchiveFile::json("registry/tenant.json", &f)?,
        ArchiveFile::csv("registry/tenant.csv", doc)?,
    ])
}

pub fn consents(conn: &mut DbConnection, t: &TenantRef) -> Result<Vec<ArchiveFile>, AppError> {
    let lines = history(conn, t.id)?;
    let mut doc = CsvExport::new(&[
        "moment",
        "objet",
        "partenaire",
        "decision",
        "moyen",
        "par",
        "expire_le",
        "note",
    ])?;
    for l in &lines {
        let e = &l.event;
        doc.row([
            moment(Some(e.at)),
            e.purpose.to_string(),
            e.partner.clone(),
            e.decision.to_string(),
            e.how.to_string(),
            if e.by_tenant {
                "locataire".to_owned()
            } else {
                l.recorded_by_name.clone()
            },
            day(e.expires_on),
            e.note.clone(),
        ])?;
    }
    let events: Vec<_> = lines.into_iter().map(|l| l.event).collect();
    Ok(vec![
        ArchiveFile::json("consents/history.json", &events)?,
        ArchiveFile::csv("consents/history.csv", doc)?,
    ])
}

#[derive(Debug, Serialize, Queryable)]
struct Consulted {
    at: NaiveDateTime,
    person: String,
    role: String,
    channel: String,
}

pub fn access_log(conn: &mut DbConnection, t: &TenantRef) -> Result<Vec<ArchiveFile>, AppError> {
    let rows: Vec<Consulted> = access_log::table
        .inner_join(users::table)
        .filter(access_log::office_id.eq(t.office_id))
        .filter(access_log::record_kind.eq("tenant"))
        .filter(access_log::record_id.eq(t.id.get()))
        .order((access_log::at.desc(), access_log::id.desc()))
        .select((
            access_log::at,
            users::display_name,
            users::role,
            access_log::channel,
        ))
        .load(conn)?;
    let mut doc = CsvExport::new(&["moment", "personne", "role", "canal"])?;
    for r in &rows {
        doc.row([
            moment(Some(r.at)),
            r.person.clone(),
            r.role.clone(),
            r.channel.clone(),
        ])?;
    }
    Ok(vec![
        ArchiveFile::json("access_log/consultations.json", &rows)?,
        ArchiveFile::csv("access_log/consultations.csv", doc)?,
    ])
}
