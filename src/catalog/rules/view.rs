//! The rules view: every rule, or one, with how many products it governs.

use rusqlite::Connection;
use std::collections::HashMap;

use super::CategoryRule;
use crate::catalog::store::category_rules::read_rules;
use crate::error::{RefusalSays, Wording};
use crate::{Error, Result};

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

pub(super) fn governed_count(conn: &Connection, id: i64) -> Result<i64> {
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
        .ok_or_else(|| {
            Error::not_found(Wording::new(RefusalSays::CategoryRuleNotFound).text("id", id))
        })?;
    Ok(CategoryRule {
        id,
        record,
        products: governed_count(conn, id)?,
    })
}
