//! Search text: lower case, accents stripped, punctuation to spaces, "st"/"ste" spelled out. Stored in
//! a `search_text` column and applied to queries, because SQLite's `lower()` folds ASCII only and
//! PostgreSQL's `LIKE` is case-sensitive: matching folded text behaves the same on both.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Folds `s` for search: "Sainte-Thérèse" and "ste-therese" both give "sainte therese".
pub fn fold(s: &str) -> String {
    let stripped: String = s
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'œ' => 'o', // "cœur" is typed "coeur": keep both searchable by the first letter
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .collect();
    stripped
        .split_whitespace()
        .map(|word| match word {
            "st" => "saint",
            "ste" => "sainte",
            w => w,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The search text of a tenant: names, email and phone digits, so that any of them finds the person.
pub fn tenant_search_text(first_name: &str, last_name: &str, email: &str, phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    fold(&format!("{first_name} {last_name} {email} {digits}"))
}

/// The words of a query, folded; each must appear in the searched text.
pub fn query_terms(q: &str) -> Vec<String> {
    fold(q)
        .split(' ')
        .filter(|w| !w.is_empty())
        .take(8)
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_case_and_saints_fold_alike() {
        assert_eq!(fold("Hélène TREMBLAY"), "helene tremblay");
        assert_eq!(fold("Sainte-Thérèse"), fold("ste-therese"));
        assert_eq!(fold("St-Jérôme"), "saint jerome");
        assert_eq!(fold("  Côte-des-Neiges  "), "cote des neiges");
    }

    #[test]
    fn query_terms_are_folded_words() {
        assert_eq!(
            query_terms("Hélène  ste-therese"),
            ["helene", "sainte", "therese"]
        );
        assert!(query_terms(" - ").is_empty());
    }
}
