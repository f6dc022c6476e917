//! Assigning products to rules: reassigning the products whose rule can change
//! (after an import, an edit, or a change of the rules), and which products
//! those are.

use rusqlite::Connection;
use std::collections::HashSet;

use super::matching::{keys_of, StoredRules};
use crate::catalog::store::products::RuleAssignments;
use crate::catalog::CategoryRuleRecord;
use crate::Result;

/// Which products to look at when reassigning.
#[derive(Debug, Clone)]
pub(super) enum Scope {
    /// Every product (a portfolio file changed the rules).
    All,
    /// Products of this category (ignoring case), through the catalog list's
    /// index.
    Category(String),
    /// The products a rule governs now (index on the column).
    GovernedBy(i64),
    /// The products no rule governs now, those with contexts of their own
    /// included (index on the column).
    Ungoverned,
    /// These products.
    Products(Vec<i64>),
}

/// What reassignment reads of a product: id, category, manufacturer, its rule
/// now, and whether it has booking contexts of its own.
macro_rules! product_columns {
    () => {
        "p.item_id, ci.category, p.manufacturer, p.category_rule_id,
         EXISTS (SELECT 1 FROM item_context x WHERE x.item_id = p.item_id)"
    };
}

/// A product whose rule changes: its id, and its rule before and after.
type Move = (i64, Option<i64>, Option<i64>);

/// Reassigns the products of the scopes with `rules`: the ones whose rule
/// changes are updated; returns them (each product once).
pub(super) fn reassign(
    tx: &Connection,
    rules: &StoredRules,
    scopes: &[Scope],
) -> Result<Vec<Move>> {
    let mut moves = Vec::new();
    let mut seen = HashSet::new();
    let several = scopes.len() > 1;
    let mut visit = |r: &rusqlite::Row<'_>| -> rusqlite::Result<()> {
        let (id, category, manufacturer, before, own): (i64, String, String, Option<i64>, bool) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
        if several && !seen.insert(id) {
            return Ok(());
        }
        let after = if own {
            None
        } else {
            rules.rule_for(&category, &manufacturer)
        };
        if after != before {
            moves.push((id, before, after));
        }
        Ok(())
    };
    for scope in scopes {
        let (mut stmt, param): (rusqlite::CachedStatement<'_>, rusqlite::types::Value) = match scope
        {
            Scope::All => (
                tx.prepare_cached(concat!(
                    "SELECT ",
                    product_columns!(),
                    " FROM product p JOIN catalog_item ci ON ci.id = p.item_id
                         WHERE ?1 IS NULL"
                ))?,
                rusqlite::types::Value::Null,
            ),
            Scope::Category(category) => (
                tx.prepare_cached(concat!(
                    "SELECT ",
                    product_columns!(),
                    " FROM catalog_item ci JOIN product p ON p.item_id = ci.id
                         WHERE (CASE ci.kind WHEN 'service' THEN 0 WHEN 'basic_service' THEN 1
                                             WHEN 'add_on' THEN 2 ELSE 3 END) = 3
                           AND ci.category = ?1 COLLATE NOCASE"
                ))?,
                category.clone().into(),
            ),
            Scope::GovernedBy(rule) => (
                tx.prepare_cached(concat!(
                    "SELECT ",
                    product_columns!(),
                    " FROM product p JOIN catalog_item ci ON ci.id = p.item_id
                         WHERE p.category_rule_id = ?1"
                ))?,
                (*rule).into(),
            ),
            Scope::Ungoverned => (
                tx.prepare_cached(concat!(
                    "SELECT ",
                    product_columns!(),
                    " FROM product p JOIN catalog_item ci ON ci.id = p.item_id
                         WHERE p.category_rule_id IS NULL AND ?1 IS NULL"
                ))?,
                rusqlite::types::Value::Null,
            ),
            Scope::Products(ids) => {
                let mut stmt = tx.prepare_cached(concat!(
                    "SELECT ",
                    product_columns!(),
                    " FROM product p JOIN catalog_item ci ON ci.id = p.item_id
                         WHERE p.item_id = ?1"
                ))?;
                for id in ids {
                    let mut rows = stmt.query([id])?;
                    while let Some(r) = rows.next()? {
                        visit(r)?;
                    }
                }
                continue;
            }
        };
        let mut rows = stmt.query([param])?;
        while let Some(r) = rows.next()? {
            visit(r)?;
        }
    }
    let mut assignments = RuleAssignments::prepare(tx)?;
    for (id, _, after) in &moves {
        assignments.set(*id, *after)?;
    }
    Ok(moves)
}

/// Assigns the rule of the products with these ids (after an import or an
/// edit changed their category, manufacturer or own contexts).
pub(crate) fn assign_products(tx: &Connection, ids: &[i64]) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let rules = StoredRules::load(tx)?;
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    reassign(tx, &rules, &[Scope::Products(ids)])?;
    Ok(())
}

/// Reassigns every product (after a portfolio file changed the rules).
pub(crate) fn assign_all(tx: &Connection) -> Result<i64> {
    let rules = StoredRules::load(tx)?;
    Ok(reassign(tx, &rules, &[Scope::All])?.len() as i64)
}

/// The products whose rule can change when the rule `id` goes from `before`
/// to `after` (none: a new rule; `after` none: deleted). A product can only
/// move to a rule that gains a key from rules of lower priority (or none), and
/// away from one that loses a key; so:
/// - the products the rule governed (it may have lost the key they matched);
/// - for each category it names (before or after): the products of that
///   category;
/// - when it becomes a manufacturer-only rule: the products the default rule
///   governs and those no rule governs (category rules come first anyway);
/// - when it becomes the default: the products no rule governs.
pub(super) fn scopes_of_change(
    id: i64,
    default: Option<i64>,
    before: Option<&CategoryRuleRecord>,
    after: Option<&CategoryRuleRecord>,
) -> Vec<Scope> {
    let keys = |r: Option<&CategoryRuleRecord>| -> HashSet<(String, String)> {
        r.map(|r| keys_of(r).into_iter().collect())
            .unwrap_or_default()
    };
    let (old, new) = (keys(before), keys(after));
    if old == new {
        return Vec::new();
    }
    let mut scopes = Vec::new();
    if before.is_some() {
        scopes.push(Scope::GovernedBy(id));
    }
    let mut categories: Vec<&String> = old
        .union(&new)
        .map(|(c, _)| c)
        .filter(|c| !c.is_empty())
        .collect();
    categories.sort_unstable();
    categories.dedup();
    scopes.extend(categories.into_iter().cloned().map(Scope::Category));
    let gained: Vec<&(String, String)> = new.difference(&old).collect();
    if gained.iter().any(|(c, m)| c.is_empty() && !m.is_empty()) {
        scopes.extend(default.filter(|d| *d != id).map(Scope::GovernedBy));
        scopes.push(Scope::Ungoverned);
    } else if gained.iter().any(|(c, m)| c.is_empty() && m.is_empty()) {
        scopes.push(Scope::Ungoverned);
    }
    scopes
}
