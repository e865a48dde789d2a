//! Request categories of an office: each routes to a department and carries a response target per
//! urgency, in hours. Every office starts with the default set (the migration gives it to existing
//! offices, [`service::create_defaults`] to new ones); the administrator changes routing and
//! targets, and adds categories, on `/requests/categories` ([`pages`]).

pub mod input;
pub mod pages;
pub mod queries;
pub mod service;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::Urgency;
use crate::db::schema::request_categories;
use crate::domain::ids::{CategoryId, DepartmentId, OfficeId};
use crate::i18n::{t, Lang};

pub use input::{CategoryData, CategoryForm};

/// A category as stored.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = request_categories)]
pub struct Category {
    pub id: CategoryId,
    pub office_id: OfficeId,
    /// The default category's code (its name is translated), or empty for an office's own.
    pub code: String,
    pub name: String,
    pub department_id: Option<DepartmentId>,
    pub target_hours_low: i32,
    pub target_hours_normal: i32,
    pub target_hours_urgent: i32,
    pub position: i32,
    #[serde(serialize_with = "crate::domain::instant::utc")]
    pub created_at: NaiveDateTime,
}

/// A category to insert.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = request_categories)]
pub struct NewCategory<'a> {
    pub office_id: OfficeId,
    pub code: &'a str,
    pub name: &'a str,
    pub department_id: Option<DepartmentId>,
    pub target_hours_low: i32,
    pub target_hours_normal: i32,
    pub target_hours_urgent: i32,
    pub position: i32,
    pub created_at: NaiveDateTime,
}

/// A category's name in `lang`: the translation of a default category's `code`, the office's own
/// `name` else.
pub fn label(lang: Lang, code: &str, name: &str) -> String {
    if code.is_empty() {
        name.to_owned()
    } else {
        t(lang, &format!("request-category-{code}"))
    }
}

impl Category {
    /// The name shown in `lang`.
    pub fn label(&self, lang: Lang) -> String {
        label(lang, &self.code, &self.name)
    }

    /// The response target for `urgency`, in hours.
    pub fn target_hours(&self, urgency: Urgency) -> i64 {
        i64::from(match urgency {
            Urgency::Low => self.target_hours_low,
            Urgency::Normal => self.target_hours_normal,
            Urgency::Urgent => self.target_hours_urgent,
        })
    }

    /// The three targets, low to urgent.
    pub fn hours(&self) -> [i32; 3] {
        [
            self.target_hours_low,
            self.target_hours_normal,
            self.target_hours_urgent,
        ]
    }
}

/// (code, French name, hours low / normal / urgent): the categories every office starts with.
pub const DEFAULTS: [(&str, &str, i32, i32, i32); 7] = [
    ("entretien", "Entretien", 336, 168, 24),
    ("salubrite", "Salubrité / vermine", 336, 168, 48),
    ("securite", "Sécurité", 168, 72, 4),
    ("bruit", "Bruit / voisinage", 336, 168, 48),
    ("accessibilite", "Accessibilité", 336, 168, 48),
    ("loyer", "Loyer / bail", 504, 240, 72),
    ("autre", "Autre", 504, 240, 72),
];
