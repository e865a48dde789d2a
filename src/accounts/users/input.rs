//! What account administration submits, parsed once: the account form's text fields and the API's
//! JSON bodies become a [`UserData`] by the same rules, and the list's query strings a
//! [`UserFilter`]. Whether a department is the office's is the service's check.

use serde::{Deserialize, Serialize};

use crate::accounts::{password, Account, LANGUAGES};
use crate::domain::ids::DepartmentId;
use crate::domain::roles::Role;
use crate::domain::{validate, FieldErrors};
use crate::i18n::Lang;
use crate::web::pagination::{query_string, Pagination};

/// Longest part of a name or email searched for, in characters.
const SEARCH_MAX: usize = 100;

/// An account as the form submits it: every field text, kept as typed to show it again.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct UserForm {
    pub display_name: Option<String>,
    pub email: Option<String>,
    pub role: Option<String>,
    pub language: Option<String>,
    pub department_id: Option<String>,
    pub active: Option<String>,
    #[serde(skip_serializing)]
    pub password: Option<String>,
    #[serde(skip_serializing)]
    pub password_confirm: Option<String>,
}

/// Whose account a submission is about: a new one, or an existing one (perhaps the admin's own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    New,
    Existing { is_self: bool },
}

/// A validated account. `email` is only used on creation (it is the sign-in name and stays fixed).
#[derive(Debug, Clone)]
pub struct UserData {
    pub display_name: String,
    pub email: String,
    pub role: Role,
    pub language: String,
    /// Staff only: for other roles a submitted department is dropped.
    pub department_id: Option<DepartmentId>,
    pub active: bool,
    /// The new password in clear, hashed before the write; `None` keeps the current one.
    pub password: Option<String>,
}

impl UserForm {
    /// A blank form: an ISC writing in `lang`.
    pub fn blank(lang: Lang) -> Self {
        UserForm {
            role: Some(Role::Isc.as_str().into()),
            language: Some(lang.as_str().into()),
            ..UserForm::default()
        }
    }

    /// The form of an existing account.
    pub fn of(a: &Account) -> Self {
        UserForm {
            display_name: Some(a.display_name.clone()),
            email: Some(a.email.clone()),
            role: Some(a.role.as_str().into()),
            language: Some(a.language.clone()),
            department_id: a.department_id.map(|d| d.to_string()),
            active: a.active.then(|| "on".to_owned()),
            password: None,
            password_confirm: None,
        }
    }

    pub fn parse(&self, target: Target) -> Result<UserData, FieldErrors> {
        let mut e = FieldErrors::new();
        let display_name = validate::required(
            &mut e,
            "display_name",
            self.display_name.as_deref().unwrap_or(""),
            200,
        );
        let email = match target {
            Target::New => validate::email(&mut e, "email", self.email.as_deref(), true),
            Target::Existing { .. } => String::new(),
        };
        let role = validate::code(&mut e, "role", self.role.as_deref(), Role::parse, None)
            .unwrap_or(Role::Isc);
        let language = validate::choice(
            &mut e,
            "language",
            self.language.as_deref(),
            &LANGUAGES,
            Some("fr"),
        )
        .to_owned();
        // A department only means something for office staff (it routes requests to them).
        let department_id = match role {
            Role::Staff => {
                validate::reference(&mut e, "department_id", self.department_id.as_deref())
            }
            _ => None,
        };
        let active = match target {
            Target::New => true,
            Target::Existing { .. } => validate::checkbox(self.active.as_deref()),
        };
        if let Target::Existing { is_self: true } = target {
            // An administrator cannot lock themself out; another admin has to do it.
            if role != Role::Admin {
                e.add("role", "err-cannot-demote-self");
            }
            if !active {
                e.add("active", "err-cannot-disable-self");
            }
        }
        let pw = self.password.clone().unwrap_or_default();
        let password = (target == Target::New || !pw.is_empty()).then(|| {
            let confirm = self.password_confirm.as_deref().unwrap_or("");
            password::check_new(&mut e, "password", &pw, confirm);
            pw
        });
        e.into_result(UserData {
            display_name,
            email,
            role,
            language,
            department_id,
            active,
            password,
        })
    }
}

/// An account to create through the API.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct NewUserBody {
    pub display_name: Option<String>,
    pub email: Option<String>,
    /// admin, isc, staff, committee or tenant
    pub role: Option<String>,
    /// fr (default) or en
    pub language: Option<String>,
    /// A department of the office (role staff only).
    pub department_id: Option<DepartmentId>,
    /// At least 10 characters.
    pub password: Option<String>,
}

