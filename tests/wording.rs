//! The core's sentences and the UI's German tables say the same thing: every
//! sentence has a German line, and each German line names exactly the values
//! its English template names (so no value is lost or left as `{name}`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use servicefolio::error::{CatalogSays, InputSays, RefusalSays};

/// `key: 'text',` lines of a table in ui/src/lib/i18n/wording/.
fn german_table(file: &str) -> BTreeMap<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("ui/src/lib/i18n/wording")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut table = BTreeMap::new();
    for line in text.lines() {
        let line = line.trim();
        let Some((key, rest)) = line.split_once(": '") else {
            continue;
        };
        if !key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            continue;
        }
        let value = rest
            .strip_suffix("',")
            .or_else(|| rest.strip_suffix('\''))
            .unwrap_or_else(|| {
                panic!("{file}: the line of {key} is not one quoted string: {line}")
            });
        table.insert(key.to_owned(), value.replace("\\'", "'"));
    }
    table
}

fn names(template: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        found.insert(after[..close].to_owned());
        rest = &after[close + 1..];
    }
    found
}

fn key<T: serde::Serialize>(says: T) -> String {
    serde_json::to_value(says)
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned()
}

fn check<T: serde::Serialize + Copy>(file: &str, all: &[T], english: impl Fn(T) -> &'static str) {
    let german = german_table(file);
    let mut problems = Vec::new();
    let keys: BTreeSet<String> = all.iter().map(|s| key(*s)).collect();
    for says in all {
        let k = key(*says);
        match german.get(&k) {
            None => problems.push(format!("{k}: no German line")),
            Some(line) if names(line) != names(english(*says)) => problems.push(format!(
                "{k}: the German names {:?}, the English {:?}",
                names(line),
                names(english(*says))
            )),
            Some(_) => {}
        }
    }
    for k in german.keys().filter(|k| !keys.contains(*k)) {
        problems.push(format!("{k}: a German line for no sentence"));
    }
    assert!(problems.is_empty(), "{file}:\n{}", problems.join("\n"));
}

#[test]
fn every_catalog_sentence_has_its_german_line_with_the_same_values() {
    check("catalog.de.ts", CatalogSays::ALL, CatalogSays::english);
}

#[test]
fn every_input_sentence_has_its_german_line_with_the_same_values() {
    check("input.de.ts", InputSays::ALL, InputSays::english);
}

#[test]
fn every_refusal_sentence_has_its_german_line_with_the_same_values() {
    check("refusal.de.ts", RefusalSays::ALL, RefusalSays::english);
}

#[test]
fn a_german_line_that_drops_a_value_is_caught() {
    assert_ne!(
        names("{item}: Der Name ist leer."),
        names("{item}: the {field} is empty")
    );
    assert_eq!(
        names("a {b} c {d}"),
        BTreeSet::from(["b".to_owned(), "d".to_owned()])
    );
}
