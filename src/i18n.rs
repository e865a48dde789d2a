//! Translation catalogues (Fluent files under `locales/<lang>/`), the `Lang` type, and the `t` helper
//! used by templates. French is the fallback for every lookup.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext, RenderErrorReason,
};
use serde::{Deserialize, Serialize};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "fr",
        // Unicode isolation marks would show up in emails and CSV files.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language Passerelle speaks. French first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// Parses a stored or submitted code; anything unknown is French.
    pub fn parse(code: &str) -> Lang {
        match code.trim().get(..2).map(str::to_ascii_lowercase).as_deref() {
            Some("en") => Lang::En,
            _ => Lang::Fr,
        }
    }

    /// The first supported language of an `Accept-Language` header, by quality.
    pub fn from_accept_language(header: &str) -> Lang {
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = pieces
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            let lang = if tag.starts_with("fr") {
                Lang::Fr
            } else if tag.starts_with("en") {
                Lang::En
            } else {
                continue;
            };
            if best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }

    fn id(self) -> LanguageIdentifier {
        match self {
            Lang::Fr => fluent_templates::langid!("fr"),
            Lang::En => fluent_templates::langid!("en"),
        }
    }
}

/// Looks up `key` in `lang`'s catalogue (French if missing there).
pub fn t(lang: Lang, key: &str) -> String {
    LOCALES
        .try_lookup(&lang.id(), key)
        .unwrap_or_else(|| key.to_owned())
}

/// Looks up `key` with named arguments.
pub fn t_args(lang: Lang, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue<'_>> = args
        .iter()
        .map(|(k, v)| (Cow::Owned((*k).to_owned()), v.clone()))
        .collect();
    LOCALES
        .try_lookup_with_args(&lang.id(), key, &map)
        .unwrap_or_else(|| key.to_owned())
}

/// Whether the catalogue of `lang` itself (not the fallback) has `key`.
pub fn has_key(lang: Lang, key: &str) -> bool {
    LOCALES
        .lookup_single_language::<&str>(&lang.id(), key, None)
        .is_ok()
}

/// `{{t "key" name=value}}`: translates in the page's language (`lang` at the root of the context,
/// French if absent). In HTML (`escape: true`) arguments and result are escaped, because names come
/// from users; plain-text emails and subjects use `escape: false`.
pub struct TranslateHelper {
    pub escape: bool,
}

impl HelperDef for TranslateHelper {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let key = h
            .param(0)
            .and_then(|v| v.value().as_str())
            .ok_or(RenderErrorReason::ParamNotFoundForIndex("t", 0))?;
        let lang = ctx
            .data()
            .get("lang")
            .and_then(|v| v.as_str())
            .map(Lang::parse)
            .unwrap_or_default();
        let args: Vec<(&str, FluentValue<'_>)> = h
            .hash()
            .iter()
            .map(|(name, value)| {
                let v = match value.value() {
                    serde_json::Value::Number(n) => FluentValue::from(n.as_f64().unwrap_or(0.0)),
                    serde_json::Value::String(s) => FluentValue::from(s.clone()),
                    serde_json::Value::Null => FluentValue::from(""),
                    other => FluentValue::from(other.to_string()),
                };
                (*name, v)
            })
            .collect();
        let text = if args.is_empty() {
            t(lang, key)
        } else {
            t_args(lang, key, &args)
        };
        if self.escape {
            out.write(&handlebars::html_escape(&text))?;
        } else {
            out.write(&text)?;
        }
        Ok(())
    }
}
