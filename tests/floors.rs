//! The floors of the core (src/lib.rs, docs/architecture.md): every module of
//! `src/` stands on a floor and may use only the modules below it, so the core
//! has no import circles and no arrow that runs back up. A later change that
//! makes a low module name a higher one (a shared type defined where it is
//! first needed, an error detail that lives with its caller) fails here instead
//! of quietly tying the house in a knot.
//!
//! The check reads the source as text: every `crate::module` path (in `use`
//! lines and inline, tests inside src/ included) and the root names src/lib.rs
//! re-exports (`crate::Error`, `crate::Store`, ...).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// The modules of `src/`, from the ground floor up. A module may use only
/// those before it in this list.
const FLOORS: &[&str] = &[
    "limits",     // the bounds: sizes, depths, amounts, quantities, terms
    "vocabulary", // the words error details share: contexts, statuses, offer type
    "error",      // the typed error every room returns
    "money",      // decimal amounts, checked against the bounds
    "files",      // reading and writing the files the app is given
    "store",      // the SQLite connection, migrations, revisions
    "catalog",    // the provider's items, their terms and rules
    "portfolio",  // the portfolio file format
    "demo",       // the demo portfolio a new database starts with; the app's opens
    "contract",   // line terms, blocking instances
    "feed",       // supplier feeds, parsed
    "customer",   // customers and their structure
    "pricing",    // price lists, rules, line and offer totals
    "master",     // master data: import of supplier offers, reports, profiles
    "booking",    // plans, instances and their life
    "locale",     // how documents write amounts, dates and labels
    "settings",   // the company's settings
    "offer",      // offers and their documents
];

/// Names src/lib.rs re-exports at the crate root, and the module each is from.
const ROOT_NAMES: &[(&str, &str)] = &[
    ("Error", "error"),
    ("ErrorDetails", "error"),
    ("ErrorKind", "error"),
    ("ErrorPayload", "error"),
    ("FileAction", "error"),
    ("FileProblem", "error"),
    ("Result", "error"),
    ("Store", "store"),
    ("StoreReader", "store"),
];

/// Arrows that still run back up, each with who takes it away. The test fails
/// when one of these is gone, so the list only shrinks: delete the line then.
/// None is left (issue 12, item 3): the error's typed details live in
/// src/error/ and the words they use in src/vocabulary/, below every room that
/// raises them. Keep it empty; a new arrow up is moved, not listed.
#[rustfmt::skip]
const NOT_YET: &[(&str, &str, &str)] = &[];

fn floor_of(module: &str) -> Option<usize> {
    FLOORS.iter().position(|m| *m == module)
}

/// The module of `src/` a file belongs to (`src/booking/plan.rs` → `booking`).
fn module_of(relative: &Path) -> String {
    let first = relative.components().next().unwrap();
    let name = first.as_os_str().to_string_lossy();
    name.strip_suffix(".rs").unwrap_or(&name).to_owned()
}

fn rust_files(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The first segment of every `crate::` path in `code`, with `crate::{a, b::c}`
/// groups opened (comments are dropped first).
fn crate_paths(code: &str) -> BTreeSet<String> {
    let code: String = code
        .lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut found = BTreeSet::new();
    let mut rest = code.as_str();
    while let Some(i) = rest.find("crate::") {
        let preceded_by_ident = rest[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        rest = &rest[i + "crate::".len()..];
        if preceded_by_ident {
            continue; // `mycrate::`, not ours
        }
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').expect("a closed use group");
            for item in group[..end].split(',') {
                let head: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !head.is_empty() {
                    found.insert(head);
                }
            }
        } else {
            let head: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            found.insert(head);
        }
    }
    found
}

/// Every arrow between two modules of src/, with the files that draw it.
fn arrows() -> BTreeMap<(String, String), BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut arrows: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let relative = file.strip_prefix(&src).unwrap().to_owned();
        let from = module_of(&relative);
        if from == "lib" {
            continue; // the root only declares the modules and re-exports
        }
        for head in crate_paths(&fs::read_to_string(&file).unwrap()) {
            let to = match ROOT_NAMES.iter().find(|(name, _)| *name == head) {
                Some((_, module)) => module.to_string(),
                None => head.clone(),
            };
            assert!(
                floor_of(&to).is_some(),
                "{} names crate::{head}, which is neither a module on a floor nor a \
                 root name this test knows: add the module to FLOORS (at its floor) or \
                 the re-export to ROOT_NAMES",
                relative.display()
            );
            if to != from {
                arrows
                    .entry((from.clone(), to))
                    .or_default()
                    .insert(relative.display().to_string());
            }
        }
    }
    arrows
}

#[test]
fn every_module_of_src_stands_on_a_floor() {
    // A new module needs a floor, or the check below would skip it.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let module = module_of(path.strip_prefix(&src).unwrap());
        if module == "lib" || (path.is_file() && path.extension().is_none_or(|e| e != "rs")) {
            continue;
        }
        assert!(
            floor_of(&module).is_some(),
            "src/{module} stands on no floor: add it to FLOORS in tests/floors.rs, above \
             every module it uses and below every module that uses it"
        );
    }
}

#[test]
fn no_module_uses_one_above_it() {
    // Uses between floors only go down; the ones still going up are listed in
    // NOT_YET with what removes them, and none may be added.
    let arrows = arrows();
    let mut up = Vec::new();
    for ((from, to), files) in &arrows {
        let allowed = NOT_YET.iter().any(|(f, t, _)| f == from && t == to);
        if floor_of(to) > floor_of(from) && !allowed {
            up.push(format!(
                "{from} uses {to}, which stands above it (in {})",
                files.iter().cloned().collect::<Vec<_>>().join(", ")
            ));
        }
    }
    assert!(
        up.is_empty(),
        "arrows that run back up:\n  {}\n\
         Move what the lower module needs down to its floor or below (a shared type \
         into the module whose words it is, e.g. src/contract/), or move the code that \
         needs the higher module up; the order is FLOORS in tests/floors.rs and the \
         comment at the top of src/lib.rs.",
        up.join("\n  ")
    );
}

#[test]
fn the_arrows_not_yet_removed_still_exist() {
    // Keeps NOT_YET honest: once a change removes one of these arrows, its line
    // goes too, so the arrow cannot come back unnoticed.
    let arrows = arrows();
    for (from, to, why) in NOT_YET {
        assert!(
            arrows.contains_key(&(from.to_string(), to.to_string())),
            "{from} no longer uses {to} ({why}): delete its line from NOT_YET in tests/floors.rs"
        );
    }
}
