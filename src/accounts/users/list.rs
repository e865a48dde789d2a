//! The account list (administrators only): the office's accounts, filtered by role, status and
//! a part of the name or email, paginated.

use actix_session::Session;
use actix_web::{get, web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::pages::{role_choices, Choice};
use super::UserFilter;
use crate::domain::roles::Action;
use crate::domain::Role;
use crate::error::AppError;
use crate::i18n::t;
use crate::state::AppState;
use crate::web::{render, CurrentUser, Page, Pager, PAGE_SIZE};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list_users).service(export_users);
}

/// `?q=&role=&status=&page=` of the account list.
#[derive(Debug, Default, Deserialize)]
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
            q: self
                .q
                .as_deref()
                .unwrap_or("")
                .trim()
                .chars()
                .take(100)
                .collect(),
            role: self.role.as_deref().and_then(Role::parse),
            active: match self.status.as_deref() {
                Some("active") => Some(true),
                Some("inactive") => Some(false),
                _ => None,
            },
        }
    }

    fn page(&self) -> i64 {
        self.page
            .as_deref()
            .and_then(|p| p.parse::<i64>().ok())
            .unwrap_or(1)
            .clamp(1, 100_000)
    }
}

#[derive(Serialize)]
struct UserLine {
    id: i64,
    display_name: String,
    email: String,
    role_label: String,
    department: Option<String>,
    active: bool,
    last_login: Option<String>,
}

#[derive(Serialize)]
struct ListPage {
    q: String,
    roles: Vec<Choice>,
    statuses: Vec<Choice>,
    users: Vec<UserLine>,
    pager: Pager,
}

#[get("/users")]
async fn list_users(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    query: web::Query<UsersQuery>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageAccounts)?;
    let (filter, page, office) = (query.filter(), query.page(), user.office_id);
    let f = filter.clone();
    let (rows, total) = state
        .db(move |c| super::list(c, office, &f, (page - 1) * PAGE_SIZE, PAGE_SIZE))
        .await?;
    let lang = user.lang;
    let role = filter.role.map(Role::as_str).unwrap_or("");
    let status = match filter.active {
        Some(true) => "active",
        Some(false) => "inactive",
        None => "",
    };
    let mut pager = Pager::new("/users", &filter.q, page, total);
    let extra = format!("&role={role}&status={status}");
    pager.prev = pager.prev.map(|u| u + &extra);
    pager.next = pager.next.map(|u| u + &extra);
    let mut roles = vec![Choice {
        value: String::new(),
        label: t(lang, "users-all-roles"),
        selected: role.is_empty(),
    }];
    roles.extend(role_choices(lang, role));
    let statuses = ["", "active", "inactive"]
        .iter()
        .map(|s| Choice {
            value: (*s).to_owned(),
            label: t(
                lang,
                &format!("users-status-{}", if s.is_empty() { "all" } else { s }),
            ),
            selected: *s == status,
        })
        .collect();
    let users = rows
        .into_iter()
        .map(|(a, department)| UserLine {
            role_label: t(lang, &format!("role-{}", a.role)),
            last_login: a.last_login_at.map(|d| d.format("%Y-%m-%d").to_string()),
            id: a.id,
            display_name: a.display_name,
            email: a.email,
            department,
            active: a.active,
        })
        .collect();
    let ctx = Page::new(
        &session,
        &user,
        "users-title",
        "admin",
        ListPage {
            q: filter.q,
            roles,
            statuses,
            users,
            pager,
        },
    );
    render(&state, "users/list", &ctx)
}

/// The office's accounts as CSV, with the list's filters (no secrets: never the password hash).
#[get("/users.csv")]
async fn export_users(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<UsersQuery>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageAccounts)?;
    let (filter, office, lang) = (query.filter(), user.office_id, user.lang);
    let (rows, _) = state
        .db(move |c| super::list(c, office, &filter, 0, i64::MAX))
        .await?;
    let mut w = csv::Writer::from_writer(Vec::new());
    let io = AppError::internal;
    w.write_record([
        "id",
        "nom",
        "courriel",
        "role",
        "service",
        "langue",
        "actif",
        "derniere_connexion",
    ])
    .map_err(io)?;
    for (account, department) in rows {
        let last = account
            .last_login_at
            .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default();
        w.write_record([
            account.id.to_string(),
            account.display_name,
            account.email,
            t(lang, &format!("role-{}", account.role)),
            department.unwrap_or_default(),
            account.language,
            if account.active { "oui" } else { "non" }.to_owned(),
            last,
        ])
        .map_err(io)?;
    }
    let body = w
        .into_inner()
        .map_err(|e| AppError::internal(anyhow::anyhow!("csv: {e}")))?;
    Ok(crate::web::csv_response("comptes.csv", body))
}
