//! Pole 3: workshops, their buildings, facilitators, sessions, registrations, attendance and calendar feeds.

diesel::table! {
    workshops (id) {
        id -> BigInt,
        office_id -> BigInt,
        title -> Text,
        description -> Text,
        theme -> Text,
        sub_activity -> Text,
        building_id -> BigInt,
        room_id -> Nullable<BigInt>,
        place -> Text,
        language -> Text,
        capacity -> Integer,
        audience -> Text,
        registration_opens_on -> Nullable<Date>,
        registration_closes_on -> Nullable<Date>,
        reminder_hours -> Integer,
        recurrence -> Text,
        duration_minutes -> Integer,
        registration_version -> Integer,
        search_text -> Text,
        created_by -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    workshop_buildings (workshop_id, building_id) {
        workshop_id -> BigInt,
        building_id -> BigInt,
    }
}

diesel::table! {
    workshop_facilitators (id) {
        id -> BigInt,
        workshop_id -> BigInt,
        user_id -> Nullable<BigInt>,
        name -> Text,
        organisation -> Text,
    }
}

diesel::table! {
    workshop_sessions (id) {
        id -> BigInt,
        office_id -> BigInt,
        workshop_id -> BigInt,
        building_id -> BigInt,
        room_id -> Nullable<BigInt>,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        status -> Text,
        walk_ins -> Integer,
        journal_entry_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    workshop_registrations (id) {
        id -> BigInt,
        office_id -> BigInt,
        workshop_id -> BigInt,
        session_id -> Nullable<BigInt>,
        tenant_id -> BigInt,
        status -> Text,
        channel -> Text,
        registered_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    workshop_attendance (session_id, tenant_id) {
        session_id -> BigInt,
        tenant_id -> BigInt,
        status -> Text,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    calendar_feeds (id) {
        id -> BigInt,
        office_id -> BigInt,
        kind -> Text,
        target_id -> BigInt,
        token_hash -> Text,
        created_by -> BigInt,
        created_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}
