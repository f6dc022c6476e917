//! Effective contexts and links: what a product governed by a rule may be
//! booked in and comes with, and the rules named from an item's detail.

use rusqlite::{Connection, OptionalExtension};

use super::view::governed_count;
use super::RuleRef;
use crate::catalog::store::category_rules::{rule_contexts, rule_links};
use crate::catalog::{read_item, ItemRecord, LinkRecord};
use crate::vocabulary::BookingContext;
use crate::Result;

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
