//! What the sign-in, language, password and token forms and the token API submit, parsed once.

use serde::{Deserialize, Serialize};

use super::password;
use crate::domain::{validate, FieldErrors};
use crate::i18n::Lang;

/// Longest token name, in characters.
const TOKEN_NAME_MAX: usize = 100;

/// The sign-in form; the email is kept to show the form again, the password never is.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct LoginForm {
    pub email: Option<String>,
    #[serde(skip_serializing)]
    pub password: Option<String>,
}

impl LoginForm {
    /// (email, password) as typed: sign-in compares the email as accounts store it.
    pub fn credentials(&self) -> (String, String) {
        (
            self.email.clone().unwrap_or_default(),
            self.password.clone().unwrap_or_default(),
        )
    }
}

/// The language switch of every page.
#[derive(Debug, Clone, Deserialize)]
pub struct LanguageForm {
    pub lang: Option<String>,
    pub back: Option<String>,
}

impl LanguageForm {
    pub fn lang(&self) -> Lang {
        Lang::parse(self.lang.as_deref().unwrap_or("fr"))
    }

    /// Where to go back to: only a path of this site, never an open redirect.
    pub fn back(&self) -> String {
        self.back
            .clone()
            .filter(|b| b.starts_with('/') && !b.starts_with("//") && !b.contains('\\'))
            .unwrap_or_else(|| "/".into())
    }
}

/// The password change form of one's own account.
#[derive(Debug, Clone, Deserialize)]
pub struct PasswordForm {
    pub current: Option<String>,
    pub password: Option<String>,
    pub password_confirm: Option<String>,
    /// Ticked: the account's API tokens are revoked with the change.
    pub revoke_tokens: Option<String>,
}

/// A password change: the current password, and the new one once checked (or the messages about
/// it, shown together with the one about the current password).
pub struct PasswordChange {
    pub current: String,
    pub new: Result<String, FieldErrors>,
    pub revoke_tokens: bool,
}

impl PasswordForm {
    pub fn parse(&self) -> PasswordChange {
        let mut e = FieldErrors::new();
        let new = self.password.clone().unwrap_or_default();
        let confirm = self.password_confirm.as_deref().unwrap_or("");
        password::check_new(&mut e, "password", &new, confirm);
        PasswordChange {
            current: self.current.clone().unwrap_or_default(),
            new: e.into_result(new),
            revoke_tokens: crate::domain::validate::checkbox(self.revoke_tokens.as_deref()),
        }
    }
}

/// A token made on the account page.
#[derive(Debug, Clone, Deserialize)]
pub struct TokenForm {
    pub name: Option<String>,
}

impl TokenForm {
    /// The token's name (required).
    pub fn parse(&self) -> Result<String, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = validate::required(
            &mut e,
            "name",
            self.name.as_deref().unwrap_or(""),
            TOKEN_NAME_MAX,
        );
        e.into_result(name)
    }
}

/// An email and password to exchange for a bearer token.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct TokenRequest {
    pub email: String,
    pub password: String,
    /// A name to recognise the token by in lists ("export comptable").
    #[schema(max_length = 100)]
    pub name: Option<String>,
}

impl TokenRequest {
    /// The token's name; "API" when none is given.
    pub fn name(&self) -> Result<String, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = validate::optional(&mut e, "name", self.name.as_deref(), TOKEN_NAME_MAX);
        e.into_result(if name.is_empty() { "API".into() } else { name })
    }
}
