//! The registry: offices, their departments, buildings, community rooms, dwellings and tenants.

diesel::table! {
    offices (id) {
        id -> BigInt,
        name -> Text,
        region -> Text,
        contact_email -> Text,
        contact_phone -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    departments (id) {
        id -> BigInt,
        office_id -> BigInt,
        name -> Text,
        email -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    buildings (id) {
        id -> BigInt,
        office_id -> BigInt,
        name -> Text,
        address -> Text,
        municipality -> Text,
        postal_code -> Text,
        dwelling_count -> Integer,
        clientele -> Text,
        search_text -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    community_rooms (id) {
        id -> BigInt,
        office_id -> BigInt,
        building_id -> BigInt,
        name -> Text,
        capacity -> Integer,
        accessible -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    dwellings (id) {
        id -> BigInt,
        office_id -> BigInt,
        building_id -> BigInt,
        number -> Text,
        bedrooms -> Integer,
        adapted -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    tenants (id) {
        id -> BigInt,
        office_id -> BigInt,
        dwelling_id -> BigInt,
        first_name -> Text,
        last_name -> Text,
        language -> Text,
        phone -> Text,
        email -> Text,
        household_size -> Integer,
        consent_email_at -> Nullable<Timestamp>,
        consent_email_by -> Nullable<BigInt>,
        consent_phone_at -> Nullable<Timestamp>,
        consent_phone_by -> Nullable<BigInt>,
        consent_sms_at -> Nullable<Timestamp>,
        consent_sms_by -> Nullable<BigInt>,
        move_in -> Nullable<Date>,
        move_out -> Nullable<Date>,
        search_text -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}
