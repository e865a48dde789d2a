//! Bulk loading (the demo generator, large imports): multi-row `INSERT`s with explicit ids, and
//! what each backend needs afterwards. The dialect branches of bulk work live here and nowhere else.
//!
//! A batch insert of a `Vec` does not compile on the `MultiConnection`, but it does on each
//! concrete connection, hence the per-backend `match` in [`bulk_insert!`]. Rows with explicit ids
//! are inserted as `(table::id.eq(id), NewRow)` tuples, so the capability's own `Insertable` struct
//! serves both the application and the bulk load. Insert structs used in bulk declare
//! `treat_none_as_default_value = false`: SQLite has no `DEFAULT` in `VALUES`, and diesel would fall
//! back to one statement per row.

use diesel::connection::SimpleConnection;
use diesel::QueryResult;

use super::DbConnection;

/// Rows per statement: 1,000 rows of 20 columns stay under both SQLite's (32,766) and PostgreSQL's
/// (65,535) limits on bound parameters. Narrow tables may pass a larger chunk.
pub const ROWS_PER_STATEMENT: usize = 1_000;

/// Inserts `$rows` (a slice of `Insertable` values) into `$table` in chunks of
/// `ROWS_PER_STATEMENT` (or `$chunk`) rows per statement.
#[macro_export]
macro_rules! bulk_insert {
    ($conn:expr, $table:expr, $rows:expr) => {
        $crate::bulk_insert!($conn, $table, $rows, $crate::db::bulk::ROWS_PER_STATEMENT)
    };
    ($conn:expr, $table:expr, $rows:expr, $chunk:expr) => {{
        use diesel::RunQueryDsl as _;
        for chunk in $rows.chunks($chunk) {
            match &mut *$conn {
                $crate::db::DbConnection::Sqlite(c) => {
                    diesel::insert_into($table).values(chunk).execute(c)?
                }
                $crate::db::DbConnection::Postgres(c) => {
                    diesel::insert_into($table).values(chunk).execute(c)?
                }
            };
        }
    }};
}

/// After rows were inserted with explicit ids: PostgreSQL's identity sequences do not move by
/// themselves, so each is set past its table's largest id (or the next row added through the
/// application would collide). SQLite's AUTOINCREMENT follows explicit ids on its own.
pub fn advance_sequences(conn: &mut DbConnection, tables: &[&str]) -> QueryResult<()> {
    if let DbConnection::Postgres(c) = conn {
        let sql: String = tables
            .iter()
            .map(|t| {
                format!(
                    "SELECT setval(pg_get_serial_sequence('{t}', 'id'), \
                     (SELECT COALESCE(MAX(id), 0) + 1 FROM {t}), false);"
                )
            })
            .collect();
        c.batch_execute(&sql)?;
    }
    Ok(())
}

/// After a bulk load: fresh planner statistics on both backends, and on PostgreSQL a vacuum of
/// `vacuum_tables` so that index-only scans work at once (the visibility map a bulk load leaves
/// empty until autovacuum passes: a queue page 95 ms → 10 ms).
pub fn after_load(conn: &mut DbConnection, vacuum_tables: &[&str]) -> QueryResult<()> {
    conn.batch_execute("ANALYZE")?;
    if let DbConnection::Postgres(c) = conn {
        if !vacuum_tables.is_empty() {
            c.batch_execute(&format!("VACUUM (ANALYZE) {}", vacuum_tables.join(", ")))?;
        }
    }
    Ok(())
}
