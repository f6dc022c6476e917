//! The rules of category rules: a unique name, categories and manufacturer as
//! products state them, at least one context, and no two rules claiming the
//! same products.

use std::collections::{HashMap, HashSet};

use super::references::check_links;
use super::{check_text, CatalogRule, Checker, Kinds, Section};
use crate::catalog::CategoryRuleRecord;

/// Category rules: a unique name, categories and manufacturer as products state
/// them, at least one context, links like an item's, and no two rules claiming
/// the same products (the same category for the same manufacturer, the same
/// manufacturer, or two default rules).
pub(super) fn check_category_rules<'a>(
    c: &mut Checker<'a>,
    rules: &'a [CategoryRuleRecord],
    labels: &'a [String],
    kinds: &Kinds<'_>,
) {
    let mut names: HashMap<String, usize> = HashMap::new();
    // (category, manufacturer), lower-case, "" for any → the rule that claims it.
    let mut claimed: HashMap<(String, String), usize> = HashMap::new();
    for (i, rule) in rules.iter().enumerate() {
        c.at(Section::CategoryRules, i, &labels[i]);
        if check_text(c, "name", "name", &rule.name) {
            if let Some(first) = names.get(&rule.name.to_ascii_lowercase()) {
                c.add(
                    "name",
                    CatalogRule::UniqueCode,
                    format!(
                        "the name {} is already used by the category rule at $.catalog.category_rules[{first}]",
                        rule.name
                    ),
                );
            } else {
                names.insert(rule.name.to_ascii_lowercase(), i);
            }
        }
        let manufacturer_ok = rule
            .manufacturer
            .as_deref()
            .is_none_or(|m| check_text(c, "manufacturer", "manufacturer", m));
        let manufacturer = rule
            .manufacturer
            .as_deref()
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        if rule.allowed_contexts.is_empty() {
            c.add(
                "allowed_contexts",
                CatalogRule::Contexts,
                format!(
                    "{}: a category rule must allow at least one booking context",
                    c.code
                ),
            );
        }
        let mut seen_contexts = HashSet::new();
        for (j, context) in rule.allowed_contexts.iter().enumerate() {
            if !seen_contexts.insert(context) {
                c.add(
                    format!("allowed_contexts[{j}]"),
                    CatalogRule::Contexts,
                    format!("{}: {} is listed twice", c.code, context.as_str()),
                );
            }
        }
        check_links(c, &rule.links, kinds);
        let mut keys = Vec::new();
        for (j, category) in rule.categories.iter().enumerate() {
            let field = format!("categories[{j}]");
            if !check_text(c, &field, "category", category) {
                continue;
            }
            let key = (category.to_ascii_lowercase(), manufacturer.clone());
            if keys.iter().any(|(k, _, _)| *k == key) {
                c.add(
                    field,
                    CatalogRule::UniqueCode,
                    format!("{}: the category {category} is listed twice", c.code),
                );
            } else {
                keys.push((key, field, Some(category.as_str())));
            }
        }
        if !manufacturer_ok {
            continue;
        }
        if rule.categories.is_empty() {
            let field = if manufacturer.is_empty() {
                ""
            } else {
                "manufacturer"
            };
            keys.push((
                (String::new(), manufacturer.clone()),
                field.to_owned(),
                None,
            ));
        }
        for (key, field, category) in keys {
            match claimed.get(&key) {
                Some(&first) => {
                    let other = &labels[first];
                    let message = match (category, &rule.manufacturer) {
                        (Some(category), Some(m)) => format!(
                            "{}: {category} products of {m} are already governed by {other}",
                            c.code
                        ),
                        (Some(category), None) => format!(
                            "{}: the category {category} is already governed by {other}",
                            c.code
                        ),
                        (None, Some(m)) => format!(
                            "{}: the products of {m} are already governed by {other}",
                            c.code
                        ),
                        (None, None) => format!(
                            "{}: {other} is already the default rule (a rule with neither categories nor a manufacturer); there is one at most",
                            c.code
                        ),
                    };
                    c.add(field, CatalogRule::UniqueCode, message);
                }
                None => {
                    claimed.insert(key, i);
                }
            }
        }
    }
}
