//! The housing registry: the office, its departments, buildings, community rooms, dwellings and
//! tenants, with CSV import and export. Each is a sub-folder with the capability's shape; their
//! paths are listed in `routes/registry.rs`.

pub mod buildings;
pub mod departments;
pub mod dwellings;
pub mod import;
pub mod office;
pub mod rooms;
pub mod tenants;
