//! A category's settings as the administrator's form submits them, parsed once: a name (new
//! categories only), the department it routes to (one of the office's), and three response targets.

use serde::{Deserialize, Serialize};

use crate::domain::ids::DepartmentId;
use crate::domain::{validate, FieldErrors};

/// Longest category name, in characters.
pub const NAME_MAX: usize = 80;

/// Longest response target: a year, in hours.
const HOURS_MAX: i64 = 24 * 365;

/// The form's fields, as text.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct CategoryForm {
    pub name: Option<String>,
    pub department_id: Option<String>,
    pub target_hours_low: Option<String>,
    pub target_hours_normal: Option<String>,
    pub target_hours_urgent: Option<String>,
}

/// A category's settings, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryData {
    /// Empty when changing a category (its name stays).
    pub name: String,
    pub department_id: Option<DepartmentId>,
    /// Low, normal, urgent.
    pub hours: [i32; 3],
}

impl CategoryForm {
    /// The settings, or a message per field; `new` asks for a name, `departments` are the
    /// office's (another is an unknown reference).
    pub fn parse(
        &self,
        new: bool,
        departments: &[DepartmentId],
    ) -> Result<CategoryData, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = match new {
            true => {
                validate::required(&mut e, "name", self.name.as_deref().unwrap_or(""), NAME_MAX)
            }
            false => String::new(),
        };
        let mut hours = [0i32; 3];
        let fields = [
            ("target_hours_low", &self.target_hours_low),
            ("target_hours_normal", &self.target_hours_normal),
            ("target_hours_urgent", &self.target_hours_urgent),
        ];
        for (slot, (field, value)) in hours.iter_mut().zip(fields) {
            *slot = validate::integer(&mut e, field, value.as_deref(), 1, HOURS_MAX, None) as i32;
        }
        let department_id =
            validate::reference(&mut e, "department_id", self.department_id.as_deref());
        if department_id.is_some_and(|d| !departments.contains(&d)) {
            e.add("department_id", "err-unknown-reference");
        }
        e.into_result(CategoryData {
            name,
            department_id,
            hours,
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_hours_and_departments_the_offices() {
        let form = CategoryForm {
            department_id: Some("7".into()),
            target_hours_low: Some("240".into()),
            target_hours_normal: Some("120".into()),
            target_hours_urgent: Some("12".into()),
            ..Default::default()
        };
        let data = form.parse(false, &[DepartmentId(7)]).unwrap();
        assert_eq!(data.hours, [240, 120, 12]);
        let fields: Vec<_> = form.parse(true, &[]).unwrap_err().0.into_keys().collect();
        assert_eq!(fields, ["department_id", "name"]);
    }
}
