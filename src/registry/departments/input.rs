//! What the department form and the API submit, checked by one set of rules into
//! [`DepartmentData`].

use serde::{Deserialize, Serialize};

use super::{Department, DepartmentData};
use crate::domain::{validate, FieldErrors};

/// A department as submitted.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct DepartmentInput {
    pub name: Option<String>,
    pub email: Option<String>,
}

/// A department to create or replace.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct DepartmentBody {
    #[schema(max_length = 120)]
    pub name: Option<String>,
    /// Where the department receives tenant requests.
    pub email: Option<String>,
}

impl From<DepartmentBody> for DepartmentInput {
    fn from(b: DepartmentBody) -> Self {
        DepartmentInput {
            name: b.name,
            email: b.email,
        }
    }
}

impl DepartmentInput {
    pub fn validate(&self) -> Result<DepartmentData, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = validate::required(&mut e, "name", self.name.as_deref().unwrap_or(""), 120);
        let email = validate::email(&mut e, "email", self.email.as_deref(), true);
        e.into_result(DepartmentData { name, email })
    }

    pub fn from_department(d: &Department) -> Self {
        DepartmentInput {
            name: Some(d.name.clone()),
            email: Some(d.email.clone()),
        }
    }
}
