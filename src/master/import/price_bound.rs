//! Articles a price rule would price beyond the largest amount are rejected
//! before anything of them is written.

use rusqlite::params;
use rust_decimal::Decimal;

use super::engine::Engine;
use crate::feed::{RowProblem, SupplierArticle};
use crate::limits::MAX_AMOUNT_TEXT;
use crate::money::decimal_from_text;
use crate::pricing::list_price_from_rule;
use crate::{Error, Result};

impl Engine<'_, '_> {
    /// The row problem of an article whose prices a price rule would turn into
    /// a list price beyond `limits::MAX_AMOUNT`, if it would: the rule of
    /// `keys` (category and manufacturer the article brings to its product as
    /// its master source; `None`: the product's own), applied to the article's
    /// `cost` and to the costs of the product's other active offers (all but
    /// `except`), since the product may take its price from any of them. Such
    /// an article is rejected before anything of it is written; the rest of
    /// the file imports.
    pub(super) fn rule_problem(
        &self,
        article: &SupplierArticle,
        cost: Option<Decimal>,
        product: i64,
        except: Option<i64>,
        keys: Option<(&str, &str)>,
    ) -> Result<Option<RowProblem>> {
        if self.rules.is_empty() {
            return Ok(None);
        }
        let (category, manufacturer) = match keys {
            Some((category, manufacturer)) => (category.to_owned(), manufacturer.to_owned()),
            None => self
                .tx
                .prepare_cached(
                    "SELECT ci.category, p.manufacturer FROM product p
                     JOIN catalog_item ci ON ci.id = p.item_id WHERE p.item_id = ?1",
                )?
                .query_row([product], |r| Ok((r.get(0)?, r.get(1)?)))?,
        };
        // The article's own cost, then the other offers' (named by source and key).
        let mut costs: Vec<(Decimal, Option<String>)> =
            cost.map(|c| (c, None)).into_iter().collect();
        {
            let mut stmt = self.tx.prepare_cached(
                "SELECT cost_price, source, source_key FROM supplier_offer
                 WHERE product_id = ?1 AND status = 'active' AND id IS NOT ?2
                   AND cost_price IS NOT NULL",
            )?;
            let mut rows = stmt.query(params![product, except])?;
            while let Some(r) = rows.next()? {
                let offer = format!(
                    "the offer {} {} of its product",
                    r.get::<_, String>(1)?,
                    crate::limits::quote(&r.get::<_, String>(2)?)
                );
                costs.push((
                    decimal_from_text(&r.get::<_, String>(0)?, "cost_price")?,
                    Some(offer),
                ));
            }
        }
        for (cost, offer) in costs {
            match list_price_from_rule(cost, &self.rules, &category, &manufacturer) {
                Ok(_) => {}
                Err(Error::AmountOutOfBounds { what }) => {
                    let what = match offer {
                        None => what,
                        Some(offer) => format!("for {offer}, {what}"),
                    };
                    return Ok(Some(self.beyond_bound(article, &what)));
                }
                Err(other) => return Err(other),
            }
        }
        Ok(None)
    }

    /// The row problem of an article a price rule would price beyond the bound.
    pub(super) fn beyond_bound(&self, article: &SupplierArticle, what: &str) -> RowProblem {
        self.problem(
            article,
            "list_price",
            format!(
                "{what} would be beyond {MAX_AMOUNT_TEXT}, the largest amount Servicefolio \
                 accepts: the article is not imported (lower the rule's markup, or check the price)"
            ),
        )
    }
}
