//! No two files of `src/` import each other, directly or round a circle
//! (issue 12, item 3; docs/architecture.md). tests/floors.rs keeps the rooms
//! in order; this keeps the files inside a room in order: types at the bottom
//! (`record.rs`), the store that maps their rows above them, the jobs on top.
//! A circle inside a room came back once when the SQL moved into store
//! modules (a store mapping rows into types defined beside the code that calls
//! the store); this test catches the next one.
//!
//! The check reads the source as text: every `crate::…` and `super::…` path
//! (use groups opened) is resolved to the deepest file of `src/` it names. A
//! module's `mod.rs` only declares its files and re-exports their names, so
//! arrows into a `mod.rs` and its `pub use` lines are not counted (they would
//! make every file that names `crate::room::Type` look tied to all the room).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
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

/// The module path of a file: `offer/store.rs` → [offer, store],
/// `pricing/price_list/mod.rs` → [pricing, price_list].
fn module_path(relative: &str) -> Vec<String> {
    let trimmed = relative.strip_suffix(".rs").unwrap();
    let mut segments: Vec<String> = trimmed.split('/').map(str::to_owned).collect();
    if segments.last().is_some_and(|s| s == "mod") {
        segments.pop();
    }
    segments
}

/// The file of `src/` a module path names, if it is one.
fn file_of(segments: &[String]) -> Option<String> {
    if segments.is_empty() {
        return None;
    }
    let joined = segments.join("/");
    [format!("{joined}.rs"), format!("{joined}/mod.rs")]
        .into_iter()
        .find(|candidate| src().join(candidate).is_file())
}

/// The code without `//` comments and without re-export statements.
fn code_of(source: &str) -> String {
    let code: String = source
        .lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = String::new();
    let mut rest = code.as_str();
    loop {
        let next = ["pub use ", "pub(crate) use ", "pub(super) use "]
            .iter()
            .filter_map(|p| rest.find(p))
            .min();
        match next {
            Some(at) => {
                out.push_str(&rest[..at]);
                let end = rest[at..].find(';').map_or(rest.len(), |e| at + e + 1);
                rest = &rest[end..];
            }
            None => {
                out.push_str(rest);
                return out;
            }
        }
    }
}

fn ident(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// Every path the code names, as segments after `crate` or after the
/// resolved `super`s, with use groups opened one level.
fn paths(code: &str, own: &[String], is_mod_rs: bool) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < code.len() {
        let rest = &code[i..];
        let start = if rest.starts_with("crate::") {
            Some(("crate::".len(), Vec::new()))
        } else if rest.starts_with("super::") {
            // `super` of a file module is its parent; of a mod.rs, the parent's parent.
            let mut base: Vec<String> = own.to_vec();
            if !is_mod_rs || base.len() > 1 {
                base.pop();
            }
            let mut len = "super::".len();
            while code[i + len..].starts_with("super::") {
                base.pop();
                len += "super::".len();
            }
            Some((len, base))
        } else {
            None
        };
        let preceded = i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
        let Some((len, base)) = start.filter(|_| !preceded) else {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let mut segments = base;
        let mut at = i + len;
        loop {
            let name = ident(&code[at..]);
            if name.is_empty() {
                break;
            }
            at += name.len();
            segments.push(name);
            if code[at..].starts_with("::") {
                at += 2;
            } else {
                break;
            }
        }
        if code[at..].starts_with('{') {
            let end = code[at..].find('}').map_or(code.len(), |e| at + e);
            for item in code[at + 1..end].split(',') {
                let mut inner = segments.clone();
                for part in item.trim().split("::") {
                    let name = ident(part.trim());
                    if name.is_empty() || name == "self" {
                        break;
                    }
                    inner.push(name);
                }
                found.push(inner);
            }
            at = end;
        } else {
            found.push(segments);
        }
        i = at.max(i + 1);
    }
    found
}

/// file → the files of src/ it names (arrows into a mod.rs left out).
fn arrows() -> BTreeMap<String, BTreeSet<String>> {
    let src = src();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut arrows = BTreeMap::new();
    for file in files {
        let relative = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if relative == "lib.rs" {
            continue;
        }
        let own = module_path(&relative);
        let is_mod_rs = relative.ends_with("mod.rs");
        let code = code_of(&fs::read_to_string(&file).unwrap());
        let mut to = BTreeSet::new();
        for path in paths(&code, &own, is_mod_rs) {
            let target = (1..=path.len()).rev().find_map(|n| file_of(&path[..n]));
            if let Some(target) = target {
                if target != relative && !target.ends_with("mod.rs") {
                    to.insert(target);
                }
            }
        }
        arrows.insert(relative, to);
    }
    arrows
}

/// The strongly connected groups of more than one file (Tarjan).
fn circles(arrows: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Walk<'a> {
        arrows: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        next: usize,
        found: Vec<Vec<String>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, file: &'a str) {
            self.index.insert(file, self.next);
            self.low.insert(file, self.next);
            self.next += 1;
            self.stack.push(file);
            self.on_stack.insert(file);
            let arrows = self.arrows;
            for to in arrows.get(file).into_iter().flatten() {
                let to = to.as_str();
                if !self.index.contains_key(to) {
                    self.visit(to);
                    let low = self.low[file].min(self.low[to]);
                    self.low.insert(file, low);
                } else if self.on_stack.contains(to) {
                    let low = self.low[file].min(self.index[to]);
                    self.low.insert(file, low);
                }
            }
            if self.low[file] == self.index[file] {
                let mut group = Vec::new();
                while let Some(top) = self.stack.pop() {
                    self.on_stack.remove(top);
                    group.push(top.to_owned());
                    if top == file {
                        break;
                    }
                }
                if group.len() > 1 {
                    group.sort();
                    self.found.push(group);
                }
            }
        }
    }
    let mut walk = Walk {
        arrows,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        found: Vec::new(),
    };
    for file in arrows.keys() {
        if !walk.index.contains_key(file.as_str()) {
            walk.visit(file);
        }
    }
    walk.found
}

#[test]
fn no_files_of_src_import_each_other() {
    let arrows = arrows();
    // The reading works: the offer room's store stands on its record.
    assert!(
        arrows["offer/store.rs"].contains("offer/record.rs"),
        "{:?}",
        arrows["offer/store.rs"]
    );
    let found = circles(&arrows);
    let described: Vec<String> = found
        .iter()
        .map(|group| {
            let ties: Vec<String> = group
                .iter()
                .flat_map(|from| {
                    arrows[from]
                        .iter()
                        .filter(|to| group.contains(to))
                        .map(move |to| format!("{from} → {to}"))
                })
                .collect();
            ties.join(", ")
        })
        .collect();
    assert!(
        described.is_empty(),
        "files that import each other (move the types both need below both, into the \
         room's record.rs, or the code that needs the other file up):\n  {}",
        described.join("\n  ")
    );
}

#[test]
fn a_circle_is_found() {
    // Why: the check above passes trivially if the walk never finds anything.
    let mut arrows = BTreeMap::new();
    let set = |names: &[&str]| names.iter().map(|n| n.to_string()).collect();
    arrows.insert("a.rs".to_owned(), set(&["b.rs"]));
    arrows.insert("b.rs".to_owned(), set(&["c.rs"]));
    arrows.insert("c.rs".to_owned(), set(&["a.rs", "d.rs"]));
    arrows.insert("d.rs".to_owned(), set(&[]));
    assert_eq!(
        circles(&arrows),
        vec![vec![
            "a.rs".to_owned(),
            "b.rs".to_owned(),
            "c.rs".to_owned()
        ]]
    );
}
