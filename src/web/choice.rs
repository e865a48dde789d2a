//! The one option type of form selects, radio groups and checkbox lists, its label already
//! translated when the page is built.

use serde::Serialize;

use crate::i18n::{t, Lang};

/// One option: the submitted value, what the person reads, and whether it is chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

impl Choice {
    pub fn new(value: impl ToString, label: impl Into<String>, selected: bool) -> Choice {
        Choice {
            value: value.to_string(),
            label: label.into(),
            selected,
        }
    }
}

/// Options from `(value, label)` pairs; those whose value is in `selected` are chosen.
pub fn choices<V: ToString>(
    items: impl IntoIterator<Item = (V, String)>,
    selected: &[&str],
) -> Vec<Choice> {
    items
        .into_iter()
        .map(|(value, label)| {
            let value = value.to_string();
            let chosen = selected.contains(&value.as_str());
            Choice {
                value,
                label,
                selected: chosen,
            }
        })
        .collect()
}

/// Options whose labels are catalogue keys made from the value (`<prefix><value>`), translated.
pub fn translated_choices<'a>(
    lang: Lang,
    prefix: &str,
    values: impl IntoIterator<Item = &'a str>,
    selected: &[&str],
) -> Vec<Choice> {
    choices(
        values
            .into_iter()
            .map(|v| (v, t(lang, &format!("{prefix}{v}")))),
        selected,
    )
}

/// `options` after a first empty option labelled by the catalogue key `none_key` ("— none —",
/// "all buildings"), chosen when nothing else is.
pub fn with_none(lang: Lang, none_key: &str, options: Vec<Choice>) -> Vec<Choice> {
    let nothing_chosen = !options.iter().any(|c| c.selected);
    std::iter::once(Choice::new("", t(lang, none_key), nothing_chosen))
        .chain(options)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_selected_value_is_marked_and_none_comes_first() {
        let list = with_none(
            Lang::Fr,
            "filter-all",
            choices([(1, "A".to_owned()), (2, "B".to_owned())], &["2"]),
        );
        assert_eq!(list.len(), 3);
        assert!(!list[0].selected && list[2].selected);
        assert_eq!(list[0].value, "");
    }
}
