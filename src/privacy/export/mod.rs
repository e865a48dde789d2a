//! A person's own data (Law 25, right of access and portability): everything Passerelle holds
//! about one tenant, as one ZIP archive of JSON files (structured, complete) and CSV files (for a
//! spreadsheet), with a short README in the tenant's language. Administrators download it from the
//! tenant's privacy page; the download is logged as a read of the tenant's file.
//!
//! Each capability contributes a [`Part`]: a function writing its files about the tenant. [`PARTS`]
//! is the one list — a later capability (individual case files) adds its part there, nothing else.

mod activity;
pub mod pages;
mod parts;

use std::io::Write;

use chrono::{Datelike, Timelike};
use serde::Serialize;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::access::log::{read_one, Channel, RecordKind};
use crate::access::Actor;
use crate::db::DbConnection;
use crate::domain::ids::TenantId;
use crate::domain::roles::Action;
use crate::error::AppError;
use crate::i18n::t;
use crate::privacy::{find_tenant, TenantRef};
use crate::web::csv::CsvExport;
use crate::web::format::local_time;

/// One file of the archive.
#[derive(Debug, Clone)]
pub struct ArchiveFile {
    /// Its path inside the archive (`requests/requests.json`).
    pub name: String,
    pub bytes: Vec<u8>,
}

impl ArchiveFile {
    /// `value` as indented JSON.
    pub fn json(name: &str, value: &impl Serialize) -> Result<ArchiveFile, AppError> {
        Ok(ArchiveFile {
            name: name.to_owned(),
            bytes: serde_json::to_vec_pretty(value).map_err(AppError::internal)?,
        })
    }

    /// A finished CSV document.
    pub fn csv(name: &str, doc: CsvExport) -> Result<ArchiveFile, AppError> {
        Ok(ArchiveFile {
            name: name.to_owned(),
            bytes: doc.finish()?,
        })
    }
}

/// What a part writes about `tenant` (already found within the actor's office).
pub type Collect = fn(&mut DbConnection, &TenantRef) -> Result<Vec<ArchiveFile>, AppError>;

/// A capability's share of the archive.
pub struct Part {
    /// Its folder in the archive.
    pub name: &'static str,
    pub collect: Collect,
}

/// Every part, in archive order.
pub const PARTS: &[Part] = &[
    Part {
        name: "registry",
        collect: parts::registry,
    },
    Part {
        name: "consents",
        collect: parts::consents,
    },
    Part {
        name: "requests",
        collect: activity::requests,
    },
    Part {
        name: "workshops",
        collect: activity::workshops,
    },
    Part {
        name: "access_log",
        collect: parts::access_log,
    },
];

/// The files of `tenant`'s archive: every part's, then the README.
pub fn files(conn: &mut DbConnection, tenant: &TenantRef) -> Result<Vec<ArchiveFile>, AppError> {
    let mut all = Vec::new();
    for part in PARTS {
        all.extend((part.collect)(conn, tenant)?);
    }
    let lang = tenant.lang();
    let folders: Vec<String> = PARTS
        .iter()
        .map(|p| {
            format!(
                "- {}/ : {}",
                p.name,
                t(lang, &format!("export-part-{}", p.name))
            )
        })
        .collect();
    let readme = format!(
        "{}\n\n{}\n",
        t(lang, "export-readme-intro"),
        folders.join("\n")
    );
    all.push(ArchiveFile {
        name: "LISEZ-MOI_README.txt".into(),
        bytes: readme.into_bytes(),
    });
    Ok(all)
}

/// `files` as one ZIP archive (deflated), each dated `at` (UTC, written as Montréal time).
pub fn zip(files: &[ArchiveFile], at: chrono::NaiveDateTime) -> Result<Vec<u8>, AppError> {
    let local = local_time(at);
    let stamp = zip::DateTime::from_date_and_time(
        u16::try_from(local.year()).unwrap_or(1980),
        local.month() as u8,
        local.day() as u8,
        local.hour() as u8,
        local.minute() as u8,
        local.second() as u8,
    )
    .unwrap_or_default();
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(stamp);
    let mut writer = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for f in files {
        writer
            .start_file(f.name.as_str(), options)
            .map_err(AppError::internal)?;
        writer.write_all(&f.bytes).map_err(AppError::internal)?;
    }
    Ok(writer.finish().map_err(AppError::internal)?.into_inner())
}

/// The archive of `tenant` for `actor` (administrators; 404 for another office's tenant), the
/// download logged as a read of the tenant's file. Answers the tenant too, for the file name.
pub fn archive(
    conn: &mut DbConnection,
    actor: &Actor,
    tenant: TenantId,
) -> Result<(TenantRef, Vec<u8>), AppError> {
    actor.require(Action::ManagePrivacy)?;
    let t = find_tenant(conn, actor, tenant)?;
    read_one(conn, actor, Channel::Archive, RecordKind::Tenant, tenant)?;
    let all = files(conn, &t)?;
    Ok((t, zip(&all, crate::db::now())?))
}
