//! The practice journal.

diesel::table! {
    journal_entries (id) {
        id -> BigInt,
        office_id -> BigInt,
        author_id -> BigInt,
        pole -> Integer,
        sub_activity -> Text,
        occurred_on -> Date,
        duration_minutes -> Integer,
        building_id -> Nullable<BigInt>,
        people_reached -> Integer,
        note -> Text,
        source -> Text,
        created_at -> Timestamp,
    }
}
