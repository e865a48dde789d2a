//! Account administration's pages: the list and its export ([`list`]) and the account form to
//! create and edit ([`form`]). The role select both show is built here.

pub mod form;
pub mod list;

use crate::domain::roles::Role;
use crate::i18n::Lang;
use crate::web::choice::{translated_choices, Choice};

/// Every role, labelled in `lang`; `selected` is a role code.
pub fn roles(lang: Lang, selected: &str) -> Vec<Choice> {
    translated_choices(lang, "role-", Role::codes(), &[selected])
}
