//! Category rules: the store module that alone writes `category_rule` and its
//! categories, contexts and links, and maps their rows.
//!
//! Which rule governs which product (matching, reassigning) and whether a rule
//! may be saved stay in `catalog::rules`; the caller's action holds the
//! transaction.

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use std::collections::HashMap;

use crate::catalog::{rule_order, CategoryRuleRecord, LinkQuantity, LinkRecord};
use crate::error::{RefusalSays, Wording};
use crate::vocabulary::BookingContext;
use crate::{Error, Result};

/// Every rule with its id, by name (ignoring case).
pub(crate) fn read_rules(conn: &Connection) -> Result<Vec<(i64, CategoryRuleRecord)>> {
    let mut rules: Vec<(i64, CategoryRuleRecord)> = conn
        .prepare_cached("SELECT id, name, manufacturer FROM category_rule")?
        .query_map([], |r| {
            let manufacturer: String = r.get(2)?;
            Ok((
                r.get(0)?,
                CategoryRuleRecord {
                    name: r.get(1)?,
                    categories: Vec::new(),
                    manufacturer: Some(manufacturer).filter(|m| !m.is_empty()),
                    allowed_contexts: Vec::new(),
                    links: Vec::new(),
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let at: HashMap<i64, usize> = rules
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i))
        .collect();
    let mut rows = conn
        .prepare_cached("SELECT rule_id, category FROM category_rule_category")?
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.sort_by_key(|(_, category)| rule_order(category));
    for (rule, category) in rows {
        if let Some(&i) = at.get(&rule) {
            rules[i].1.categories.push(category);
        }
    }
    for (rule, context) in conn
        .prepare_cached("SELECT rule_id, context FROM category_rule_context")?
        .query_map([], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, BookingContext>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
    {
        if let Some(&i) = at.get(&rule) {
            rules[i].1.allowed_contexts.push(context);
        }
    }
    for (rule, link) in rule_links(conn, None)? {
        if let Some(&i) = at.get(&rule) {
            rules[i].1.links.push(link);
        }
    }
    for (_, rule) in &mut rules {
        rule.allowed_contexts
            .sort_by_key(|c| BookingContext::ALL.iter().position(|a| a == c));
    }
    rules.sort_by_key(|(_, rule)| rule_order(&rule.name));
    Ok(rules)
}

/// The links of one rule (or of all), by the linked item's code.
pub(crate) fn rule_links(conn: &Connection, rule: Option<i64>) -> Result<Vec<(i64, LinkRecord)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.rule_id, ci.code, l.mode, l.quantity_rule, l.quantity
         FROM category_rule_link l JOIN catalog_item ci ON ci.id = l.child_id
         WHERE ?1 IS NULL OR l.rule_id = ?1 ORDER BY ci.code",
    )?;
    let mut rows = stmt.query([rule])?;
    let mut links = Vec::new();
    while let Some(r) = rows.next()? {
        let basis: String = r.get(3)?;
        let quantity = LinkQuantity::from_stored(&basis, r.get(4)?)
            .ok_or_else(|| Error::Corrupt(format!("rule link quantity rule {basis:?}")))?;
        links.push((
            r.get(0)?,
            LinkRecord {
                item: r.get(1)?,
                mode: r.get(2)?,
                quantity,
            },
        ));
    }
    Ok(links)
}

pub(crate) fn rule_contexts(conn: &Connection, rule: i64) -> Result<Vec<BookingContext>> {
    let mut contexts = conn
        .prepare_cached("SELECT context FROM category_rule_context WHERE rule_id = ?1")?
        .query_map([rule], |r| r.get::<_, BookingContext>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    contexts.sort_by_key(|c| BookingContext::ALL.iter().position(|a| a == c));
    Ok(contexts)
}

/// The id of the rule with this name (ignoring case).
pub(crate) fn rule_id(conn: &Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM category_rule WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?)
}

/// Writes a rule (a new one when `id` is none) with its categories, contexts
/// and links; the linked items must exist. Returns its id. Products are not
/// reassigned here.
pub(crate) fn write_rule(
    tx: &Transaction<'_>,
    id: Option<i64>,
    record: &CategoryRuleRecord,
) -> Result<i64> {
    let manufacturer = record.manufacturer.as_deref().unwrap_or("");
    let id = match id {
        Some(id) => {
            let found = tx
                .prepare_cached(
                    "UPDATE category_rule SET name = ?2, manufacturer = ?3 WHERE id = ?1",
                )?
                .execute(params![id, record.name, manufacturer])?;
            if found == 0 {
                return Err(Error::not_found(
                    Wording::new(RefusalSays::CategoryRuleNotFound).text("id", id),
                ));
            }
            id
        }
        None => {
            tx.prepare_cached("INSERT INTO category_rule (name, manufacturer) VALUES (?1, ?2)")?
                .execute(params![record.name, manufacturer])?;
            tx.last_insert_rowid()
        }
    };
    for table in [
        "DELETE FROM category_rule_category WHERE rule_id = ?1",
        "DELETE FROM category_rule_context WHERE rule_id = ?1",
        "DELETE FROM category_rule_link WHERE rule_id = ?1",
    ] {
        tx.prepare_cached(table)?.execute([id])?;
    }
    for category in &record.categories {
        tx.prepare_cached(
            "INSERT INTO category_rule_category (rule_id, category) VALUES (?1, ?2)",
        )?
        .execute(params![id, category])?;
    }
    for context in &record.allowed_contexts {
        tx.prepare_cached("INSERT INTO category_rule_context (rule_id, context) VALUES (?1, ?2)")?
            .execute(params![id, context])?;
    }
    for link in &record.links {
        let child: i64 = tx
            .prepare_cached("SELECT id FROM catalog_item WHERE code = ?1")?
            .query_row([&link.item], |r| r.get(0))
            .optional()?
            .ok_or_else(|| {
                Error::not_found(
                    Wording::new(RefusalSays::CatalogItemNotFound).text("item", &link.item),
                )
            })?;
        tx.prepare_cached(
            "INSERT INTO category_rule_link (rule_id, child_id, mode, quantity_rule, quantity)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            id,
            child,
            link.mode,
            link.quantity.rule(),
            link.quantity.count()
        ])?;
    }
    Ok(id)
}

/// Deletes the rule with this id, with its categories, contexts and links (the
/// schema's cascades). Its products are reassigned before, by the caller.
pub(crate) fn delete_rule(tx: &Transaction<'_>, id: i64) -> Result<()> {
    tx.prepare_cached("DELETE FROM category_rule WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}
