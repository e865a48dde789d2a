//! Password hashing with argon2id (the crate's default parameters), and the rules of a new
//! password. The stamp that ties a session to the password it was opened with is
//! `crate::access::password_stamp`.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

use crate::domain::FieldErrors;
use crate::error::AppError;

pub const MIN_LEN: usize = 10;
pub const MAX_LEN: usize = 128;

pub fn hash(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("argon2: {e}"))
}

/// [`hash`] for a service: an error is internal.
pub fn hashed(password: &str) -> Result<String, AppError> {
    hash(password).map_err(AppError::Internal)
}

/// Whether `password` matches `stored`. A malformed hash matches nothing.
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Spends the time of one verification, so that an unknown email answers as slowly as a wrong
/// password and cannot be told apart by timing.
pub fn verify_dummy(password: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let stored = DUMMY.get_or_init(|| hash("passerelle-dummy-password").unwrap_or_default());
    let _ = verify(password, stored);
}

/// Checks a new password and its confirmation.
pub fn check_new(errors: &mut FieldErrors, field: &str, password: &str, confirm: &str) {
    let len = password.chars().count();
    if len < MIN_LEN {
        errors.add_limit(field, "err-password-short", MIN_LEN as i64);
    } else if len > MAX_LEN {
        errors.add_limit(field, "err-too-long", MAX_LEN as i64);
    } else if password != confirm {
        errors.add(&format!("{field}_confirm"), "err-password-mismatch");
    }
}
