//! The mail outbox.

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
