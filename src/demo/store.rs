//! The generated rows and how they reach the database: multi-row `INSERT`s through
//! `db::bulk` (the one place the backends differ), with explicit ids so that children can point at
//! parents without reading anything back.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::bulk::advance_sequences;
pub use crate::db::bulk::ROWS_PER_STATEMENT;
use crate::db::schema::{
    buildings, community_rooms, departments, dwellings, journal_entries, offices, tenants, users,
};
use crate::db::DbConnection;
use crate::registry::buildings::NewBuilding;
use crate::registry::departments::NewDepartment;
use crate::registry::dwellings::NewDwelling;

#[derive(Insertable)]
#[diesel(table_name = offices)]
pub struct OfficeRow {
    pub id: i64,
    pub name: String,
    pub region: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = community_rooms)]
pub struct RoomRow {
    pub id: i64,
    pub office_id: i64,
    pub building_id: i64,
    pub name: String,
    pub capacity: i32,
    pub accessible: bool,
    pub created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = users, treat_none_as_default_value = false)]
pub struct UserRow {
    pub id: i64,
    pub office_id: i64,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub role: String,
    pub language: String,
    pub department_id: Option<i64>,
    pub active: bool,
    pub demo_password: bool,
    pub created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = journal_entries, treat_none_as_default_value = false)]
pub struct JournalRow {
    pub id: i64,
    pub office_id: i64,
    pub author_id: i64,
    pub pole: i32,
    pub sub_activity: String,
    pub occurred_on: NaiveDate,
    pub duration_minutes: i32,
    pub building_id: Option<i64>,
    pub people_reached: i32,
    pub note: String,
    pub source: String,
    pub created_at: NaiveDateTime,
}

/// The tenants' rows stay the generator's own for now: `demo/workshops.rs` reads their fields as
/// plain numbers.
#[derive(Insertable, Clone)]
#[diesel(table_name = tenants, treat_none_as_default_value = false)]
pub struct TenantRow {
    pub id: i64,
    pub office_id: i64,
    pub dwelling_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub language: String,
    pub phone: String,
    pub email: String,
    pub household_size: i32,
    pub consent_email_at: Option<NaiveDateTime>,
    pub consent_email_by: Option<i64>,
    pub consent_phone_at: Option<NaiveDateTime>,
    pub consent_phone_by: Option<i64>,
    pub consent_sms_at: Option<NaiveDateTime>,
    pub consent_sms_by: Option<i64>,
    pub move_in: Option<NaiveDate>,
    pub move_out: Option<NaiveDate>,
    pub search_text: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A row of a capability's own insert struct (as the application writes it) with the explicit id
/// the generator gave it.
pub struct WithId<Row> {
    pub id: i64,
    pub row: Row,
}

pub type DepartmentRow = WithId<NewDepartment>;
pub type BuildingRow = WithId<NewBuilding>;
pub type DwellingRow = WithId<NewDwelling>;

/// Inserts `$rows` as `(table::id.eq(id), row)` pairs, one chunk of copies at a time.
macro_rules! insert_with_ids {
    ($conn:expr, $table:expr, $id:path, $rows:expr) => {
        for chunk in $rows.chunks(ROWS_PER_STATEMENT) {
            let rows: Vec<_> = chunk
                .iter()
                .map(|r| ($id.eq(r.id), r.row.clone()))
                .collect();
            crate::bulk_insert!($conn, $table, rows);
        }
    };
}

/// Everything generated, in the order it is inserted (parents first).
#[derive(Default)]
pub struct Dataset {
    pub offices: Vec<OfficeRow>,
    pub departments: Vec<DepartmentRow>,
    pub buildings: Vec<BuildingRow>,
    pub rooms: Vec<RoomRow>,
    pub dwellings: Vec<DwellingRow>,
    pub users: Vec<UserRow>,
    pub tenants: Vec<TenantRow>,
    pub journal: Vec<JournalRow>,
}

impl Dataset {
    /// (table, rows) for the report.
    pub fn counts(&self) -> [(&'static str, usize); 8] {
        [
            ("offices", self.offices.len()),
            ("departments", self.departments.len()),
            ("buildings", self.buildings.len()),
            ("community_rooms", self.rooms.len()),
            ("dwellings", self.dwellings.len()),
            ("users", self.users.len()),
            ("tenants", self.tenants.len()),
            ("journal_entries", self.journal.len()),
        ]
    }
}

/// Inserts every row; run it inside one write transaction.
pub fn insert(conn: &mut DbConnection, data: &Dataset) -> QueryResult<()> {
    crate::bulk_insert!(conn, offices::table, data.offices);
    insert_with_ids!(conn, departments::table, departments::id, data.departments);
    insert_with_ids!(conn, buildings::table, buildings::id, data.buildings);
    crate::bulk_insert!(conn, community_rooms::table, data.rooms);
    insert_with_ids!(conn, dwellings::table, dwellings::id, data.dwellings);
    crate::bulk_insert!(conn, users::table, data.users);
    crate::bulk_insert!(conn, tenants::table, data.tenants);
    crate::bulk_insert!(conn, journal_entries::table, data.journal);
    advance_sequences(
        conn,
        &[
            "offices",
            "departments",
            "buildings",
            "community_rooms",
            "dwellings",
            "users",
            "tenants",
            "journal_entries",
        ],
    )
}

/// The largest id of every table the generator fills (0 when empty), so ids continue from there.
pub fn next_ids(conn: &mut DbConnection) -> QueryResult<Ids> {
    use diesel::dsl::max;
    let next = |m: Option<i64>| m.unwrap_or(0) + 1;
    Ok(Ids {
        office: next(offices::table.select(max(offices::id)).first(conn)?),
        department: next(
            departments::table
                .select(max(departments::id))
                .first(conn)?,
        ),
        building: next(buildings::table.select(max(buildings::id)).first(conn)?),
        room: next(
            community_rooms::table
                .select(max(community_rooms::id))
                .first(conn)?,
        ),
        dwelling: next(dwellings::table.select(max(dwellings::id)).first(conn)?),
        user: next(users::table.select(max(users::id)).first(conn)?),
        tenant: next(tenants::table.select(max(tenants::id)).first(conn)?),
        journal: next(
            journal_entries::table
                .select(max(journal_entries::id))
                .first(conn)?,
        ),
    })
}

/// The next free id of each table.
#[derive(Debug, Clone, Copy)]
pub struct Ids {
    pub office: i64,
    pub department: i64,
    pub building: i64,
    pub room: i64,
    pub dwelling: i64,
    pub user: i64,
    pub tenant: i64,
    pub journal: i64,
}

/// Takes the next id of a counter.
pub fn take(counter: &mut i64) -> i64 {
    let id = *counter;
    *counter += 1;
    id
}
