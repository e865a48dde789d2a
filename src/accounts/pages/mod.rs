//! The accounts' own pages: sign-in, sign-out and the language switch ([`sign_in`]), and one's
//! own account with its password and API tokens ([`account`]). The first-run setup page is
//! `crate::setup`; account administration is [`super::users`].

pub mod account;
pub mod sign_in;
