//! The demo data generator (`passerelle demo --scale small|large|network`): realistic Quebec French
//! offices, buildings, dwellings, tenants, accounts and three years of practice journal, at the three
//! scales of DOMAIN.md section 9, the same for the same seed.
//!
//! Rows are built in memory (`gen`, `registry`, `buildings`, `tenants`, `journal`), then written by multi-row
//! inserts (`store`) in ONE write transaction: a failed run leaves the database as it was, so it can
//! simply be run again (a filled database is refused). Later capabilities add their history as one
//! more step of `generate`.

mod buildings;
mod gen;
mod journal;
mod places;
mod registry;
mod requests;
mod store;
mod tenants;
mod words;
mod workshops;

use std::fmt::Write as _;
use std::time::Instant;

use diesel::prelude::*;
use rand::SeedableRng;

use crate::accounts::password;
use crate::db::schema::offices;
use crate::db::{now, write_tx, DbConnection};
use gen::Gen;
use registry::account_email;

pub use registry::DOMAIN;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    Small,
    Large,
    Network,
}

impl Scale {
    pub fn parse(s: &str) -> anyhow::Result<Scale> {
        match s {
            "small" => Ok(Scale::Small),
            "large" => Ok(Scale::Large),
            "network" => Ok(Scale::Network),
            other => anyhow::bail!("unknown scale {other}: small, large or network"),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Scale::Small => "small",
            Scale::Large => "large",
            Scale::Network => "network",
        }
    }
}

/// Fills an empty database with demo data and returns the report to print: rows per table, time
/// taken, the demo accounts and their password. Refuses a database that already has an office.
pub fn generate(
    conn: &mut DbConnection,
    scale: Scale,
    password: &str,
    seed: u64,
) -> anyhow::Result<String> {
    let started = Instant::now();
    if password.chars().count() < password::MIN_LEN {
        anyhow::bail!(
            "the demo password must have at least {} characters",
            password::MIN_LEN
        );
    }
    let password_hash = password::hash(password)?;
    let (offices_made, built, written) = write_tx(conn, |c| -> anyhow::Result<_> {
        let existing: i64 = offices::table.count().get_result(c)?;
        if existing > 0 {
            anyhow::bail!(
                "this database already holds {existing} office(s): demo data only goes into an \
                 empty database (point PASSERELLE__DATABASE__URL at a new file or database)"
            );
        }
        let mut gen = Gen {
            rng: rand::rngs::StdRng::seed_from_u64(seed),
            now: now(),
            today: now().date(),
            ids: store::next_ids(c)?,
            data: store::Dataset::default(),
            password_hash,
            request_years: if scale == Scale::Network { 1 } else { 3 },
        };
        let plans = match scale {
            Scale::Small => places::small(),
            Scale::Large => places::large(),
            Scale::Network => places::network(&mut gen.rng),
        };
        let mut activities = workshops::WorkshopData::new(c)?;
        let mut made = Vec::new();
        for (i, plan) in plans.iter().enumerate() {
            let office = gen.office(i + 1, plan)?;
            gen.tenants(&office);
            gen.journal(&office, plan.dwellings);
            gen.workshops(&office, &mut activities);
            made.push(office);
        }
        let built = started.elapsed();
        store::insert(c, &gen.data)?;
        workshops::insert(c, &activities)?;
        // Requests are written as they are made (there are too many to hold).
        let requests = requests::generate(c, &mut gen, &made)?;
        Ok((plans.len(), (gen.data, activities, requests), built))
    })?;
    // A bulk load leaves the query planners without statistics (SQLite then walks all of an
    // office's tenants to find one building's), and PostgreSQL's request queues need the
    // visibility map a vacuum sets.
    crate::db::bulk::after_load(conn, &["requests", "request_events"])?;
    let (data, activities, (requests, request_events)) = built;
    let mut out = report(&Run {
        scale,
        seed,
        password,
        offices: offices_made,
        data: &data,
        activities: &activities,
        built: written,
        total: started.elapsed(),
    });
    let _ = write!(
        out,
        "\n  {:<16} {requests:>8}\n  {:<16} {request_events:>8}",
        "requests", "request_events"
    );
    Ok(out)
}

/// What one run made, for its report.
struct Run<'a> {
    scale: Scale,
    seed: u64,
    password: &'a str,
    offices: usize,
    data: &'a store::Dataset,
    activities: &'a workshops::WorkshopData,
    /// Time taken to build the rows in memory.
    built: std::time::Duration,
    total: std::time::Duration,
}

fn report(run: &Run<'_>) -> String {
    let Run {
        scale,
        seed,
        password,
        offices,
        data,
        activities,
        built,
        total,
    } = *run;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Données de démonstration créées / Demo data created: scale {}, seed {seed}, {:.1} s \
         (rows built in {:.1} s, written in {:.1} s)",
        scale.as_str(),
        total.as_secs_f64(),
        built.as_secs_f64(),
        total.saturating_sub(built).as_secs_f64()
    );
    for (table, rows) in data.counts().into_iter().chain(activities.counts()) {
        let _ = writeln!(out, "  {table:<16} {rows:>8}");
    }
    let _ = writeln!(
        out,
        "\nComptes de démonstration / Demo accounts (mot de passe / password: {password}):"
    );
    let first_office = data.offices.first().map(|o| o.id);
    for user in data
        .users
        .iter()
        .filter(|u| Some(u.office_id) == first_office)
    {
        let _ = writeln!(out, "  {:<10} {}", user.role, user.email);
    }
    if offices > 1 {
        let _ = writeln!(
            out,
            "  and in offices 2 to {offices}: {} and {} (the same password)",
            account_email("admin", 2).replace("+2", "+<n>"),
            account_email("isc", 2).replace("+2", "+<n>"),
        );
    }
    let _ = write!(
        out,
        "Production refuses to start while these accounts keep the demo password."
    );
    out
}
