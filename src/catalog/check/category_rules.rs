//! The rules of category rules: a unique name, categories and manufacturer as
//! products state them, at least one context, and no two rules claiming the
//! same products.

use std::collections::HashMap;

use super::references::check_links;
use super::{
    check_contexts_once, check_text, CatalogRule, CatalogSays, Checker, Kinds, Section, TextField,
    Wording,
};
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
        if check_text(c, "name", TextField::Name, &rule.name) {
            if let Some(first) = names.get(&rule.name.to_ascii_lowercase()) {
                let said = Wording::new(CatalogSays::RuleNameTaken)
                    .text("name", &rule.name)
                    .text("index", first);
                c.add("name", CatalogRule::UniqueCode, said);
            } else {
                names.insert(rule.name.to_ascii_lowercase(), i);
            }
        }
        let manufacturer_ok = rule
            .manufacturer
            .as_deref()
            .is_none_or(|m| check_text(c, "manufacturer", TextField::Manufacturer, m));
        let manufacturer = rule
            .manufacturer
            .as_deref()
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        if rule.allowed_contexts.is_empty() {
            let said = c.says(CatalogSays::RuleContextsEmpty);
            c.add("allowed_contexts", CatalogRule::Contexts, said);
        }
        check_contexts_once(c, &rule.allowed_contexts);
        check_links(c, &rule.links, kinds);
        let mut keys = Vec::new();
        for (j, category) in rule.categories.iter().enumerate() {
            let field = format!("categories[{j}]");
            if !check_text(c, &field, TextField::Category, category) {
                continue;
            }
            let key = (category.to_ascii_lowercase(), manufacturer.clone());
            if keys.iter().any(|(k, _, _)| *k == key) {
                let said = c
                    .says(CatalogSays::CategoryTwice)
                    .text("category", category);
                c.add(field, CatalogRule::UniqueCode, said);
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
                    let other = &rules[first].name;
                    let said = match (category, &rule.manufacturer) {
                        (Some(category), Some(m)) => c
                            .says(CatalogSays::CategoryOfManufacturerGoverned)
                            .text("category", category)
                            .text("manufacturer", m),
                        (Some(category), None) => c
                            .says(CatalogSays::CategoryGoverned)
                            .text("category", category),
                        (None, Some(m)) => c
                            .says(CatalogSays::ManufacturerGoverned)
                            .text("manufacturer", m),
                        (None, None) => c.says(CatalogSays::DefaultRuleTwice),
                    };
                    c.add(field, CatalogRule::UniqueCode, said.rule("other", other));
                }
                None => {
                    claimed.insert(key, i);
                }
            }
        }
    }
}
