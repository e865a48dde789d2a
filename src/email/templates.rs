//! The email template registries: one escaping HTML for `body.html.hbs`, one plain for the subject and
//! `body.txt.hbs` (an apostrophe in a tenant's name must not become `&#x27;` in a text email).

use handlebars::Handlebars;
use rust_embed::RustEmbed;
use serde::Serialize;

use crate::i18n::TranslateHelper;

#[derive(RustEmbed)]
#[folder = "templates/emails/"]
#[include = "*.hbs"]
struct EmailFiles;

/// Subject, text and HTML of one rendered message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

pub struct EmailTemplates {
    html: Handlebars<'static>,
    text: Handlebars<'static>,
}

impl EmailTemplates {
    pub fn load() -> anyhow::Result<EmailTemplates> {
        let build = |escape: bool| -> anyhow::Result<Handlebars<'static>> {
            let mut hb = Handlebars::new();
            hb.set_strict_mode(true);
            if !escape {
                hb.register_escape_fn(handlebars::no_escape);
            }
            hb.register_embed_templates_with_extension::<EmailFiles>(".hbs")?;
            hb.register_helper("t", Box::new(TranslateHelper { escape }));
            hb.register_helper("eq", Box::new(crate::web::templates::eq));
            hb.register_helper("date", Box::new(crate::web::format::DateHelper));
            Ok(hb)
        };
        Ok(EmailTemplates {
            html: build(true)?,
            text: build(false)?,
        })
    }

    /// Renders template folder `name` with `context` (which carries `lang` at its root).
    pub fn render(
        &self,
        name: &str,
        context: &impl Serialize,
    ) -> Result<Rendered, handlebars::RenderError> {
        let subject = self.text.render(&format!("{name}/subject"), context)?;
        Ok(Rendered {
            subject: subject.split_whitespace().collect::<Vec<_>>().join(" "),
            text: self.text.render(&format!("{name}/body.txt"), context)?,
            html: self.html.render(&format!("{name}/body.html"), context)?,
        })
    }

    /// Whether `name` is a complete email template folder.
    pub fn has(&self, name: &str) -> bool {
        ["subject", "body.txt", "body.html"]
            .iter()
            .all(|part| self.html.has_template(&format!("{name}/{part}")))
    }
}
