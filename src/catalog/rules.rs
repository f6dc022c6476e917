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

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet, VecDeque};

use super::store::category_rules::{
    delete_rule, read_rules, rule_contexts, rule_links, write_rule,
};
use super::store::products::RuleAssignments;
use super::warnings::{link_warnings, DraftCheck};
use super::{
    check_catalog, read_item, CatalogRecords, CategoryRuleRecord, ItemRecord, LinkMode, LinkRecord,
};
use crate::error::{CatalogRule, RuleViolation};
use crate::vocabulary::{BookingContext, ItemStatus};
use crate::{Error, Result, Store};

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

// ---------------------------------------------------------------------------
// Matching

/// Which rule governs a product, from the rules' categories and manufacturers.
/// The one matcher used everywhere (import, reassignment, validation), so the
/// answers cannot drift apart.
#[derive(Debug, Default, Clone)]
pub(crate) struct RuleMatcher {
    /// (category, manufacturer), both lower-case, `""` for "any" → rule slot.
    keys: HashMap<(String, String), usize>,
}

/// The match keys of a rule: one per category, with its manufacturer or `""`.
fn keys_of(record: &CategoryRuleRecord) -> Vec<(String, String)> {
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

    fn of(rules: &[(i64, CategoryRuleRecord)]) -> Self {
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

// ---------------------------------------------------------------------------
// Assigning products to rules

/// Which products to look at when reassigning.
#[derive(Debug, Clone)]
enum Scope {
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
fn reassign(tx: &Connection, rules: &StoredRules, scopes: &[Scope]) -> Result<Vec<Move>> {
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
fn scopes_of_change(
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

// ---------------------------------------------------------------------------
// The rules view

/// Every rule, by name, with how many products each governs.
pub fn category_rules(conn: &Connection) -> Result<Vec<CategoryRule>> {
    let counts = governed_counts(conn)?;
    Ok(read_rules(conn)?
        .into_iter()
        .map(|(id, record)| CategoryRule {
            id,
            record,
            products: counts.get(&id).copied().unwrap_or(0),
        })
        .collect())
}

/// How many products each rule governs (one index range count per rule).
fn governed_counts(conn: &Connection) -> Result<HashMap<i64, i64>> {
    let ids: Vec<i64> = conn
        .prepare_cached("SELECT id FROM category_rule")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut count =
        conn.prepare_cached("SELECT count(*) FROM product WHERE category_rule_id = ?1")?;
    let mut counts = HashMap::new();
    for id in ids {
        counts.insert(id, count.query_row([id], |r| r.get(0))?);
    }
    Ok(counts)
}

fn governed_count(conn: &Connection, id: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM product WHERE category_rule_id = ?1")?
        .query_row([id], |r| r.get(0))?)
}

/// The rule with this id.
pub fn category_rule(conn: &Connection, id: i64) -> Result<CategoryRule> {
    let record = read_rules(conn)?
        .into_iter()
        .find(|(rule, _)| *rule == id)
        .map(|(_, record)| record)
        .ok_or_else(|| Error::not_found(format!("category rule {id}")))?;
    Ok(CategoryRule {
        id,
        record,
        products: governed_count(conn, id)?,
    })
}

/// Every rule the catalog would break if the draft were saved (the draft's own
/// fields, and cycles through requirements and mandatory links that the new
/// assignment of products would close), and the links it may be saved with but
/// its author should know of (a product without a price). Reads the rules and
/// the few items reachable from their links, never the whole catalog.
pub fn check_rule(conn: &Connection, draft: &RuleDraft) -> Result<DraftCheck> {
    let stored = read_rules(conn)?;
    let before = match draft.id {
        Some(id) => Some(
            stored
                .iter()
                .find(|(rule, _)| *rule == id)
                .map(|(_, r)| r.clone())
                .ok_or_else(|| Error::not_found(format!("category rule {id}")))?,
        ),
        None => None,
    };
    let mut rules: Vec<CategoryRuleRecord> = stored
        .into_iter()
        .filter(|(id, _)| Some(*id) != draft.id)
        .map(|(_, r)| r)
        .collect();
    rules.push(draft.record.clone());
    let mut violations = check_rules_with_items(conn, rules, &[draft.record.label()])?;

    // A rule may keep links to items that were retired since, but gains no new
    // ones (as items do).
    let old_links: Vec<&str> = before
        .as_ref()
        .map(|b| b.links.iter().map(|l| l.item.as_str()).collect())
        .unwrap_or_default();
    for (i, link) in draft.record.links.iter().enumerate() {
        if old_links.contains(&link.item.as_str()) {
            continue;
        }
        let status: Option<ItemStatus> = conn
            .prepare_cached("SELECT status FROM catalog_item WHERE code = ?1")?
            .query_row([&link.item], |r| r.get(0))
            .optional()?;
        if let Some(status) = status.filter(|s| *s != ItemStatus::Active) {
            violations.push(RuleViolation {
                item: draft.record.label(),
                item_name: draft.record.name.clone(),
                field: format!("links[{i}].item"),
                rule: CatalogRule::DeprecatedLink,
                message: format!(
                    "{} is {}: it cannot be newly linked",
                    link.item,
                    status.as_str()
                ),
            });
        }
    }
    let warnings = link_warnings(&draft.record.links, |code| {
        Ok(conn
            .prepare_cached(
                "SELECT ci.name FROM catalog_item ci JOIN product p ON p.item_id = ci.id
                 WHERE ci.code = ?1 AND p.list_price IS NULL",
            )?
            .query_row([code], |r| r.get(0))
            .optional()?)
    })?;
    Ok(DraftCheck {
        violations,
        warnings,
    })
}

/// Checks `rules` against the items their links reach (following requirements
/// and mandatory links, and the rules of the products reached), and keeps the
/// violations on the rules named in `about` and every cycle.
fn check_rules_with_items(
    conn: &Connection,
    rules: Vec<CategoryRuleRecord>,
    about: &[String],
) -> Result<Vec<RuleViolation>> {
    let mut catalog = CatalogRecords {
        category_rules: rules,
        ..CatalogRecords::default()
    };
    let mut queue: VecDeque<String> = catalog
        .category_rules
        .iter()
        .flat_map(|r| r.links.iter().map(|l| l.item.clone()))
        .collect();
    let mut seen: HashSet<String> = HashSet::new();
    let matcher = RuleMatcher::new(catalog.category_rules.iter());
    while let Some(code) = queue.pop_front() {
        if !seen.insert(code.clone()) {
            continue;
        }
        let record = match read_item(conn, &code) {
            Ok(record) => record,
            Err(Error::NotFound { .. }) => continue,
            Err(other) => return Err(other),
        };
        let mut next: Vec<String> = Vec::new();
        match &record {
            ItemRecord::Product(p) => {
                next.extend(p.requires.iter().map(|r| r.service.clone()));
                next.extend(mandatory(&p.links));
                if p.allowed_contexts.is_empty() {
                    if let Some(slot) = matcher.slot_for(&p.category, &p.manufacturer) {
                        next.extend(mandatory(&catalog.category_rules[slot].links));
                    }
                }
            }
            ItemRecord::Service(s) => {
                next.extend(s.requires.iter().map(|r| r.service.clone()));
                next.extend(mandatory(&s.links));
            }
            ItemRecord::AddOn(_) => {}
        }
        queue.extend(next);
        catalog.put(None, record);
    }
    Ok(check_catalog(&catalog)
        .into_iter()
        .map(|l| l.violation)
        .filter(|v| v.rule == CatalogRule::Cycle || about.contains(&v.item))
        .collect())
}

fn mandatory(links: &[LinkRecord]) -> impl Iterator<Item = String> + '_ {
    links
        .iter()
        .filter(|l| l.mode == LinkMode::Mandatory)
        .map(|l| l.item.clone())
}

/// Saves a rule if it breaks no catalog rule, and reassigns the products whose
/// rule changes, in one transaction.
pub fn save_category_rule(store: &mut Store, draft: &RuleDraft) -> Result<RuleApplied> {
    store.write(|tx| {
        let violations = check_rule(tx, draft)?.violations;
        if !violations.is_empty() {
            return Err(Error::RuleViolations(violations));
        }
        let before = match draft.id {
            Some(id) => Some(category_rule(tx, id)?),
            None => None,
        };
        // The default rule before this save (a manufacturer rule takes products from it).
        let default = read_rules(tx)?
            .into_iter()
            .find(|(_, r)| r.is_default())
            .map(|(id, _)| id);
        let id = write_rule(tx, draft.id, &draft.record)?;
        let scopes = scopes_of_change(
            id,
            default,
            before.as_ref().map(|b| &b.record),
            Some(&draft.record),
        );
        let moves = if scopes.is_empty() {
            Vec::new()
        } else {
            reassign(tx, &StoredRules::load(tx)?, &scopes)?
        };
        let rule = category_rule(tx, id)?;
        let effect_changed = before.as_ref().is_some_and(|b| {
            b.record.allowed_contexts != draft.record.allowed_contexts
                || b.record.links != draft.record.links
        });
        let stayed = if effect_changed {
            let moved_in = moves.iter().filter(|m| m.2 == Some(id)).count() as i64;
            rule.products - moved_in
        } else {
            0
        };
        Ok(RuleApplied {
            rule: Some(rule),
            changed: moves.len() as i64 + stayed,
        })
    })
}

/// Deletes a rule; its products fall to the next rule that matches them (or
/// to none), in the same transaction.
pub fn delete_category_rule(store: &mut Store, id: i64) -> Result<RuleApplied> {
    store.write(|tx| {
        let stored = read_rules(tx)?;
        let Some(deleted) = stored
            .iter()
            .find(|(rule, _)| *rule == id)
            .map(|(_, r)| r.clone())
        else {
            return Err(Error::not_found(format!("category rule {id}")));
        };
        let rest: Vec<(i64, CategoryRuleRecord)> =
            stored.into_iter().filter(|(rule, _)| *rule != id).collect();
        // The products that fall to another rule must not close a cycle there.
        let violations: Vec<RuleViolation> =
            check_rules_with_items(tx, rest.iter().map(|(_, r)| r.clone()).collect(), &[])?;
        if !violations.is_empty() {
            return Err(Error::RuleViolations(
                violations
                    .into_iter()
                    .map(|v| RuleViolation {
                        message: format!(
                            "{} cannot be deleted: its products would fall to another rule and {}",
                            deleted.label(),
                            v.message
                        ),
                        ..v
                    })
                    .collect(),
            ));
        }
        let moves = reassign(tx, &StoredRules::of(&rest), &[Scope::GovernedBy(id)])?;
        delete_rule(tx, id)?;
        Ok(RuleApplied {
            rule: None,
            changed: moves.len() as i64,
        })
    })
}

// ---------------------------------------------------------------------------
// Effective contexts and links

/// The rule that governs a product, if any.
pub(crate) fn governing_rule(conn: &Connection, product_id: i64) -> Result<Option<RuleRef>> {
    let found: Option<(i64, String)> = conn
        .prepare_cached(
            "SELECT r.id, r.name FROM product p JOIN category_rule r ON r.id = p.category_rule_id
             WHERE p.item_id = ?1",
        )?
        .query_row([product_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    found
        .map(|(id, name)| {
            Ok(RuleRef {
                id,
                name,
                products: governed_count(conn, id)?,
            })
        })
        .transpose()
}

/// The rules that link an item (its "linked from" beyond items).
pub(crate) fn rules_linking(conn: &Connection, item_id: i64) -> Result<Vec<RuleRef>> {
    let found: Vec<(i64, String)> = conn
        .prepare_cached(
            "SELECT r.id, r.name FROM category_rule_link l JOIN category_rule r ON r.id = l.rule_id
             WHERE l.child_id = ?1 ORDER BY r.name",
        )?
        .query_map([item_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    found
        .into_iter()
        .map(|(id, name)| {
            Ok(RuleRef {
                id,
                name,
                products: governed_count(conn, id)?,
            })
        })
        .collect()
}

/// The contexts and links of a rule, as a product governed by it has them.
pub(crate) fn rule_effect(
    conn: &Connection,
    rule: i64,
) -> Result<(Vec<BookingContext>, Vec<LinkRecord>)> {
    Ok((
        rule_contexts(conn, rule)?,
        rule_links(conn, Some(rule))?
            .into_iter()
            .map(|(_, l)| l)
            .collect(),
    ))
}

/// An item as the booking engine sees it: a product governed by a rule takes
/// the rule's booking contexts and links.
pub fn bookable_item(conn: &Connection, code: &str) -> Result<ItemRecord> {
    let mut record = read_item(conn, code)?;
    if let ItemRecord::Product(p) = &mut record {
        if p.allowed_contexts.is_empty() {
            let rule: Option<i64> = conn
                .prepare_cached(
                    "SELECT p.category_rule_id FROM product p JOIN catalog_item ci ON ci.id = p.item_id
                     WHERE ci.code = ?1",
                )?
                .query_row([code], |r| r.get(0))
                .optional()?
                .flatten();
            if let Some(rule) = rule {
                (p.allowed_contexts, p.links) = rule_effect(conn, rule)?;
            }
        }
    }
    Ok(record)
}
