//! The scope form, parsed by the role of the account it is about.

use crate::domain::ids::{BuildingId, TenantId};
use crate::domain::roles::Role;
use crate::domain::{validate, FieldErrors};

/// The scope form, read from its pairs because `building_id` repeats (one per checked building).
#[derive(Debug, Clone, Default)]
pub struct ScopeForm {
    pub csrf: String,
    pub building_ids: Vec<String>,
    pub tenant_id: Option<String>,
}

/// What an account acts for below the office, by its role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScopeData {
    /// A committee account: these buildings.
    Buildings(Vec<BuildingId>),
    /// A tenant account: this tenant record, or none yet.
    Tenant(Option<TenantId>),
    /// Other roles act for the whole office (or their department): nothing to keep.
    Office,
}

impl ScopeForm {
    pub fn from_pairs(pairs: Vec<(String, String)>) -> ScopeForm {
        let mut form = ScopeForm::default();
        for (name, value) in pairs {
            let value = value.trim().to_owned();
            match name.as_str() {
                "_csrf" if form.csrf.is_empty() => form.csrf = value,
                "building_id" => form.building_ids.push(value),
                "tenant_id" if form.tenant_id.is_none() => form.tenant_id = Some(value),
                _ => {}
            }
        }
        form
    }

    /// The scope of an account of `role`; ids that are not numbers among the checked buildings
    /// are ignored (no form offers them).
    pub fn parse(&self, role: Role) -> Result<ScopeData, FieldErrors> {
        let mut e = FieldErrors::new();
        let data = match role {
            Role::Committee => ScopeData::Buildings(
                self.building_ids
                    .iter()
                    .filter_map(|v| v.parse().ok())
                    .collect(),
            ),
            Role::Tenant => ScopeData::Tenant(validate::reference(
                &mut e,
                "tenant_id",
                self.tenant_id.as_deref(),
            )),
            _ => ScopeData::Office,
        };
        e.into_result(data)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_scope_form_keeps_every_checked_building_and_one_tenant() {
        let pairs = [
            ("_csrf", "t"),
            ("building_id", "3"),
            ("building_id", " 5 "),
            ("building_id", "x"),
        ];
        let form = ScopeForm::from_pairs(
            pairs
                .iter()
                .map(|(k, v)| ((*k).into(), (*v).into()))
                .collect(),
        );
        assert_eq!(form.csrf, "t");
        assert_eq!(
            form.parse(Role::Committee).unwrap(),
            ScopeData::Buildings(vec![BuildingId(3), BuildingId(5)])
        );
        assert_eq!(form.parse(Role::Tenant).unwrap(), ScopeData::Tenant(None));
        let bad = ScopeForm {
            tenant_id: Some("douze".into()),
            ..form
        };
        assert_eq!(
            bad.parse(Role::Tenant).unwrap_err().0["tenant_id"].code,
            "err-unknown-reference"
        );
        assert_eq!(bad.parse(Role::Isc).unwrap(), ScopeData::Office);
    }
}
