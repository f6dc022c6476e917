//! Which rule governs a product: the one matcher of categories and
//! manufacturers, and the stored rules with their ids.

use rusqlite::Connection;
use std::collections::HashMap;

use crate::catalog::store::category_rules::read_rules;
use crate::catalog::CategoryRuleRecord;
use crate::Result;

/// Which rule governs a product, from the rules' categories and manufacturers.
/// The one matcher used everywhere (import, reassignment, validation), so the
/// answers cannot drift apart.
#[derive(Debug, Default, Clone)]
pub(crate) struct RuleMatcher {
    /// (category, manufacturer), both lower-case, `""` for "any" → rule slot.
    keys: HashMap<(String, String), usize>,
}

/// The match keys of a rule: one per category, with its manufacturer or `""`.
pub(super) fn keys_of(record: &CategoryRuleRecord) -> Vec<(String, String)> {
    let manufacturer = record
        .manufacturer
        .as_deref()
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if record.categories.is_empty() {
        return vec![(String::new(), manufacturer)];
    }
    record
        .categories
        .iter()
        .map(|c| (c.to_ascii_lowercase(), manufacturer.clone()))
        .collect()
}

impl RuleMatcher {
    /// A matcher over `rules`; a slot is the rule's index. Where two rules claim
    /// the same key (the catalog rules refuse that), the first wins.
    pub(crate) fn new<'r>(rules: impl IntoIterator<Item = &'r CategoryRuleRecord>) -> Self {
        let mut keys = HashMap::new();
        for (slot, rule) in rules.into_iter().enumerate() {
            for key in keys_of(rule) {
                keys.entry(key).or_insert(slot);
            }
        }
        RuleMatcher { keys }
    }

    /// The rule of a product with this category and manufacturer.
    pub(crate) fn slot_for(&self, category: &str, manufacturer: &str) -> Option<usize> {
        let category = category.to_ascii_lowercase();
        let manufacturer = manufacturer.to_ascii_lowercase();
        let probe = |c: &str, m: &str| self.keys.get(&(c.to_owned(), m.to_owned())).copied();
        let with_category = !category.is_empty();
        let with_manufacturer = !manufacturer.is_empty();
        (if with_category && with_manufacturer {
            probe(&category, &manufacturer)
        } else {
            None
        })
        .or_else(|| with_category.then(|| probe(&category, "")).flatten())
        .or_else(|| {
            with_manufacturer
                .then(|| probe("", &manufacturer))
                .flatten()
        })
        .or_else(|| probe("", ""))
    }
}

/// The stored rules with a matcher that answers their ids.
#[derive(Debug, Clone)]
pub(crate) struct StoredRules {
    ids: Vec<i64>,
    matcher: RuleMatcher,
}

impl StoredRules {
    pub(crate) fn load(conn: &Connection) -> Result<Self> {
        let rules = read_rules(conn)?;
        Ok(Self::of(&rules))
    }

    pub(super) fn of(rules: &[(i64, CategoryRuleRecord)]) -> Self {
        StoredRules {
            ids: rules.iter().map(|(id, _)| *id).collect(),
            matcher: RuleMatcher::new(rules.iter().map(|(_, r)| r)),
        }
    }

    /// The id of the rule that governs a product without contexts of its own.
    pub(crate) fn rule_for(&self, category: &str, manufacturer: &str) -> Option<i64> {
        self.matcher
            .slot_for(category, manufacturer)
            .map(|slot| self.ids[slot])
    }
}
