//! No cycle of requirements and mandatory links, also through category rules.

use std::collections::HashMap;

use super::{CatalogRule, CatalogSays, Checker, Section, Wording};
use crate::catalog::{CatalogRecords, LinkMode, RuleMatcher};

/// Requirements and mandatory links must form no cycle: booking anything on a
/// cycle would pull in itself.
pub(super) fn check_cycles<'a>(
    c: &mut Checker<'a>,
    catalog: &'a CatalogRecords,
    labels: &'a [String],
) {
    /// An item by its code, or a category rule by its index; a product
    /// governed by a rule depends on the rule's mandatory links.
    #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    enum Node<'a> {
        Rule(usize),
        Item(&'a str),
    }
    struct Edge<'a> {
        target: Node<'a>,
        section: Section,
        index: usize,
        field: String,
    }
    let name = |node: Node<'a>| -> &'a str {
        match node {
            Node::Item(code) => code,
            Node::Rule(i) => &labels[i],
        }
    };
    let matcher = RuleMatcher::new(catalog.category_rules.iter());
    let mut edges: HashMap<Node<'a>, Vec<Edge<'a>>> = HashMap::new();
    let items = catalog
        .services
        .iter()
        .enumerate()
        .map(|(i, s)| (Section::Services, i, s.code.as_str(), &s.requires, &s.links))
        .chain(
            catalog
                .products
                .iter()
                .enumerate()
                .map(|(i, p)| (Section::Products, i, p.code.as_str(), &p.requires, &p.links)),
        );
    for (section, index, code, requires, links) in items {
        let out = edges.entry(Node::Item(code)).or_default();
        out.extend(requires.iter().enumerate().map(|(j, r)| Edge {
            target: Node::Item(r.service.as_str()),
            section,
            index,
            field: format!("requires[{j}].service"),
        }));
        out.extend(
            links
                .iter()
                .enumerate()
                .filter(|(_, l)| l.mode == LinkMode::Mandatory)
                .map(|(j, l)| Edge {
                    target: Node::Item(l.item.as_str()),
                    section,
                    index,
                    field: format!("links[{j}].item"),
                }),
        );
    }
    for (index, p) in catalog.products.iter().enumerate() {
        if !p.allowed_contexts.is_empty() {
            continue;
        }
        if let Some(rule) = matcher.slot_for(&p.category, &p.manufacturer) {
            edges.entry(Node::Item(&p.code)).or_default().push(Edge {
                target: Node::Rule(rule),
                section: Section::Products,
                index,
                field: "category".into(),
            });
        }
    }
    for (index, rule) in catalog.category_rules.iter().enumerate() {
        let out = edges.entry(Node::Rule(index)).or_default();
        out.extend(
            rule.links
                .iter()
                .enumerate()
                .filter(|(_, l)| l.mode == LinkMode::Mandatory)
                .map(|(j, l)| Edge {
                    target: Node::Item(l.item.as_str()),
                    section: Section::CategoryRules,
                    index,
                    field: format!("links[{j}].item"),
                }),
        );
    }

    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    let mut marks: HashMap<Node<'a>, Mark> = HashMap::new();
    let mut starts: Vec<Node<'a>> = edges.keys().copied().collect();
    starts.sort_unstable();
    for start in starts {
        if marks.contains_key(&start) {
            continue;
        }
        // Iterative depth-first search; `stack` is the current path.
        let mut stack: Vec<(Node<'a>, usize)> = vec![(start, 0)];
        marks.insert(start, Mark::Open);
        while let Some((node, next)) = stack.last().copied() {
            let out = edges.get(&node).map(Vec::as_slice).unwrap_or(&[]);
            let Some(edge) = out.get(next) else {
                marks.insert(node, Mark::Done);
                stack.pop();
                continue;
            };
            if let Some(top) = stack.last_mut() {
                top.1 += 1;
            }
            match marks.get(&edge.target) {
                Some(Mark::Open) => {
                    let from = stack
                        .iter()
                        .position(|(n, _)| *n == edge.target)
                        .unwrap_or(0);
                    let mut cycle: Vec<&str> =
                        stack[from..].iter().map(|(n, _)| name(*n)).collect();
                    cycle.push(name(edge.target));
                    c.at(edge.section, edge.index, name(node));
                    let said = Wording::new(CatalogSays::Cycle).text("cycle", cycle.join(" → "));
                    c.add(edge.field.clone(), CatalogRule::Cycle, said);
                }
                Some(Mark::Done) => {}
                None => {
                    marks.insert(edge.target, Mark::Open);
                    stack.push((edge.target, 0));
                }
            }
        }
    }
}
