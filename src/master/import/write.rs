//! Writing an article: a new offer of a matching or a new product, or its
//! offer (and, from the product's own source, its master data) written anew.

use rusqlite::params;

use super::clean::Clean;
use super::engine::Engine;
use crate::catalog::store::items::feed as item_rows;
use crate::catalog::store::products::feed::{
    self as product_rows, FeedOffer, NewOffer, NewProduct,
};
use crate::feed::SupplierArticle;
use crate::master::offers::refresh_product;
use crate::pricing::list_price;
use crate::{Error, Result};

/// The catalog code an imported product is created with: `EAN-<gtin>` when it
/// has a valid GTIN, else `<SOURCE>-<source key>` (upper-case source). The first
/// is the same whichever source brings the product; the second is unique by
/// the (source, key) rule. When the first is taken, the second is used.
pub fn derive_code(source: &str, source_key: &str, gtin: Option<&str>) -> Vec<String> {
    let mut codes = Vec::with_capacity(2);
    if let Some(gtin) = gtin {
        codes.push(format!("EAN-{gtin}"));
    }
    codes.push(format!("{}-{}", source.to_uppercase(), source_key));
    codes
}

impl Engine<'_, '_> {
    pub(super) fn insert_offer(
        &mut self,
        source: &str,
        key: &str,
        product: i64,
        c: &Clean,
        preferred: bool,
    ) -> Result<i64> {
        let catalog = self.scope.as_ref().map_or("", |s| s.catalog.as_str());
        let offer = self.products.insert_offer(&NewOffer {
            product_id: product,
            source,
            source_key: key,
            preferred,
            run_id: self.run_id,
            catalog,
            fields: c.offer_fields(),
        })?;
        if let Some(known) = &mut self.known {
            known.add_offer(key);
        }
        Ok(offer)
    }

    /// Writes a new offer: of the product it matches (whose id it answers), or
    /// of a new product.
    pub(super) fn insert(
        &mut self,
        source: &str,
        article: &SupplierArticle,
        c: &Clean,
    ) -> Result<Option<i64>> {
        if let Some(product) = self.matching_product(c)? {
            if let Some(p) = self.rule_problem(article, c.cost, product, None, None)? {
                self.reject(p);
                return Ok(None);
            }
            let offer = self.insert_offer(source, &article.source_key, product, c, false)?;
            self.saw(offer);
            refresh_product(self.tx, product, &self.rules)?;
            self.report.new += 1;
            return Ok(Some(product));
        }
        let list = match list_price(&self.rules, c.cost, c.list, &c.category, &c.manufacturer) {
            Ok(list) => list,
            Err(Error::AmountOutOfBounds { what }) => {
                let p = self.beyond_bound(article, &what);
                self.reject(p);
                return Ok(None);
            }
            Err(other) => return Err(other),
        };
        let mut id = None;
        for code in derive_code(source, &article.source_key, c.gtin.as_deref()) {
            id = self
                .items
                .insert_product_item(&code, &c.name, &c.category, &c.description)?;
            if id.is_some() {
                break;
            }
        }
        let Some(id) = id else {
            let p = self.problem(
                article,
                "source_key",
                format!(
                    "the catalog code {}-{} is already used by another item",
                    source.to_uppercase(),
                    article.source_key
                ),
            );
            self.reject(p);
            return Ok(None);
        };
        let rule = self.category_rules.rule_for(&c.category, &c.manufacturer);
        let list = list.map(|l| l.to_string());
        self.products.insert_product(&NewProduct {
            item_id: id,
            fields: c.product_fields(),
            cost: c.cost_text.as_deref(),
            list: list.as_deref(),
            currency: &c.currency,
            stock: c.stock.as_str(),
            source,
            source_key: &article.source_key,
            category_rule: rule,
        })?;
        if let Some(known) = &mut self.known {
            known.add_product(c.ean.as_deref(), &c.manufacturer, &c.part_number);
        }
        let offer = self.insert_offer(source, &article.source_key, id, c, true)?;
        self.saw(offer);
        self.report.new += 1;
        self.report.new_products += 1;
        Ok(None)
    }