impl NewUserBody {
    /// The account, by the form's rules (the API has no confirmation field).
    pub fn parse(self) -> Result<UserData, FieldErrors> {
        UserForm {
            display_name: self.display_name,
            email: self.email,
            role: self.role,
            language: self.language,
            department_id: self.department_id.map(|d| d.to_string()),
            active: None,
            password_confirm: self.password.clone(),
            password: self.password,
        }
        .parse(Target::New)
    }
}

/// Changes to an account through the API; a field left out keeps its current value. The password
/// is changed by its owner on their account page, or by an administrator on the account's page.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct UserChangesBody {
    pub display_name: Option<String>,
    pub role: Option<String>,
    pub language: Option<String>,
    /// A department of the office (role staff only); null removes it.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<i64>)]
    pub department_id: Option<Option<DepartmentId>>,
    pub active: Option<bool>,
}

/// Tells "absent" (keep) from `null` (clear).
fn double_option<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Option<DepartmentId>>, D::Error> {
    Option::<DepartmentId>::deserialize(d).map(Some)
}

impl UserChangesBody {
    /// The changes applied to `current`, checked by the form's rules.
    pub fn parse(self, current: &Account, target: Target) -> Result<UserData, FieldErrors> {
        let mut form = UserForm::of(current);
        form.display_name = self.display_name.or(form.display_name);
        form.role = self.role.or(form.role);
        form.language = self.language.or(form.language);
        if let Some(dep) = self.department_id {
            form.department_id = dep.map(|d| d.to_string());
        }
        if let Some(active) = self.active {
            form.active = active.then(|| "on".to_owned());
        }
        form.parse(target)
    }
}

/// What the account list is narrowed to.
#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    /// Part of the name or email, matched with `lower(..) LIKE`: case folds fully on PostgreSQL and
    /// for ASCII letters on SQLite. Accounts are few per office, so no folded column is kept.
    pub q: String,
    pub role: Option<Role>,
    pub active: Option<bool>,
}

fn search(q: Option<&str>) -> String {
    q.unwrap_or("").trim().chars().take(SEARCH_MAX).collect()
}

/// `?q=&role=&status=&page=` of the account list and its CSV export.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct UsersQuery {
    pub q: Option<String>,
    pub role: Option<String>,
    /// active, inactive, or empty for both
    pub status: Option<String>,
    pub page: Option<String>,
}

impl UsersQuery {
    /// The filter; unknown values are ignored (a stale link still shows the list).
    pub fn filter(&self) -> UserFilter {
        UserFilter {
            q: search(self.q.as_deref()),
            role: self.role.as_deref().and_then(Role::parse),
            active: match self.status.as_deref() {
                Some("active") => Some(true),
                Some("inactive") => Some(false),
                _ => None,
            },
        }
    }

    pub fn pagination(&self) -> Pagination {
        Pagination::html(self.page.as_deref())
    }
}

impl UserFilter {
    /// The `status` value of the list's select.
    pub fn status(&self) -> &'static str {
        match self.active {
            Some(true) => "active",
            Some(false) => "inactive",
            None => "",
        }
    }

    /// The filter as the list's query string (no page), for pager links.
    pub fn to_query_string(&self) -> String {
        query_string([
            ("q", self.q.as_str()),
            ("role", self.role.map_or("", Role::as_str)),
            ("status", self.status()),
        ])
    }
}

/// `?q=&role=&active=&page=&per_page=` of the API's account list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct UsersApiQuery {
    /// Part of the name or email.
    pub q: Option<String>,
    /// admin, isc, staff, committee or tenant
    pub role: Option<String>,
    /// true or false; both when absent.
    pub active: Option<bool>,
    /// 1-based page number.
    pub page: Option<i64>,
    /// Items per page, 1 to 200 (default 50).
    pub per_page: Option<i64>,
}

impl UsersApiQuery {
    pub fn filter(&self) -> UserFilter {
        UserFilter {
            q: search(self.q.as_deref()),
            role: self.role.as_deref().and_then(Role::parse),
            active: self.active,
        }
    }

    pub fn pagination(&self) -> Pagination {
        Pagination::new(self.page, self.per_page)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_department_is_kept_for_staff_only_and_oneself_stays_an_active_admin() {
        let form = UserForm {
            display_name: Some("Luc Roy".into()),
            role: Some("isc".into()),
            department_id: Some("7".into()),
            active: Some("on".into()),
            ..Default::default()
        };
        let data = form.parse(Target::Existing { is_self: false }).unwrap();
        assert_eq!((data.role, data.department_id), (Role::Isc, None));
        let staff = UserForm {
            role: Some("staff".into()),
            ..form.clone()
        };
        let data = staff.parse(Target::Existing { is_self: false }).unwrap();
        assert_eq!(data.department_id, Some(DepartmentId(7)));
        let errors = form.parse(Target::Existing { is_self: true }).unwrap_err();
        assert_eq!(errors.0["role"].code, "err-cannot-demote-self");
    }
}
