//! Price rules: the store module that alone writes `price_rule` and maps its rows.
//! Which rule is allowed (its checks) and what it makes of a cost stay in
//! `pricing::price_rule`; the caller's action holds the transaction.

use rusqlite::{params, Connection, Transaction};
use rust_decimal::Decimal;

use crate::money::decimal_from_text;
use crate::pricing::{PriceEnding, PriceRule, RuleScope};
use crate::{Error, Result};

/// How a scope is stored: its kind and its key (`""` for the default).
fn stored(scope: &RuleScope) -> (&'static str, &str) {
    match scope {
        RuleScope::Default => ("default", ""),
        RuleScope::Category(k) => ("category", k.as_str()),
        RuleScope::Manufacturer(k) => ("manufacturer", k.as_str()),
    }
}

fn scope_from_stored(scope: &str, key: String) -> Result<RuleScope> {
    match scope {
        "default" => Ok(RuleScope::Default),
        "category" => Ok(RuleScope::Category(key)),
        "manufacturer" => Ok(RuleScope::Manufacturer(key)),
        other => Err(Error::Corrupt(format!("price rule scope {other:?}"))),
    }
}

/// Writes the rule of `scope`: a new row, or the markup and ending of the one
/// there is (one rule per scope). Returns its id.
pub(crate) fn put_price_rule(
    tx: &Transaction<'_>,
    scope: &RuleScope,
    markup_percent: Decimal,
    ending: PriceEnding,
) -> Result<i64> {
    let (kind, key) = stored(scope);
    tx.prepare_cached(
        "INSERT INTO price_rule (scope, key, markup_percent, ending) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (scope, key) DO UPDATE SET markup_percent = excluded.markup_percent,
                                                ending = excluded.ending",
    )?
    .execute(params![
        kind,
        key,
        markup_percent.to_string(),
        ending.as_str()
    ])?;
    Ok(tx
        .prepare_cached("SELECT id FROM price_rule WHERE scope = ?1 AND key = ?2")?
        .query_row(params![kind, key], |r| r.get(0))?)
}

/// Deletes the rule with this id; false when there was none.
pub(crate) fn delete_price_rule(tx: &Transaction<'_>, id: i64) -> Result<bool> {
    let rows = tx
        .prepare_cached("DELETE FROM price_rule WHERE id = ?1")?
        .execute([id])?;
    Ok(rows > 0)
}

/// Every rule: the default first, then categories, then manufacturers, by key.
pub(crate) fn read_price_rules(conn: &Connection) -> Result<Vec<PriceRule>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, scope, key, markup_percent, ending FROM price_rule
         ORDER BY CASE scope WHEN 'default' THEN 0 WHEN 'category' THEN 1 ELSE 2 END, key",
    )?;
    let mut rows = stmt.query([])?;
    let mut rules = Vec::new();
    while let Some(r) = rows.next()? {
        let ending: String = r.get(4)?;
        rules.push(PriceRule {
            id: r.get(0)?,
            scope: scope_from_stored(&r.get::<_, String>(1)?, r.get(2)?)?,
            markup_percent: decimal_from_text(&r.get::<_, String>(3)?, "markup_percent")?,
            ending: PriceEnding::parse(&ending)
                .ok_or_else(|| Error::Corrupt(format!("price rule ending {ending:?}")))?,
        });
    }
    Ok(rules)
}
