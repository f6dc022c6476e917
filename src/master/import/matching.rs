//! Matching an article to what the catalog has: its own offer by source and
//! key, else a product with the same GTIN or manufacturer and part number.

use super::clean::Clean;
use super::engine::Engine;
use crate::catalog::store::products::feed::FeedOffer;
use crate::Result;

impl Engine<'_, '_> {
    /// The offer of `source` with this key (in bulk mode, only when the key
    /// filter says it may exist).
    pub(super) fn find_offer(&mut self, source: &str, key: &str) -> Result<Option<FeedOffer>> {
        if let Some(known) = &mut self.known {
            known.load_source(self.tx, source)?;
            if !known.offer_may_exist(key) {
                return Ok(None);
            }
        }
        let catalog = self.scope.as_ref().map_or("", |s| s.catalog.as_str());
        self.products.find_offer(source, key, catalog)
    }

    /// The product this article is another offer of: same valid GTIN, else same
    /// manufacturer (ignoring case) and part number.
    pub(super) fn matching_product(&mut self, clean: &Clean) -> Result<Option<i64>> {
        if let Some(gtin) = &clean.gtin {
            if self.known.as_ref().is_none_or(|k| k.gtin_may_exist(gtin)) {
                let [unit, content, _] = &clean.sales_unit_text;
                let found = self.products.product_by_gtin(gtin, unit, content)?;
                if found.is_some() {
                    return Ok(found);
                }
            }
        }
        if clean.manufacturer.is_empty()
            || clean.part_number.is_empty()
            || self
                .known
                .as_ref()
                .is_some_and(|k| !k.part_number_may_exist(&clean.manufacturer, &clean.part_number))
        {
            return Ok(None);
        }
        let [unit, content, _] = &clean.sales_unit_text;
        self.products
            .product_by_part_number(&clean.part_number, &clean.manufacturer, unit, content)
    }
}
