//! One article checked on its own and made ready to write: the catalog's
//! defaults applied, amounts as stored, and the hash that tells an unchanged
//! row.

use rust_decimal::Decimal;

use super::engine::Engine;
use crate::catalog::store::products::feed::{OfferFields, ProductFields};
use crate::catalog::{SalesUnit, StockStatus};
use crate::error::{InputSays, Wording};
use crate::feed::{OrderDetails, RowProblem, SupplierArticle};
use crate::limits::{MAX_AMOUNT, MAX_AMOUNT_TEXT};

pub(super) fn check_tax(rate: Decimal) -> std::result::Result<(), Wording> {
    if rate < Decimal::ZERO || rate > Decimal::ONE_HUNDRED {
        Err(Wording::new(InputSays::NotTaxRate).number("rate", rate))
    } else {
        Ok(())
    }
}

/// An article as it will be written, after local validation.
pub(super) struct Clean {
    pub(super) name: String,
    pub(super) category: String,
    pub(super) description: String,
    pub(super) manufacturer: String,
    pub(super) part_number: String,
    pub(super) ean: Option<String>,
    /// The EAN, if it is a GTIN with a correct check digit (only these match).
    pub(super) gtin: Option<String>,
    pub(super) cost: Option<Decimal>,
    pub(super) list: Option<Decimal>,
    /// The amounts as stored (written once, used by the hash and the inserts).
    pub(super) cost_text: Option<String>,
    pub(super) list_text: Option<String>,
    /// The unit the prices are per (none: a piece), and the order details the
    /// offer keeps (for later BMEcat price updates), as stored.
    pub(super) sales_unit: Option<SalesUnit>,
    pub(super) sales_unit_text: [Option<String>; 3],
    pub(super) order_text: [Option<String>; 5],
    pub(super) tax_text: String,
    pub(super) currency: String,
    pub(super) stock: StockStatus,
    pub(super) quantity: Option<u32>,
    pub(super) sku: Option<String>,
    pub(super) hash: i64,
}

impl Clean {
    /// What the article's offer row holds.
    pub(super) fn offer_fields(&self) -> OfferFields<'_> {
        OfferFields {
            sku: self.sku.as_deref(),
            cost: self.cost_text.as_deref(),
            list: self.list_text.as_deref(),
            currency: &self.currency,
            stock: self.stock.as_str(),
            quantity: self.quantity,
            hash: self.hash,
            order: &self.order_text,
        }
    }

    /// The master data it gives the product it creates (or whose source it is).
    pub(super) fn product_fields(&self) -> ProductFields<'_> {
        ProductFields {
            manufacturer: &self.manufacturer,
            part_number: &self.part_number,
            ean: self.ean.as_deref(),
            tax_rate: &self.tax_text,
            sales_unit: &self.sales_unit_text,
        }
    }
}

/// FNV-1a, 64 bit: stable across builds (unlike std's hasher), so hashes
/// stored by one version still match in the next.
struct Fnv(u64);

