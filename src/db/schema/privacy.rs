//! Law 25: the access log, consent events, retention counts, the access-request and incident registers, the privacy officer.

diesel::table! {
    access_log (id) {
        id -> BigInt,
        office_id -> BigInt,
        user_id -> BigInt,
        at -> Timestamp,
        record_kind -> Text,
        record_id -> Nullable<BigInt>,
        channel -> Text,
        row_count -> Integer,
    }
}

diesel::table! {
    consent_events (id) {
        id -> BigInt,
        office_id -> BigInt,
        tenant_id -> BigInt,
        purpose -> Text,
        partner -> Text,
        decision -> Text,
        at -> Timestamp,
        recorded_by -> Nullable<BigInt>,
        by_tenant -> Bool,
        how -> Text,
        expires_on -> Nullable<Date>,
        note -> Text,
    }
}

diesel::table! {
    retention_counts (id) {
        id -> BigInt,
        office_id -> BigInt,
        kind -> Text,
        ran_at -> Timestamp,
        records -> Integer,
    }
}

diesel::table! {
    access_requests (id) {
        id -> BigInt,
        office_id -> BigInt,
        received_on -> Date,
        requester -> Text,
        tenant_id -> Nullable<BigInt>,
        kind -> Text,
        details -> Text,
        due_on -> Date,
        status -> Text,
        answered_on -> Nullable<Date>,
        created_by -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    privacy_incidents (id) {
        id -> BigInt,
        office_id -> BigInt,
        summary -> Text,
        occurred_on -> Nullable<Date>,
        discovered_on -> Date,
        information -> Text,
        people_affected -> Integer,
        risk -> Text,
        commission_notified_on -> Nullable<Date>,
        people_notified_on -> Nullable<Date>,
        measures -> Text,
        created_by -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// The privacy officer's columns of `offices`, declared apart from `offices` so that rows read
    /// as "every column of `offices`" (the registry's `Office`) keep their shape; fold them into
    /// `offices` once every reader of that table selects its columns.
    #[sql_name = "offices"]
    office_privacy (id) {
        id -> BigInt,
        privacy_officer_name -> Text,
        privacy_officer_email -> Text,
        privacy_officer_phone -> Text,
    }
}
