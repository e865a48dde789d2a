//! The template registry: templates embedded in the binary, strict mode so that a misspelt variable
//! fails a test instead of rendering empty, and the helpers templates use.

use handlebars::{handlebars_helper, Handlebars};
use rust_embed::RustEmbed;

use crate::i18n::TranslateHelper;

#[derive(RustEmbed)]
#[folder = "templates/"]
#[include = "*.hbs"]
#[exclude = "emails/*"]
struct Templates;

handlebars_helper!(eq: |a: Json, b: Json| a == b);
handlebars_helper!(concat_key: |a: str, b: str| format!("{a}{b}"));

pub fn registry() -> anyhow::Result<Handlebars<'static>> {
    let mut hb = Handlebars::new();
    hb.set_strict_mode(true);
    hb.register_embed_templates_with_extension::<Templates>(".hbs")?;
    hb.register_helper("t", Box::new(TranslateHelper { escape: true }));
    hb.register_helper("eq", Box::new(eq));
    hb.register_helper("concat_key", Box::new(concat_key));
    hb.register_helper("date", Box::new(super::format::DateHelper));
    Ok(hb)
}