    pub(super) fn update(
        &mut self,
        source: &str,
        article: &SupplierArticle,
        c: &Clean,
        e: &FeedOffer,
    ) -> Result<()> {
        if e.hash == c.hash && e.active {
            if !e.same_catalog {
                // The same article, now delivered by another catalog of the
                // source: it follows that catalog.
                product_rows::set_offer_catalog(self.tx, e.offer_id, self.catalog())?;
            }
            self.report.unchanged += 1;
            return Ok(());
        }
        // The source that created the product owns its master data; other
        // sources only bring their offers, in the product's sales unit.
        let (master, unit, content): (bool, Option<String>, Option<String>) = self
            .tx
            .prepare_cached(
                "SELECT source = ?2 AND source_key = ?3, sales_unit, sales_unit_content
                 FROM product WHERE item_id = ?1",
            )?
            .query_row(params![e.product_id, source, article.source_key], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
        if !master && (&unit, &content) != (&c.sales_unit_text[0], &c.sales_unit_text[1]) {
            let per = |unit: &Option<String>, content: &Option<String>| match (unit, content) {
                (None, _) => "a piece".to_owned(),
                (Some(u), None) => u.clone(),
                (Some(u), Some(n)) => format!("{u} of {n}"),
            };
            let p = self.problem(
                article,
                "sales_unit",
                format!(
                    "this offer is priced per {}, but its product is sold per {}: the prices \
                     cannot be compared, so the offer is not changed",
                    per(&c.sales_unit_text[0], &c.sales_unit_text[1]),
                    per(&unit, &content)
                ),
            );
            self.reject(p);
            return Ok(());
        }
        // The master source brings the category and manufacturer that choose
        // the product's price rule; another source's offer is priced under
        // the product's.
        let keys = master.then_some((c.category.as_str(), c.manufacturer.as_str()));
        if let Some(p) = self.rule_problem(article, c.cost, e.product_id, Some(e.offer_id), keys)? {
            self.reject(p);
            return Ok(());
        }
        product_rows::update_offer(
            self.tx,
            e.offer_id,
            self.run_id,
            self.catalog(),
            &c.offer_fields(),
        )?;
        if master {
            let mut changed = item_rows::update_product_item(
                self.tx,
                e.product_id,
                &c.name,
                &c.category,
                &c.description,
            )?;
            changed += product_rows::update_product_master_data(
                self.tx,
                e.product_id,
                &c.product_fields(),
            )?;
            if let Some(known) = &mut self.known {
                known.add_product(c.ean.as_deref(), &c.manufacturer, &c.part_number);
            }
            if changed > 0 {
                self.rule_dirty.push(e.product_id);
            }
            if changed > 0
                && self
                    .reindex_up_to
                    .is_some_and(|up_to| e.product_id <= up_to)
            {
                self.reindex.push(e.product_id);
            }
        }
        // Also an offer back in the feed after being discontinued.
        refresh_product(self.tx, e.product_id, &self.rules)?;
        self.report.updated += 1;
        Ok(())
    }

    /// Whether a product has no list price.
    pub(super) fn unpriced(&self, product_id: i64) -> Result<bool> {
        Ok(self
            .tx
            .prepare_cached("SELECT list_price IS NULL FROM product WHERE item_id = ?1")?
            .query_row([product_id], |r| r.get(0))?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(
            derive_code("itscope", "42", Some("4006381333931")),
            vec!["EAN-4006381333931".to_owned(), "ITSCOPE-42".to_owned()]
        );
        assert_eq!(
            derive_code("acme", "A-1", None),
            vec!["ACME-A-1".to_owned()]
        );
    }
}
