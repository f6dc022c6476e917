//! Every table has one owner (issue 12, item 2; docs/store.md): the store
//! module of its aggregate alone writes it and maps its rows. A reader who
//! wants to know how `instance` rows come and go opens `src/booking/store.rs`
//! and sees all of it; a change to a table's columns touches one module.
//!
//! The check reads the source as text: every `INSERT [OR …] INTO t`,
//! `REPLACE INTO t`, `UPDATE [OR …] t` and `DELETE FROM t` in `src/` (outside
//! comments) must sit in the owner of `t`; every table of the committed schema
//! (`src/store/schema.sql`) must have exactly one owner; an owner must exist.
//! Migrations (`src/store/migrations/`) are exempt: they move existing data
//! from one schema to the next, across aggregates, once.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Each aggregate's store module (a file `<path>.rs` or a folder `<path>/`)
/// and the tables it owns.
const OWNERS: &[(&str, &str, &[&str])] = &[
    (
        "catalog items",
        "src/catalog/store/items",
        &[
            "catalog_item",
            "service",
            "service_variant",
            "option_group",
            "option_choice",
            "option_group_variant",
            "item_context",
            "item_link",
            "requirement",
            "add_on",
            "add_on_target",
            "service_component",
            "rental_terms",
            "purchase_terms",
            "leasing_terms",
            "item_successor",
        ],
    ),
    (
        "products and supplier offers",
        "src/catalog/store/products",
        &["product", "supplier_offer", "product_search"],
    ),
    (
        "category rules",
        "src/catalog/store/category_rules",
        &[
            "category_rule",
            "category_rule_category",
            "category_rule_context",
            "category_rule_link",
        ],
    ),
    (
        "customers and structure",
        "src/customer/store",
        &[
            "customer",
            "location",
            "employee",
            "workplace",
            "cloud_container",
            "onboarding_template",
        ],
    ),
    (
        "instances",
        "src/booking/store",
        &[
            "instance",
            "instance_option",
            "instance_prerequisite",
            "instance_transition",
            "instance_add_on",
        ],
    ),
    (
        "offers",
        "src/offer/store",
        &["offer", "offer_group", "offer_line", "offer_event"],
    ),
    (
        "price lists",
        "src/pricing/store/price_lists",
        &[
            "price_list",
            "price_list_variant",
            "price_list_option",
            "price_list_discount",
        ],
    ),
    (
        "price rules",
        "src/pricing/store/price_rules",
        &["price_rule"],
    ),
    (
        "imports",
        "src/master/store",
        &[
            "import_run",
            "import_problem",
            "import_discontinued",
            "import_price_conversion",
            "import_price_type",
            "mapping_profile",
        ],
    ),
    ("settings", "src/settings", &["settings"]),
    (
        "the store's revision",
        "src/store/revision",
        &["store_revision"],
    ),
];

/// Writes still to be moved into their owner: (file, table). The test fails
/// when one of these is gone, so the list only shrinks: delete the line then.
/// None is left (issue 12, item 2); a new table's writes go into its owner,
/// they are not listed here.
#[rustfmt::skip]
const NOT_YET: &[(&str, &str)] = &[];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The source without `//` comments (doc comments included), so prose that
/// says "UPDATE" is not taken for SQL. A `//` inside a string literal would be
/// cut too; SQL in this code base has none.
fn without_comments(source: &str) -> String {
    source
        .lines()
        .map(|line| match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The words of a text: runs of letters, digits and `_`; anything else is
/// kept as a one-character word so that `{table}` is not taken for a name.
fn words(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            current.push(c);
        } else {
            if !current.is_empty() {
                found.push(std::mem::take(&mut current));
            }
            if !c.is_whitespace() && c != '\\' && c != '"' {
                found.push(c.to_string());
            }
        }
    }
    if !current.is_empty() {
        found.push(current);
    }
    found
}

/// The tables a text writes, as (statement, table) in order of appearance.
fn writes(text: &str) -> Vec<(String, String)> {
    let words = words(text);
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let word = words[i].as_str();
        let mut target = None;
        match word {
            "INSERT" | "REPLACE" => {
                let mut j = i + 1;
                if words.get(j).map(String::as_str) == Some("OR") {
                    j += 2;
                }
                if words.get(j).map(String::as_str) == Some("INTO") {
                    target = Some((format!("{word} INTO"), j + 1));
                }
            }
            "UPDATE" => {
                let mut j = i + 1;
                if words.get(j).map(String::as_str) == Some("OR") {
                    j += 2;
                }
                // `ON CONFLICT … DO UPDATE SET` is part of an INSERT; a
                // trigger's `UPDATE OF` names columns.
                let previous = i.checked_sub(1).map(|p| words[p].as_str());
                let next = words.get(j).map(String::as_str);
                if previous != Some("DO") && next != Some("SET") && next != Some("OF") {
                    target = Some(("UPDATE".to_owned(), j));
                }
            }
            "DELETE" if words.get(i + 1).map(String::as_str) == Some("FROM") => {
                target = Some(("DELETE FROM".to_owned(), i + 2));
            }
            _ => {}
        }
        if let Some((statement, at)) = target {
            let table = words.get(at).cloned().unwrap_or_default();
            found.push((statement, table));
        }
        i += 1;
    }
    found
}

