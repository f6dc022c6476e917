//! An item's successors: each names an item of the catalog, of the same kind
//! (a service's successor is a service, a product's a product), once; no item
//! is, through its successors, its own successor (A → B → A, or A → A); and a
//! successor is active (it is what the item's customers move to), checked
//! where a person names one or changes a status (`check_status`).

use std::collections::{HashMap, HashSet};

use super::{CatalogRule, CatalogSays, Checker, Kinds, Section, Wording};
use crate::catalog::{CatalogRecords, ItemKind};
use crate::vocabulary::ItemStatus;

/// The successors of the current item (`kind` is its own kind).
pub(super) fn check_successors(
    c: &mut Checker<'_>,
    kind: ItemKind,
    successors: &[String],
    kinds: &Kinds<'_>,
) {
    let code = c.code;
    let mut seen = HashSet::new();
    for (i, successor) in successors.iter().enumerate() {
        let field = format!("successors[{i}]");
        let found = match kinds.get(successor.as_str()) {
            None => Some((
                CatalogRule::MissingReference,
                c.says(CatalogSays::SuccessorUnknown),
            )),
            // Reported as a cycle (by `check_successor_cycles`).
            Some(_) if successor == code => None,
            Some(_) if !seen.insert(successor.as_str()) => {
                Some((CatalogRule::UniqueCode, c.says(CatalogSays::SuccessorTwice)))
            }
            Some((other, _)) if *other != kind => Some((
                CatalogRule::SuccessorKind,
                c.says(CatalogSays::SuccessorOtherKind)
                    .item_kind("kind", kind)
                    .item_kind("successor_kind", *other),
            )),
            // Whether it is active is `check_status`'s question.
            Some(_) => None,
        };
        if let Some((rule, said)) = found {
            c.add(field, rule, said.text("successor", successor));
        }
    }
}

/// No item is its own successor, directly or through others. Each cycle is
/// reported once, at the successor field that closes it.
pub(super) fn check_successor_cycles<'a>(c: &mut Checker<'a>, catalog: &'a CatalogRecords) {
    let items = catalog
        .services
        .iter()
        .enumerate()
        .map(|(i, s)| (Section::Services, i, s.code.as_str(), &s.successors))
        .chain(
            catalog
                .products
                .iter()
                .enumerate()
                .map(|(i, p)| (Section::Products, i, p.code.as_str(), &p.successors)),
        );
    let mut next: HashMap<&'a str, (Section, usize, &'a [String])> = HashMap::new();
    for (section, index, code, successors) in items {
        if !successors.is_empty() {
            next.entry(code).or_insert((section, index, successors));
        }
    }
    let mut starts: Vec<&'a str> = next.keys().copied().collect();
    starts.sort_unstable();
    let mut done: HashSet<&'a str> = HashSet::new();
    for start in starts {
        if done.contains(start) {
            continue;
        }
        // Iterative depth-first search; `path` is the current path with the
        // index of the next successor to follow.
        let mut path: Vec<(&'a str, usize)> = vec![(start, 0)];
        let mut open: HashSet<&'a str> = HashSet::from([start]);
        while let Some(&(node, at)) = path.last() {
            let Some(&(section, index, successors)) = next.get(node) else {
                done.insert(node);
                open.remove(node);
                path.pop();
                continue;
            };
            let Some(target) = successors.get(at) else {
                done.insert(node);
                open.remove(node);
                path.pop();
                continue;
            };
            if let Some(top) = path.last_mut() {
                top.1 += 1;
            }
            let target = target.as_str();
            if open.contains(target) {
                let from = path.iter().position(|(n, _)| *n == target).unwrap_or(0);
                let mut cycle: Vec<&str> = path[from..].iter().map(|(n, _)| *n).collect();
                cycle.push(target);
                c.at(section, index, node);
                let said = if cycle.len() == 2 {
                    c.says(CatalogSays::SuccessorItself)
                } else {
                    Wording::new(CatalogSays::SuccessorCycle).text("cycle", cycle.join(" → "))
                };
                c.add(
                    format!("successors[{at}]"),
                    CatalogRule::SuccessorCycle,
                    said,
                );
            } else if !done.contains(target) {
                open.insert(target);
                path.push((target, 0));
            }
        }
    }
}

/// The successors that are not active, of the items `touched` says an action
/// writes and of the items that name one of those as successor. A successor
/// missing, of another kind, named twice or the item itself is another rule's
/// violation and not repeated here.
pub(super) fn check_status<'a>(
    c: &mut Checker<'a>,
    catalog: &'a CatalogRecords,
    touched: &dyn Fn(&str) -> bool,
) {
    let mut items: HashMap<&str, (ItemKind, ItemStatus)> = HashMap::new();
    for s in &catalog.services {
        items.insert(&s.code, (s.kind.item_kind(), s.status));
    }
    for p in &catalog.products {
        items.insert(&p.code, (ItemKind::Product, p.status));
    }
    let named = catalog
        .services
        .iter()
        .enumerate()
        .map(|(i, s)| {
            (
                Section::Services,
                i,
                s.code.as_str(),
                s.kind.item_kind(),
                &s.successors,
            )
        })
        .chain(catalog.products.iter().enumerate().map(|(i, p)| {
            (
                Section::Products,
                i,
                p.code.as_str(),
                ItemKind::Product,
                &p.successors,
            )
        }));
    for (section, index, code, kind, successors) in named {
        c.at(section, index, code);
        let mut seen = HashSet::new();
        for (i, successor) in successors.iter().enumerate() {
            let Some(&(other, status)) = items.get(successor.as_str()) else {
                continue;
            };
            let first = seen.insert(successor.as_str());
            if !first || successor == code || other != kind || status == ItemStatus::Active {
                continue;
            }
            if touched(code) || touched(successor) {
                let said = c
                    .says(CatalogSays::SuccessorNotActive)
                    .text("successor", successor)
                    .item_status("status", status);
                c.add(
                    format!("successors[{i}]"),
                    CatalogRule::SuccessorStatus,
                    said,
                );
            }
        }
    }
}
