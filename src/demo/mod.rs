//! (Being written.) The demo data generator.

use crate::db::DbConnection;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    Small,
    Large,
    Network,
}

impl Scale {
    pub fn parse(s: &str) -> anyhow::Result<Scale> {
        match s {
            "small" => Ok(Scale::Small),
            "large" => Ok(Scale::Large),
            "network" => Ok(Scale::Network),
            other => anyhow::bail!("unknown scale {other}: small, large or network"),
        }
    }
}

pub fn generate(
    _conn: &mut DbConnection,
    _scale: Scale,
    _password: &str,
    _seed: u64,
) -> anyhow::Result<String> {
    anyhow::bail!("not yet")
}
