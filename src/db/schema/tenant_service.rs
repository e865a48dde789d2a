//! Pole 1: request categories, requests, their events and photos.

diesel::table! {
    request_categories (id) {
        id -> BigInt,
        office_id -> BigInt,
        code -> Text,
        name -> Text,
        department_id -> Nullable<BigInt>,
        target_hours_low -> Integer,
        target_hours_normal -> Integer,
        target_hours_urgent -> Integer,
        position -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    requests (id) {
        id -> BigInt,
        office_id -> BigInt,
        building_id -> BigInt,
        dwelling_id -> Nullable<BigInt>,
        tenant_id -> Nullable<BigInt>,
        category_id -> BigInt,
        department_id -> Nullable<BigInt>,
        urgency -> Text,
        description -> Text,
        status -> Text,
        parent_id -> Nullable<BigInt>,
        isc_id -> Nullable<BigInt>,
        created_by -> BigInt,
        due_at -> Timestamp,
        resolved_at -> Nullable<Timestamp>,
        closed_at -> Nullable<Timestamp>,
        referral_resource -> Text,
        referral_contact -> Text,
        referral_told -> Text,
        followup_token -> Nullable<Text>,
        followup_sent_at -> Nullable<Timestamp>,
        followup_answer -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    request_events (id) {
        id -> BigInt,
        request_id -> BigInt,
        office_id -> BigInt,
        kind -> Text,
        from_status -> Text,
        to_status -> Text,
        body -> Text,
        visible_to_tenant -> Bool,
        author_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        audience -> Text,
    }
}

diesel::table! {
    request_photos (id) {
        id -> BigInt,
        request_id -> BigInt,
        office_id -> BigInt,
        stored_name -> Text,
        content_type -> Text,
        size_bytes -> Integer,
        uploaded_by -> BigInt,
        created_at -> Timestamp,
    }
}