impl Fnv {
    fn field(&mut self, text: &str) {
        for b in text.bytes().chain([0x1f]) {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

impl Engine<'_, '_> {
    /// Checks one article on its own: what the catalog needs of it, with the
    /// defaults applied. An EAN with a wrong check digit is kept as written
    /// (the feed module's decision) but never used to match products.
    pub(super) fn clean(&self, a: &SupplierArticle) -> std::result::Result<Clean, RowProblem> {
        fn text(v: &Option<String>) -> Option<&str> {
            v.as_deref().map(str::trim).filter(|s| !s.is_empty())
        }
        let name = text(&a.name)
            .or_else(|| text(&a.short_description))
            .ok_or_else(|| self.problem(a, "name", "is empty: a product needs a name".into()))?
            .to_owned();
        let currency = a
            .currency
            .clone()
            .unwrap_or_else(|| self.default_currency.clone());
        if !crate::money::is_currency_code(&currency) {
            return Err(self.problem(
                a,
                "currency",
                format!("{currency:?} is not a currency code"),
            ));
        }
        let tax = a.tax_rate.unwrap_or(self.default_tax);
        check_tax(tax).map_err(|reason| self.problem(a, "tax_rate", reason.english()))?;
        // No price at all is fine (the product is unpriced); a price is within
        // 0 and the bound, whatever the feed's format.
        for (field, price) in [("cost_price", a.cost_price), ("list_price", a.list_price)] {
            match price {
                Some(p) if p < Decimal::ZERO => {
                    return Err(self.problem(
                        a,
                        field,
                        format!("{p} is negative: a price cannot be below zero"),
                    ))
                }
                Some(p) if p > MAX_AMOUNT => {
                    return Err(self.problem(
                        a,
                        field,
                        format!(
                        "{p} is beyond {MAX_AMOUNT_TEXT}, the largest amount Servicefolio accepts"
                    ),
                    ))
                }
                _ => {}
            }
        }
        let category = text(&a.category)
            .map(str::to_owned)
            .or_else(|| a.catalog_groups.iter().find_map(|g| self.group_name(g)))
            .unwrap_or_default();
        let description = text(&a.long_description)
            .or_else(|| text(&a.short_description))
            .unwrap_or_default()
            .to_owned();
        let ean = text(&a.ean).map(str::to_owned);
        let gtin = ean.clone().filter(|e| crate::money::is_valid_gtin(e));
        let mut clean = Clean {
            name,
            category,
            description,
            manufacturer: text(&a.manufacturer).unwrap_or_default().to_owned(),
            part_number: text(&a.manufacturer_part_number)
                .unwrap_or_default()
                .to_owned(),
            ean,
            gtin,
            cost: a.cost_price,
            list: a.list_price,
            cost_text: a.cost_price.map(|d| d.to_string()),
            list_text: a.list_price.map(|d| d.to_string()),
            sales_unit_text: sales_unit_columns(a.sales_unit.as_ref()),
            sales_unit: a.sales_unit.clone(),
            order_text: order_columns(&a.order),
            tax_text: tax.to_string(),
            currency,
            stock: a.stock_status.unwrap_or_default(),
            quantity: a.stock_quantity,
            sku: text(&a.supplier_sku).map(str::to_owned),
            hash: 0,
        };
        let mut h = Fnv(0xcbf2_9ce4_8422_2325);
        for field in [
            &clean.name,
            &clean.category,
            &clean.description,
            &clean.manufacturer,
            &clean.part_number,
            clean.ean.as_deref().unwrap_or(""),
            clean.cost_text.as_deref().unwrap_or(""),
            clean.list_text.as_deref().unwrap_or(""),
            &clean.currency,
            &clean.tax_text,
            clean.stock.as_str(),
            &clean.quantity.map(|q| q.to_string()).unwrap_or_default(),
            clean.sku.as_deref().unwrap_or(""),
        ] {
            h.field(field);
        }
        // Only when stated, so rows without them keep the hashes they had.
        if clean.sales_unit.is_some() || clean.order_text.iter().any(Option::is_some) {
            for field in clean.sales_unit_text.iter().chain(&clean.order_text) {
                h.field(field.as_deref().unwrap_or(""));
            }
        }
        clean.hash = i64::from_ne_bytes(h.0.to_ne_bytes());
        Ok(clean)
    }
}

/// Order details as an offer stores them: order unit, content unit, content
/// per order unit, price quantity, minimum order.
pub(super) fn order_columns(order: &OrderDetails) -> [Option<String>; 5] {
    [
        order.order_unit.clone(),
        order.content_unit.clone(),
        order.content_per_order_unit.map(|d| d.to_string()),
        order.price_quantity.map(|d| d.to_string()),
        order.quantity_min.map(|d| d.to_string()),
    ]
}

/// A sales unit as the product stores it: unit, content, content unit.
pub(super) fn sales_unit_columns(unit: Option<&SalesUnit>) -> [Option<String>; 3] {
    match unit {
        None => [None, None, None],
        Some(u) => [
            Some(u.unit.clone()),
            u.content.map(|c| c.normalize().to_string()),
            u.content_unit.clone(),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tax_rates() {
        assert!(check_tax(Decimal::from(101)).is_err());
        assert!(check_tax(Decimal::from(7)).is_ok());
    }
}