fn owner_of(table: &str) -> Option<(&'static str, &'static str)> {
    OWNERS
        .iter()
        .find(|(_, _, tables)| tables.contains(&table))
        .map(|(aggregate, path, _)| (*aggregate, *path))
}

fn is_in(relative: &str, owner: &str) -> bool {
    relative == format!("{owner}.rs") || relative.starts_with(&format!("{owner}/"))
}

#[test]
fn every_table_is_written_only_by_its_owner() {
    let root = root();
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    let mut wrong = BTreeSet::new();
    for file in &files {
        let relative = file
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if relative.starts_with("src/store/migrations") {
            continue;
        }
        let source = fs::read_to_string(file).unwrap();
        for (statement, table) in writes(&without_comments(&source)) {
            let fine = match owner_of(&table) {
                Some((_, owner)) => is_in(&relative, owner),
                None => false,
            };
            if !fine {
                wrong.insert((relative.clone(), statement, table));
            }
        }
    }
    let listed: BTreeSet<(String, String)> = NOT_YET
        .iter()
        .map(|(f, t)| ((*f).to_owned(), (*t).to_owned()))
        .collect();
    let unlisted: Vec<String> = wrong
        .iter()
        .filter(|(f, _, t)| !listed.contains(&(f.clone(), t.clone())))
        .map(|(file, statement, table)| match owner_of(table) {
            Some((aggregate, owner)) => {
                format!("{file}: {statement} {table}: {table} belongs to {aggregate} ({owner})")
            }
            None => format!("{file}: {statement} {table}: no aggregate owns `{table}`"),
        })
        .collect();
    assert!(
        unlisted.is_empty(),
        "SQL that writes a table outside its owner; move it into the owner's \
         store module and call that:\n{}",
        unlisted.join("\n")
    );
    let gone: Vec<String> = listed
        .iter()
        .filter(|(f, t)| !wrong.iter().any(|(wf, _, wt)| wf == f && wt == t))
        .map(|(f, t)| format!("({f:?}, {t:?})"))
        .collect();
    assert!(
        gone.is_empty(),
        "moved to its owner: delete from NOT_YET: {}",
        gone.join(", ")
    );
}

/// The tables of the committed schema, FTS5's own shadow tables left out (SQLite
/// writes those, never our SQL).
fn schema_tables() -> BTreeSet<String> {
    let schema = fs::read_to_string(root().join("src/store/schema.sql")).unwrap();
    let words = words(&schema);
    let mut tables = BTreeSet::new();
    for (i, word) in words.iter().enumerate() {
        if word == "TABLE" && i > 0 && (words[i - 1] == "CREATE" || words[i - 1] == "VIRTUAL") {
            tables.insert(words[i + 1].clone());
        }
    }
    tables
}

#[test]
fn every_table_of_the_schema_has_exactly_one_owner() {
    let tables = schema_tables();
    assert!(
        tables.contains("catalog_item") && tables.len() > 40,
        "{tables:?}"
    );
    let mut owned = Vec::new();
    for (_, _, list) in OWNERS {
        owned.extend(list.iter().map(|t| (*t).to_owned()));
    }
    let unique: BTreeSet<String> = owned.iter().cloned().collect();
    assert_eq!(
        unique.len(),
        owned.len(),
        "a table is listed under two owners"
    );
    let unowned: Vec<&String> = tables.difference(&unique).collect();
    assert!(unowned.is_empty(), "tables without an owner: {unowned:?}");
    let unknown: Vec<&String> = unique.difference(&tables).collect();
    assert!(
        unknown.is_empty(),
        "owned tables the schema lacks: {unknown:?}"
    );
}

#[test]
fn every_owner_exists() {
    let root = root();
    for (aggregate, owner, _) in OWNERS {
        let file = root.join(format!("{owner}.rs"));
        let folder = root.join(owner);
        assert!(
            file.is_file() || folder.is_dir(),
            "the store module of {aggregate} ({owner}) is missing"
        );
    }
}

#[test]
fn the_scanner_finds_every_form_of_write() {
    // Why: the check above is only as good as its reading of SQL.
    let sql = r#"conn.execute("INSERT INTO offer (id) VALUES (?1) ON CONFLICT (id) DO UPDATE SET id = 1", [])
        "INSERT OR IGNORE INTO product_search (rowid) VALUES (1)"
        "REPLACE INTO settings VALUES (1)"
        "UPDATE
             instance SET status = ?1"
        "UPDATE OR ROLLBACK customer SET name = ?1"
        "DELETE FROM workplace WHERE id = ?1"
        "SELECT * FROM employee"
        format!("DELETE FROM {table}")"#;
    let found: Vec<(String, String)> = writes(sql);
    let as_str: Vec<(&str, &str)> = found
        .iter()
        .map(|(s, t)| (s.as_str(), t.as_str()))
        .collect();
    assert_eq!(
        as_str,
        vec![
            ("INSERT INTO", "offer"),
            ("INSERT INTO", "product_search"),
            ("REPLACE INTO", "settings"),
            ("UPDATE", "instance"),
            ("UPDATE", "customer"),
            ("DELETE FROM", "workplace"),
            ("DELETE FROM", "{"),
        ]
    );
    assert_eq!(
        writes(&without_comments("// UPDATE the plan\nlet x = 1;")),
        vec![]
    );
}
