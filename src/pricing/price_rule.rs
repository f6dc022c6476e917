//! Price rules: an imported product's list price is its cost price plus a markup,
//! ended like a shop price (docs/pricing.md §5). A rule for the manufacturer beats
//! one for the category, which beats the default rule.

use rusqlite::{Connection, Transaction};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::rounding::{ended, PriceEnding};
use super::store::price_rules as store;
use crate::catalog::store::products;
use crate::error::{InputSays, RefusalSays, Wording};
use crate::money::{bounded, decimal_from_text, optional_decimal_from_text};
use crate::{Error, Result};

/// What a rule applies to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "scope", content = "key", rename_all = "snake_case")]
pub enum RuleScope {
    Default,
    Category(String),
    Manufacturer(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PriceRuleDraft {
    pub scope: RuleScope,
    /// Percent on the cost price (25 → cost × 1.25).
    pub markup_percent: Decimal,
    pub ending: PriceEnding,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PriceRule {
    pub id: i64,
    pub scope: RuleScope,
    pub markup_percent: Decimal,
    pub ending: PriceEnding,
}

impl PriceRule {
    /// List price = cost × (100 + markup) / 100, then rounded up to the ending.
    /// A list price beyond `limits::MAX_AMOUNT` (a cost near the bound, a huge
    /// markup) is refused with a typed error naming the rule and what it would
    /// make of the cost; nothing overflows.
    pub fn list_price(&self, cost: Decimal) -> Result<Decimal> {
        let outcome = Decimal::ONE_HUNDRED
            .checked_add(self.markup_percent)
            .and_then(|factor| cost.checked_mul(factor))
            .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
            .and_then(|raw| ended(raw, self.ending));
        bounded(outcome, || {
            format!(
                "the list price from the cost {cost} with the markup {} % of {} ({})",
                self.markup_percent,
                self.scope,
                outcome.map_or_else(|| "too large to compute".to_owned(), |o| o.to_string())
            )
        })
    }
}

impl std::fmt::Display for RuleScope {
    /// How messages name a rule: `the price rule for category "Notebooks"`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RuleScope::Default => write!(f, "the default price rule"),
            RuleScope::Category(k) => write!(f, "the price rule for category {k:?}"),
            RuleScope::Manufacturer(k) => write!(f, "the price rule for manufacturer {k:?}"),
        }
    }
}

/// The list price for a product with this cost, category and manufacturer, and
/// the rule that made it; none when no rule applies (no default rule). A price
/// the rule would put beyond `limits::MAX_AMOUNT` is an error.
pub fn list_price_from_rule<'r>(
    cost: Decimal,
    rules: &'r [PriceRule],
    category: &str,
    manufacturer: &str,
) -> Result<Option<(Decimal, &'r PriceRule)>> {
    let matching = |wanted: &dyn Fn(&RuleScope) -> bool| rules.iter().find(|r| wanted(&r.scope));
    let rule = matching(&|s| matches!(s, RuleScope::Manufacturer(k) if same_key(k, manufacturer)))
        .or_else(|| matching(&|s| matches!(s, RuleScope::Category(k) if same_key(k, category))))
        .or_else(|| matching(&|s| *s == RuleScope::Default));
    rule.map(|rule| Ok((rule.list_price(cost)?, rule)))
        .transpose()
}

/// Imported names differ in case ("LENOVO", "Lenovo"); the store compares NOCASE too.
fn same_key(rule_key: &str, value: &str) -> bool {
    rule_key.trim().eq_ignore_ascii_case(value.trim())
}

fn check(draft: &PriceRuleDraft) -> Result<RuleScope> {
    if draft.markup_percent < Decimal::ZERO || draft.markup_percent > Decimal::from(1000) {
        return Err(Error::input_said(
            "markup_percent",
            Wording::new(InputSays::MarkupOutOfRange).number("percent", draft.markup_percent),
        ));
    }
    let trimmed = |k: &str, field: &str| {
        let k = k.trim();
        if k.is_empty() {
            Err(Error::input_problem(
                field,
                crate::error::InputProblem::Empty,
            ))
        } else {
            Ok(k.to_owned())
        }
    };
    Ok(match &draft.scope {
        RuleScope::Default => RuleScope::Default,
        RuleScope::Category(k) => RuleScope::Category(trimmed(k, "category")?),
        RuleScope::Manufacturer(k) => RuleScope::Manufacturer(trimmed(k, "manufacturer")?),
    })
}

