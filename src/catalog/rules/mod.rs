//! Category rules (issue 11, docs/category-rules.md): where imported products
//! may be booked and what comes with them. A supplier feed brings a million
//! products that state no booking context and no linked item of their own; a
//! rule states them for every product of some categories (and, optionally, one
//! manufacturer). The most specific rule wins: category and manufacturer, then
//! category, then manufacturer, then the default rule (no category, no
//! manufacturer). Names compare ignoring case (A–Z, as SQLite's NOCASE).
//!
//! A product remembers the rule that governs it (`product.category_rule_id`):
//! assigned when an import writes it, and reassigned, in the same transaction,
//! for the products whose rule can change when a rule's categories or
//! manufacturer change, or a rule is created or deleted. What a rule allows
//! (contexts, links) is read through it: changing that writes no product row.
//! A product with booking contexts of its own (made or edited in the designer,
//! the demo's) is governed by none: its own contexts and links stand.
//!
//! One job per file: `matching` (which rule governs a product), `assign`
//! (reassigning products), `view` (the rules view), `edit` (check, save and
//! delete a rule), `effect` (what a governed product may be booked in and
//! comes with). The rules' rows are written and mapped by
//! `store::category_rules`.

mod assign;
mod edit;
mod effect;
mod matching;
mod view;

use serde::{Deserialize, Serialize};

use super::CategoryRuleRecord;

pub(crate) use assign::{assign_all, assign_products};
pub use edit::{check_rule, delete_category_rule, save_category_rule};
pub use effect::bookable_item;
pub(crate) use effect::{governing_rule, rule_effect, rules_linking};
pub(crate) use matching::{RuleMatcher, StoredRules};
pub use view::{category_rule, category_rules};

/// A rule as the rules view lists it: its record and how many products it
/// governs now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct CategoryRule {
    pub id: i64,
    pub record: CategoryRuleRecord,
    pub products: i64,
}

/// A rule named from elsewhere (the detail pane of a product or a linked item).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct RuleRef {
    pub id: i64,
    pub name: String,
    /// How many products it governs.
    pub products: i64,
}

/// A rule as the rules view sends it: its id (none for a new rule) and record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct RuleDraft {
    pub id: Option<i64>,
    pub record: CategoryRuleRecord,
}

/// What saving or deleting a rule did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct RuleApplied {
    /// The rule as saved; none after a delete.
    pub rule: Option<CategoryRule>,
    /// Products whose booking contexts or linked items changed: those that now
    /// follow another rule (or none), and, when what the rule allows changed,
    /// those that follow it before and after.
    pub changed: i64,
}
