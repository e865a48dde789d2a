//! Accounts, the buildings a committee account acts for, API tokens, and sign-in attempt budgets.

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
    user_buildings (user_id, building_id) {
        user_id -> BigInt,
        building_id -> BigInt,
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