/// Creates the rule for its scope, or replaces the one there is: one rule per
/// manufacturer, per category, and one default.
pub fn save_price_rule(tx: &Transaction<'_>, draft: &PriceRuleDraft) -> Result<PriceRule> {
    let scope = check(draft)?;
    let id = store::put_price_rule(tx, &scope, draft.markup_percent, draft.ending)?;
    Ok(PriceRule {
        id,
        scope,
        markup_percent: draft.markup_percent,
        ending: draft.ending,
    })
}

pub fn delete_price_rule(tx: &Transaction<'_>, id: i64) -> Result<()> {
    if !store::delete_price_rule(tx, id)? {
        return Err(Error::not_found(
            Wording::new(RefusalSays::PriceRuleNotFound).text("id", id),
        ));
    }
    Ok(())
}

/// Every rule: the default first, then categories, then manufacturers, by key.
pub fn price_rules(conn: &Connection) -> Result<Vec<PriceRule>> {
    store::read_price_rules(conn)
}

/// What `apply_price_rules` did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct RepricedProducts {
    /// Imported products whose list price changed.
    pub changed: u32,
    /// Imported products whose list price already was the rule's.
    pub unchanged: u32,
    /// Codes of imported products with a cost price that no rule covers; they
    /// keep their list price.
    pub without_rule: Vec<String>,
}

/// Sets the list price of every imported product (source other than `custom`)
/// that has a cost price from the price rules, in one transaction. Products
/// entered by hand keep the price they were given.
pub fn apply_price_rules(tx: &Transaction<'_>) -> Result<RepricedProducts> {
    let rules = price_rules(tx)?;
    let mut outcome = RepricedProducts::default();
    let mut updates = Vec::new();
    {
        let mut stmt = tx.prepare_cached(
            "SELECT p.item_id, ci.code, ci.category, p.manufacturer, p.cost_price, p.list_price
             FROM product p JOIN catalog_item ci ON ci.id = p.item_id
             WHERE p.source <> 'custom' AND p.cost_price IS NOT NULL ORDER BY ci.code",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let code: String = r.get(1)?;
            let category: String = r.get(2)?;
            let manufacturer: String = r.get(3)?;
            let cost = decimal_from_text(&r.get::<_, String>(4)?, "cost_price")?;
            let current = optional_decimal_from_text(r.get(5)?, "list_price")?;
            let from_rule = list_price_from_rule(cost, &rules, &category, &manufacturer).map_err(
                |e| match e {
                    Error::AmountOutOfBounds { what } => Error::AmountOutOfBounds {
                        what: format!("{code}: {what}"),
                    },
                    other => other,
                },
            )?;
            match from_rule {
                None => outcome.without_rule.push(code),
                Some((price, _)) if Some(price) == current => outcome.unchanged += 1,
                Some((price, _)) => updates.push((r.get::<_, i64>(0)?, price)),
            }
        }
    }
    for (id, price) in &updates {
        products::set_list_price(tx, *id, *price)?;
    }
    outcome.changed = u32::try_from(updates.len())
        .map_err(|_| Error::input_said("products", Wording::new(InputSays::TooManyToReprice)))?;
    Ok(outcome)
}

/// An imported product's list price: from the price rule that covers it (by
/// manufacturer, category or the default) when it has a cost price; else the
/// supplier's list price; else the cost price; none when the supplier states
/// no price at all (the product is unpriced: never sold at 0). A rule's price
/// beyond `limits::MAX_AMOUNT` is an error (`Error::AmountOutOfBounds`), never
/// an overflow.
pub fn list_price(
    rules: &[PriceRule],
    cost: Option<Decimal>,
    supplier_list: Option<Decimal>,
    category: &str,
    manufacturer: &str,
) -> Result<Option<Decimal>> {
    let from_rule = match cost {
        Some(cost) => list_price_from_rule(cost, rules, category, manufacturer)?,
        None => None,
    };
    Ok(from_rule.map(|(price, _)| price).or(supplier_list).or(cost))
}
