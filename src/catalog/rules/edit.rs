//! Checking, saving and deleting a rule: each save or delete is one
//! transaction that reassigns the products whose rule changes.

use rusqlite::{Connection, OptionalExtension};
use std::collections::{HashSet, VecDeque};

use super::assign::{reassign, scopes_of_change, Scope};
use super::matching::{RuleMatcher, StoredRules};
use super::view::category_rule;
use super::{RuleApplied, RuleDraft};
use crate::catalog::store::category_rules::{delete_rule, read_rules, write_rule};
use crate::catalog::warnings::{link_warnings, DraftCheck};
use crate::catalog::{
    check_catalog, read_item, CatalogRecords, CategoryRuleRecord, ItemRecord, LinkMode, LinkRecord,
};
use crate::error::{CatalogRule, CatalogSays, RefusalSays, RuleViolation, Wording};
use crate::vocabulary::ItemStatus;
use crate::{Error, Result, Store};

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
                .ok_or_else(|| {
                    Error::not_found(Wording::new(RefusalSays::CategoryRuleNotFound).text("id", id))
                })?,
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
            let said = Wording::new(CatalogSays::NotNewlyLinked)
                .text("target", &link.item)
                .item_status("status", status);
            violations.push(RuleViolation {
                item: draft.record.label(),
                item_name: draft.record.name.clone(),
                field: format!("links[{i}].item"),
                rule: CatalogRule::DeprecatedLink,
                message: said.english(),
                wording: said,
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
            return Err(Error::not_found(
                Wording::new(RefusalSays::CategoryRuleNotFound).text("id", id),
            ));
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
                    .map(|v| {
                        // Only cycles are kept (`about` is empty): the
                        // sentence takes the cycle's codes.
                        let mut said =
                            Wording::new(CatalogSays::RuleDeleteCycle).rule("item", &deleted.name);
                        if let Some(cycle) = v.wording.values.get("cycle") {
                            said = said.value("cycle", cycle.clone());
                        }
                        RuleViolation {
                            message: said.english(),
                            wording: said,
                            ..v
                        }
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
