//! The one bridge to the database: a diesel `MultiConnection` over SQLite and PostgreSQL, the pool that
//! picks the backend from the URL scheme, embedded migrations per backend, and write transactions that
//! wait instead of failing on SQLite.

pub mod bulk;
pub mod schema;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use diesel::connection::{
    AnsiTransactionManager, Instrumentation, InstrumentationEvent, SimpleConnection,
    TransactionManager,
};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sqlite::SqliteConnection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

/// A connection to whichever backend the configured URL names.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgres(PgConnection),
    Sqlite(SqliteConnection),
}

pub type Pool = diesel::r2d2::Pool<ConnectionManager>;
pub type PooledConnection = diesel::r2d2::PooledConnection<ConnectionManager>;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Which database a URL points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> Backend {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }
}

/// Counts the SQL statements run on every connection of one pool, so tests can prove that a page runs
/// the same number of queries whatever the size of the data.
#[derive(Debug, Default, Clone)]
pub struct QueryCounter(Arc<AtomicU64>);

impl QueryCounter {
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

struct CountingInstrumentation(QueryCounter);

impl Instrumentation for CountingInstrumentation {
    fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
        if let InstrumentationEvent::StartQuery { .. } = event {
            self.0 .0.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// r2d2 manager that chooses the backend from the URL scheme. The derived `establish` of a
/// `MultiConnection` tries each backend in turn and hides PostgreSQL's real error ("connection
/// refused"); choosing up front keeps it visible.
#[derive(Debug)]
pub struct ConnectionManager {
    url: String,
    backend: Backend,
    counter: QueryCounter,
}

impl ConnectionManager {
    pub fn new(url: &str, counter: QueryCounter) -> Self {
        ConnectionManager {
            url: url.to_owned(),
            backend: Backend::from_url(url),
            counter,
        }
    }
}

/// The file path of a SQLite URL (`sqlite://data/x.db`, `sqlite:data/x.db` or a bare path).
pub fn sqlite_path(url: &str) -> &str {
    url.strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url)
}

impl diesel::r2d2::ManageConnection for ConnectionManager {
    type Connection = DbConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<DbConnection, Self::Error> {
        let instrumentation = CountingInstrumentation(self.counter.clone());
        match self.backend {
            Backend::Postgres => {
                let mut conn = PgConnection::establish(&self.url)
                    .map_err(diesel::r2d2::Error::ConnectionError)?;
                conn.set_instrumentation(instrumentation);
                Ok(DbConnection::Postgres(conn))
            }
            Backend::Sqlite => {
                let path = sqlite_path(&self.url);
                if let Some(parent) = std::path::Path::new(path).parent() {
                    if !parent.as_os_str().is_empty() {
                        let _ = std::fs::create_dir_all(parent);
                    }
                }
                let mut conn = SqliteConnection::establish(path)
                    .map_err(diesel::r2d2::Error::ConnectionError)?;
                // WAL lets readers go on while one writer writes; the busy timeout makes writers wait
                // for each other; SQLite leaves foreign keys off unless asked on each connection. A
                // 16 MB page cache and memory-mapped reads spare a system call per page read.
                conn.batch_execute(
                    "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
                     PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; \
                     PRAGMA cache_size = -16000; PRAGMA mmap_size = 268435456;",
                )
                .map_err(diesel::r2d2::Error::QueryError)?;
                conn.set_instrumentation(instrumentation);
                Ok(DbConnection::Sqlite(conn))
            }
        }
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), Self::Error> {
        conn.batch_execute("SELECT 1")
            .map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, _conn: &mut DbConnection) -> bool {
        false
    }
}

/// Builds the pool. SQLite gets few connections: it has one writer at a time anyway.
pub fn build_pool(url: &str, max_size: u32, counter: QueryCounter) -> anyhow::Result<Pool> {
    let manager = ConnectionManager::new(url, counter);
    let size = match Backend::from_url(url) {
        Backend::Sqlite => max_size.min(8),
        Backend::Postgres => max_size,
    };
    let pool = diesel::r2d2::Pool::builder()
        .max_size(size.max(1))
        .connection_timeout(Duration::from_secs(10))
        // A SQLite file does not drop connections: no `SELECT 1` before every checkout there. A
        // PostgreSQL server may restart, so its connections are checked before use.
        .test_on_check_out(Backend::from_url(url) == Backend::Postgres)
        .build(manager)?;
    Ok(pool)
}

/// Applies the pending migrations of the connection's backend.
pub fn run_migrations(conn: &mut DbConnection) -> anyhow::Result<()> {
    let result = match conn {
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|_| ()),
        DbConnection::Postgres(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS).map(|_| ()),
    };
    result.map_err(|e| anyhow::anyhow!("migrations failed: {e}"))
}

/// Lets SQLite refresh its planner statistics when they are stale (cheap when they are not):
/// without them, a database filled by an import can pick a scan over an index. PostgreSQL's
/// autovacuum does this on its own.
pub fn refresh_statistics(conn: &mut DbConnection) {
    if let DbConnection::Sqlite(c) = conn {
        if let Err(e) = c.batch_execute("PRAGMA optimize") {
            tracing::warn!(error = %e, "PRAGMA optimize failed");
        }
    }
}

/// Runs `f` in a write transaction. On SQLite it begins `IMMEDIATE`, taking the write lock up front:
/// a deferred transaction that reads first cannot upgrade its lock under concurrency and fails at
/// once with "database is locked", whatever the busy timeout. PostgreSQL uses a normal transaction.
pub fn write_tx<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    match conn {
        DbConnection::Sqlite(c) => {
            AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?;
        }
        DbConnection::Postgres(_) => return conn.transaction(f),
    }
    let result = f(conn);
    if let DbConnection::Sqlite(c) = conn {
        match result {
            Ok(value) => {
                <AnsiTransactionManager as TransactionManager<SqliteConnection>>::commit_transaction(c)?;
                return Ok(value);
            }
            Err(e) => {
                let _ = <AnsiTransactionManager as TransactionManager<SqliteConnection>>::rollback_transaction(c);
                return Err(e);
            }
        }
    }
    result
}

/// The current time as stored: UTC, truncated to microseconds (PostgreSQL keeps µs; SQLite keeps
/// whatever it is given, so both must be given the same).
pub fn now() -> chrono::NaiveDateTime {
    use chrono::{SubsecRound, Utc};
    Utc::now().naive_utc().trunc_subsecs(6)
}

/// Escapes `%`, `_` and `\` for a `LIKE ... ESCAPE '\'` pattern.
pub fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}
