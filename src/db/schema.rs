//! Table definitions shared by both backends. Written by hand (not `diesel print-schema`) so that one
//! file describes the SQLite and PostgreSQL migrations alike; `tests` round-trip every table on both.

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
    users (id) {
        id -> BigInt,
        office_id -> BigInt,
        email -> Text,
        display_name -> Text,
        password_hash -> Text,
        role -> Text,
        language -> Text,
        department_id -> Nullable<BigInt>,
        active -> Bool,
        demo_password -> Bool,
        created_at -> Timestamp,
        last_login_at -> Nullable<Timestamp>,
        tenant_id -> Nullable<BigInt>,
        session_epoch -> Integer,
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

diesel::table! {
    api_tokens (id) {
        id -> BigInt,
        office_id -> BigInt,
        user_id -> BigInt,
        name -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

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

diesel::table! {
    outbox (id) {
        id -> BigInt,
        office_id -> Nullable<BigInt>,
        kind -> Text,
        to_address -> Text,
        to_name -> Text,
        reply_to -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        dedup_key -> Nullable<Text>,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        claimed_until -> Nullable<Timestamp>,
        claim_token -> Nullable<Text>,
        last_error -> Text,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        /// The one-click withdrawal address of a message to a tenant ("" otherwise).
        list_unsubscribe -> Text,
    }
}

diesel::table! {
    user_buildings (user_id, building_id) {
        user_id -> BigInt,
        building_id -> BigInt,
    }
}

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

diesel::joinable!(departments -> offices (office_id));
diesel::joinable!(buildings -> offices (office_id));
diesel::joinable!(community_rooms -> buildings (building_id));
diesel::joinable!(dwellings -> buildings (building_id));
diesel::joinable!(tenants -> dwellings (dwelling_id));
diesel::joinable!(api_tokens -> users (user_id));
diesel::joinable!(journal_entries -> buildings (building_id));
diesel::joinable!(journal_entries -> users (author_id));
diesel::joinable!(users -> offices (office_id));
diesel::joinable!(user_buildings -> buildings (building_id));
diesel::joinable!(user_buildings -> users (user_id));
diesel::joinable!(workshops -> buildings (building_id));
diesel::joinable!(workshop_sessions -> workshops (workshop_id));
diesel::joinable!(workshop_facilitators -> workshops (workshop_id));
diesel::joinable!(workshop_buildings -> workshops (workshop_id));
diesel::joinable!(workshop_registrations -> tenants (tenant_id));
diesel::joinable!(workshop_attendance -> tenants (tenant_id));
diesel::joinable!(workshop_attendance -> workshop_sessions (session_id));

diesel::joinable!(requests -> buildings (building_id));
diesel::joinable!(requests -> request_categories (category_id));
diesel::joinable!(request_events -> requests (request_id));
diesel::joinable!(request_photos -> requests (request_id));

diesel::allow_tables_to_appear_in_same_query!(
    offices,
    departments,
    buildings,
    community_rooms,
    dwellings,
    users,
    tenants,
    api_tokens,
    journal_entries,
    outbox,
    user_buildings,
    workshops,
    workshop_buildings,
    workshop_facilitators,
    workshop_sessions,
    workshop_registrations,
    workshop_attendance,
    calendar_feeds,
    request_categories,
    requests,
    request_events,
    request_photos,
);

diesel::table! {
    job_schedule (name) {
        name -> Text,
        next_run_at -> Timestamp,
        last_started_at -> Nullable<Timestamp>,
        runs -> BigInt,
    }
}

diesel::table! {
    attempts (id) {
        id -> BigInt,
        bucket -> Text,
        key -> Text,
        at -> Timestamp,
    }
}

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

diesel::joinable!(access_log -> users (user_id));
diesel::joinable!(consent_events -> tenants (tenant_id));
diesel::joinable!(access_requests -> tenants (tenant_id));

diesel::allow_tables_to_appear_in_same_query!(access_log, users);
diesel::allow_tables_to_appear_in_same_query!(consent_events, users);
diesel::allow_tables_to_appear_in_same_query!(consent_events, tenants);
diesel::allow_tables_to_appear_in_same_query!(access_requests, tenants);
