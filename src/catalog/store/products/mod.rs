//! Products and supplier offers: the store module that alone writes `product`,
//! `supplier_offer` and the product search index, and maps their rows.

pub(crate) mod feed;

use rusqlite::{params, CachedStatement, Connection, Transaction};
use rust_decimal::Decimal;
use std::collections::HashMap;

use crate::catalog::{ProductRecord, SalesUnit, StockStatus};
use crate::money::{decimal_from_text, optional_decimal_from_text};
use crate::Result;

/// Writes the product row of the item `id` (inserted, or replaced in place).
pub(crate) fn write_product(tx: &Transaction<'_>, id: i64, p: &ProductRecord) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO product (item_id, manufacturer, manufacturer_part_number, ean, cost_price,
             list_price, currency, tax_rate, stock_status, source, source_key, sales_unit,
             sales_unit_content, sales_unit_content_unit)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
         ON CONFLICT (item_id) DO UPDATE SET manufacturer = excluded.manufacturer,
             manufacturer_part_number = excluded.manufacturer_part_number, ean = excluded.ean,
             cost_price = excluded.cost_price, list_price = excluded.list_price,
             currency = excluded.currency, tax_rate = excluded.tax_rate,
             stock_status = excluded.stock_status, source = excluded.source,
             source_key = excluded.source_key, sales_unit = excluded.sales_unit,
             sales_unit_content = excluded.sales_unit_content,
             sales_unit_content_unit = excluded.sales_unit_content_unit",
    )?
    .execute(params![
        id,
        p.manufacturer,
        p.manufacturer_part_number,
        p.ean,
        p.cost_price.map(|c| c.to_string()),
        p.list_price.map(|l| l.to_string()),
        p.currency,
        p.tax_rate.to_string(),
        p.stock_status,
        p.source,
        p.source_key,
        p.sales_unit.as_ref().map(|u| u.unit.trim()),
        p.sales_unit
            .as_ref()
            .and_then(|u| u.content)
            .map(|c| c.normalize().to_string()),
        p.sales_unit
            .as_ref()
            .and_then(|u| u.content_unit.as_deref())
    ])?;
    Ok(())
}

/// Sets the list price of the product `id` (a price rule repriced it).
pub(crate) fn set_list_price(tx: &Transaction<'_>, id: i64, price: Decimal) -> Result<()> {
    tx.prepare_cached("UPDATE product SET list_price = ?2 WHERE item_id = ?1")?
        .execute(params![id, price.to_string()])?;
    Ok(())
}

/// Sets which category rule governs a product, for many products in a row: the
/// statement is prepared once.
pub(crate) struct RuleAssignments<'c> {
    update: CachedStatement<'c>,
}

impl<'c> RuleAssignments<'c> {
    pub(crate) fn prepare(conn: &'c Connection) -> Result<Self> {
        Ok(RuleAssignments {
            update: conn
                .prepare_cached("UPDATE product SET category_rule_id = ?2 WHERE item_id = ?1")?,
        })
    }

    /// The product `id` is governed by `rule` now (none: by no rule).
    pub(crate) fn set(&mut self, id: i64, rule: Option<i64>) -> Result<()> {
        self.update.execute(params![id, rule])?;
        Ok(())
    }
}

/// Deletes the product row of the item `id` (an item that is no product now).
pub(crate) fn delete_product(tx: &Transaction<'_>, id: i64) -> Result<()> {
    tx.prepare_cached("DELETE FROM product WHERE item_id = ?1")?
        .execute([id])?;
    Ok(())
}

/// A product row: what the `product` table adds to its catalog item.
pub(crate) struct ProductRow {
    pub(crate) manufacturer: String,
    pub(crate) manufacturer_part_number: String,
    pub(crate) ean: Option<String>,
    pub(crate) cost_price: Option<Decimal>,
    pub(crate) list_price: Option<Decimal>,
    pub(crate) currency: String,
    pub(crate) tax_rate: Decimal,
    pub(crate) stock_status: StockStatus,
    pub(crate) source: String,
    pub(crate) source_key: Option<String>,
    pub(crate) sales_unit: Option<SalesUnit>,
}

/// The product rows of the items with ids in `range` (inclusive), by item id.
pub(crate) fn product_rows(conn: &Connection, range: [i64; 2]) -> Result<HashMap<i64, ProductRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT item_id, manufacturer, manufacturer_part_number, ean, cost_price, list_price,
                currency, tax_rate, stock_status, source, source_key, sales_unit,
                sales_unit_content, sales_unit_content_unit
         FROM product WHERE item_id BETWEEN ?1 AND ?2",
    )?;
    let mut map = HashMap::new();
    let mut rows = stmt.query(range)?;
    while let Some(r) = rows.next()? {
        map.insert(
            r.get::<_, i64>(0)?,
            ProductRow {
                manufacturer: r.get(1)?,
                manufacturer_part_number: r.get(2)?,
                ean: r.get(3)?,
                cost_price: optional_decimal_from_text(r.get(4)?, "cost_price")?,
                list_price: optional_decimal_from_text(r.get(5)?, "list_price")?,
                currency: r.get(6)?,
                tax_rate: decimal_from_text(&r.get::<_, String>(7)?, "tax_rate")?,
                stock_status: r.get::<_, StockStatus>(8)?,
                source: r.get(9)?,
                source_key: r.get(10)?,
                sales_unit: match r.get::<_, Option<String>>(11)? {
                    None => None,
                    Some(unit) => Some(SalesUnit {
                        unit,
                        content: optional_decimal_from_text(r.get(12)?, "sales_unit_content")?,
                        content_unit: r.get(13)?,
                    }),
                },
            },
        );
    }
    Ok(map)
}
