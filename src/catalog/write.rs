//! Writing checked records (a portfolio import): the items through their store
//! module (`store::items`), then the category rules, then the rules of the
//! products that may have changed.

use rusqlite::Transaction;

use super::store::category_rules::{rule_id, write_rule};
use super::store::items::{item_id, write_item, write_relations};
use super::{assign_all, assign_products, CategoryRuleRecord, ItemRecord};
use crate::Result;

/// Writes records already checked against the whole catalog: the items (their
/// own data first, then their references, so a reference may point at an item
/// written after it), the category rules, and the rules of the products that
/// may have changed.
pub(crate) fn write_records(
    tx: &Transaction<'_>,
    items: &[&ItemRecord],
    rules: &[&CategoryRuleRecord],
) -> Result<()> {
    for record in items {
        write_item(tx, Some(record.code()), record)?;
    }
    for record in items {
        write_relations(tx, record)?;
    }
    for rule in rules {
        let id = rule_id(tx, &rule.name)?;
        write_rule(tx, id, rule)?;
    }
    // The products' rules: all of them when a rule changed, else the products
    // written (their category, manufacturer or contexts may have changed).
    if rules.is_empty() {
        let mut ids = Vec::new();
        for record in items.iter().filter(|r| matches!(r, ItemRecord::Product(_))) {
            ids.extend(item_id(tx, record.code())?);
        }
        assign_products(tx, &ids)?;
    } else {
        assign_all(tx)?;
    }
    Ok(())
}
