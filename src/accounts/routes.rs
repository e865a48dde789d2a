//! Transitional: `Empty` lives in `crate::web::csrf`; this path stays only until the areas that
//! still name it here use that one.

pub use crate::web::csrf::Empty;
