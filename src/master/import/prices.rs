//! Prices without the rest: BMEcat price updates, and articles that state no
//! price keeping the ones their offer has.

use super::clean::{order_columns, sales_unit_columns, Clean};
use super::engine::Engine;
use crate::catalog::store::products::feed::{self as product_rows, FeedOffer};
use crate::feed::{
    apply_prices, sales_unit, OrderDetails, PriceChoice, RowProblem, SupplierArticle,
};
use crate::master::offers::refresh_product;
use crate::money::optional_decimal_from_text;
use crate::Result;

impl Engine<'_, '_> {
    /// Puts an offer's prices, currency and the order details they were
    /// converted with (and so the sales unit they are per) into an article
    /// that states no price; its row hash stays the article's (a re-import of
    /// the same file is unchanged).
    pub(super) fn keep_prices(&self, offer_id: i64, clean: &mut Clean) -> Result<()> {
        let (cost, list, currency): (Option<String>, Option<String>, String) = self
            .tx
            .prepare_cached(
                "SELECT cost_price, list_price, currency FROM supplier_offer WHERE id = ?1",
            )?
            .query_row([offer_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        let order = self.stored_order(offer_id)?;
        clean.cost = optional_decimal_from_text(cost.clone(), "cost_price")?;
        clean.list = optional_decimal_from_text(list.clone(), "list_price")?;
        clean.cost_text = cost;
        clean.list_text = list;
        clean.currency = currency;
        clean.sales_unit = sales_unit(&order);
        clean.sales_unit_text = sales_unit_columns(clean.sales_unit.as_ref());
        clean.order_text = order_columns(&order);
        Ok(())
    }

    /// The order details an offer's prices were converted with.
    pub(super) fn stored_order(&self, offer_id: i64) -> Result<OrderDetails> {
        let [order_unit, content_unit, content, quantity, minimum]: [Option<String>; 5] = self
            .tx
            .prepare_cached(
                "SELECT order_unit, content_unit, content_per_order_unit, price_quantity, quantity_min
                 FROM supplier_offer WHERE id = ?1",
            )?
            .query_row([offer_id], |r| {
                Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?])
            })?;
        Ok(OrderDetails {
            order_unit,
            content_unit,
            content_per_order_unit: optional_decimal_from_text(content, "content_per_order_unit")?,
            price_quantity: optional_decimal_from_text(quantity, "price_quantity")?,
            quantity_min: optional_decimal_from_text(minimum, "quantity_min")?,
            quantity_interval: None,
        })
    }

    /// Chooses and converts a BMEcat article's prices again (with the order
    /// details it has now).
    pub(super) fn reprice(
        &self,
        article: &mut SupplierArticle,
    ) -> std::result::Result<(), RowProblem> {
        let choice = PriceChoice {
            cost_types: &self.bmecat_options.cost_price_types,
            list_types: &self.bmecat_options.list_price_types,
            currency: self
                .bmecat_options
                .currency
                .as_deref()
                .or(self.header.as_ref().and_then(|h| h.currency.as_deref())),
        };
        apply_prices(article, &choice).map_err(|e| self.problem(article, &e.field, e.reason))
    }

    pub(super) fn price_update(&mut self, article: &SupplierArticle, e: &FeedOffer) -> Result<()> {
        // A cost it does not restate stays, and is checked with the others.
        let own = article.cost_price.is_some().then_some(e.offer_id);
        if let Some(p) = self.rule_problem(article, article.cost_price, e.product_id, own, None)? {
            self.reject(p);
            return Ok(());
        }
        let priced = article.cost_price.is_some() || article.list_price.is_some();
        if !article.order.is_empty() && priced {
            // Order details stated with the prices replace the ones kept (an
            // update without a price keeps the prices and the details they
            // were converted with).
            let order = &article.order;
            product_rows::set_offer_order(
                self.tx,
                e.offer_id,
                [order.order_unit.as_deref(), order.content_unit.as_deref()],
                [
                    order.content_per_order_unit,
                    order.price_quantity,
                    order.quantity_min,
                ],
            )?;
        }
        let changed = product_rows::reprice_offer(
            self.tx,
            e.offer_id,
            article.cost_price,
            article.list_price,
            // The currency of the prices it states (none: the kept prices'
            // stays).
            article.currency.as_deref().filter(|_| priced),
            self.run_id,
        )?;
        if changed == 0 {
            self.report.unchanged += 1;
        } else {
            refresh_product(self.tx, e.product_id, &self.rules)?;
            self.report.updated += 1;
        }
        Ok(())
    }
}
