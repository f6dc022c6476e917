//! The supplier-feed import's writes of products, supplier offers and the search
//! index, prepared once and run per row.
//!
//! The import (`master::import`) decides what to write; this module holds the
//! SQL. Its hot statements (run for nearly every article of a million-row
//! feed) are prepared once per import in [`FeedProducts`]; the rest are
//! `prepare_cached`. The rows are passed as borrowed views of what the import
//! already holds, so a row costs no allocation it did not cost before. Also
//! here: a product's prices and preferred offer as refreshed from its offers
//! (`master::offers`).

use rusqlite::{params, Connection, OptionalExtension, Statement};
use rust_decimal::Decimal;

use crate::error::Result;

/// An offer the feed names that the catalog has (found by source and key).
#[derive(Debug, Clone, Copy)]
pub(crate) struct FeedOffer {
    pub offer_id: i64,
    pub product_id: i64,
    /// The hash of the article row it was last written from.
    pub hash: i64,
    pub active: bool,
    /// The offer was last delivered by the catalog asked about.
    pub same_catalog: bool,
    /// The offer has a price (cost or list).
    pub priced: bool,
}

/// What an offer row holds of an article, as stored (texts for amounts).
#[derive(Debug, Clone, Copy)]
pub(crate) struct OfferFields<'r> {
    pub sku: Option<&'r str>,
    pub cost: Option<&'r str>,
    pub list: Option<&'r str>,
    pub currency: &'r str,
    pub stock: &'r str,
    pub quantity: Option<u32>,
    /// The article row's hash (an unchanged row is skipped next time).
    pub hash: i64,
    /// Order unit, content unit, content per order unit, price quantity,
    /// minimum order.
    pub order: &'r [Option<String>; 5],
}

/// A new offer: whose, from where, and its fields.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NewOffer<'r> {
    pub product_id: i64,
    pub source: &'r str,
    pub source_key: &'r str,
    pub preferred: bool,
    pub run_id: i64,
    pub catalog: &'r str,
    pub fields: OfferFields<'r>,
}

/// The master data a product takes from the source that created it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ProductFields<'r> {
    pub manufacturer: &'r str,
    pub part_number: &'r str,
    pub ean: Option<&'r str>,
    pub tax_rate: &'r str,
    /// Sales unit, its content and content unit (none: a piece).
    pub sales_unit: &'r [Option<String>; 3],
}

/// A new imported product (its catalog item is written first).
#[derive(Debug, Clone, Copy)]
pub(crate) struct NewProduct<'r> {
    pub item_id: i64,
    pub fields: ProductFields<'r>,
    pub cost: Option<&'r str>,
    pub list: Option<&'r str>,
    pub currency: &'r str,
    pub stock: &'r str,
    pub source: &'r str,
    pub source_key: &'r str,
    pub category_rule: Option<i64>,
}

/// The statements an import runs for (nearly) every article, prepared once.
pub(crate) struct FeedProducts<'c> {
    find_offer: Statement<'c>,
    product_by_gtin: Statement<'c>,
    product_by_part_number: Statement<'c>,
    insert_product: Statement<'c>,
    insert_offer: Statement<'c>,
    conn: &'c Connection,
}

impl<'c> FeedProducts<'c> {
    pub(crate) fn prepare(conn: &'c Connection) -> Result<Self> {
        Ok(FeedProducts {
            find_offer: conn.prepare(
                "SELECT id, product_id, row_hash, status = 'active', catalog = ?3,
                        cost_price IS NOT NULL OR list_price IS NOT NULL
                 FROM supplier_offer WHERE source = ?1 AND source_key = ?2",
            )?,
            product_by_gtin: conn.prepare(
                "SELECT item_id FROM product
                 WHERE ean = ?1 AND sales_unit IS ?2 AND sales_unit_content IS ?3 LIMIT 1",
            )?,
            product_by_part_number: conn.prepare(
                "SELECT item_id FROM product
                 WHERE manufacturer_part_number = ?1 AND manufacturer = ?2 COLLATE NOCASE
                   AND sales_unit IS ?3 AND sales_unit_content IS ?4 LIMIT 1",
            )?,
            insert_product: conn.prepare(
                "INSERT INTO product (item_id, manufacturer, manufacturer_part_number, ean, cost_price,
                     list_price, currency, tax_rate, stock_status, source, source_key, sales_unit,
                     sales_unit_content, sales_unit_content_unit, category_rule_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )?,
            insert_offer: conn.prepare(
                "INSERT INTO supplier_offer (product_id, source, source_key, supplier_sku, cost_price,
                     list_price, currency, stock_status, stock_quantity, preferred, import_run_id, row_hash,
                     order_unit, content_unit, content_per_order_unit, price_quantity, quantity_min,
                     catalog)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
            )?,
            conn,
        })
    }

    /// The offer of `source` with this key, as seen from `catalog`.
    pub(crate) fn find_offer(
        &mut self,
        source: &str,
        key: &str,
        catalog: &str,
    ) -> Result<Option<FeedOffer>> {
        Ok(self
            .find_offer
            .query_row(params![source, key, catalog], |r| {
                Ok(FeedOffer {
                    offer_id: r.get(0)?,
                    product_id: r.get(1)?,
                    hash: r.get(2)?,
                    active: r.get(3)?,
                    same_catalog: r.get(4)?,
                    priced: r.get(5)?,
                })
            })
            .optional()?)
    }

    /// A product with this GTIN, sold per this unit and content.
    pub(crate) fn product_by_gtin(
        &mut self,
        gtin: &str,
        unit: &Option<String>,
        content: &Option<String>,
    ) -> Result<Option<i64>> {
        Ok(self
            .product_by_gtin
            .query_row(params![gtin, unit, content], |r| r.get(0))
            .optional()?)
    }

    /// A product with this part number of this manufacturer (ignoring case),
    /// sold per this unit and content.
    pub(crate) fn product_by_part_number(
        &mut self,
        part_number: &str,
        manufacturer: &str,
        unit: &Option<String>,
        content: &Option<String>,
    ) -> Result<Option<i64>> {
        Ok(self
            .product_by_part_number
            .query_row(params![part_number, manufacturer, unit, content], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub(crate) fn insert_product(&mut self, p: &NewProduct<'_>) -> Result<()> {
        let f = &p.fields;
        self.insert_product.execute(params![
            p.item_id,
            f.manufacturer,
            f.part_number,
            f.ean,
            p.cost,
            p.list,
            p.currency,
            f.tax_rate,
            p.stock,
            p.source,
            p.source_key,
            f.sales_unit[0],
            f.sales_unit[1],
            f.sales_unit[2],
            p.category_rule
        ])?;
        Ok(())
    }

    /// Writes a new offer; answers its id.
    pub(crate) fn insert_offer(&mut self, o: &NewOffer<'_>) -> Result<i64> {
        let f = &o.fields;
        self.insert_offer.execute(params![
            o.product_id,
            o.source,
            o.source_key,
            f.sku,
            f.cost,
            f.list,
            f.currency,
            f.stock,
            f.quantity,
            o.preferred,
            o.run_id,
            f.hash,
            f.order[0],
            f.order[1],
            f.order[2],
            f.order[3],
            f.order[4],
            o.catalog
        ])?;
        Ok(self.conn.last_insert_rowid())
    }
}

/// The same article, now delivered by another catalog of its source.
pub(crate) fn set_offer_catalog(conn: &Connection, offer_id: i64, catalog: &str) -> Result<()> {
    conn.prepare_cached("UPDATE supplier_offer SET catalog = ?2 WHERE id = ?1")?
        .execute(params![offer_id, catalog])?;
    Ok(())
}

/// Writes an offer anew from its article (also one back in the feed after
/// being discontinued: it is active again).
pub(crate) fn update_offer(
    conn: &Connection,
    offer_id: i64,
    run_id: i64,
    catalog: &str,
    f: &OfferFields<'_>,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE supplier_offer SET supplier_sku = ?2, cost_price = ?3, list_price = ?4,
             currency = ?5, stock_status = ?6, stock_quantity = ?7, status = 'active',
             import_run_id = ?8, row_hash = ?9, order_unit = ?10, content_unit = ?11,
             content_per_order_unit = ?12, price_quantity = ?13, quantity_min = ?14,
             catalog = ?15
         WHERE id = ?1",
    )?
    .execute(params![
        offer_id, f.sku, f.cost, f.list, f.currency, f.stock, f.quantity, run_id, f.hash,
        f.order[0], f.order[1], f.order[2], f.order[3], f.order[4], catalog
    ])?;
    Ok(())
}

/// Writes a product's master data where it differs; answers how many rows
/// changed (0 or 1).
pub(crate) fn update_product_master_data(
    conn: &Connection,
    product_id: i64,
    f: &ProductFields<'_>,
) -> Result<usize> {
    Ok(conn
        .prepare_cached(
            "UPDATE product SET manufacturer = ?2, manufacturer_part_number = ?3, ean = ?4,
                 tax_rate = ?5, sales_unit = ?6, sales_unit_content = ?7,
                 sales_unit_content_unit = ?8
             WHERE item_id = ?1
               AND (manufacturer, manufacturer_part_number, ean, tax_rate, sales_unit,
                    sales_unit_content, sales_unit_content_unit)
                   IS NOT (?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            product_id,
            f.manufacturer,
            f.part_number,
            f.ean,
            f.tax_rate,
            f.sales_unit[0],
            f.sales_unit[1],
            f.sales_unit[2]
        ])?)
}

/// An offer the feed deleted or no longer lists, by the run `run_id`.
pub(crate) fn discontinue_offer(conn: &Connection, offer_id: i64, run_id: i64) -> Result<()> {
    conn.prepare_cached(
        "UPDATE supplier_offer SET status = 'discontinued', preferred = 0,
             import_run_id = ?2 WHERE id = ?1",
    )?
    .execute(params![offer_id, run_id])?;
    Ok(())
}

/// The order details an offer's prices are for: order unit and content unit,
/// and content per order unit, price quantity and minimum order.
pub(crate) fn set_offer_order(
    conn: &Connection,
    offer_id: i64,
    units: [Option<&str>; 2],
    amounts: [Option<Decimal>; 3],
) -> Result<()> {
    let [content, quantity, minimum] = amounts;
    conn.prepare_cached(
        "UPDATE supplier_offer SET order_unit = ?2, content_unit = ?3,
             content_per_order_unit = ?4, price_quantity = ?5, quantity_min = ?6
         WHERE id = ?1",
    )?
    .execute(params![
        offer_id,
        units[0],
        units[1],
        content.map(|d| d.to_string()),
        quantity.map(|d| d.to_string()),
        minimum.map(|d| d.to_string())
    ])?;
    Ok(())
}

/// A price update: the prices and currency it states (the others stay), where
/// they differ; answers how many rows changed (0 or 1). The row hash is reset:
/// the next full row is written whatever it says.
pub(crate) fn reprice_offer(
    conn: &Connection,
    offer_id: i64,
    cost: Option<Decimal>,
    list: Option<Decimal>,
    currency: Option<&str>,
    run_id: i64,
) -> Result<usize> {
    Ok(conn
        .prepare_cached(
            "UPDATE supplier_offer SET cost_price = COALESCE(?2, cost_price),
                 list_price = COALESCE(?3, list_price), currency = COALESCE(?4, currency),
                 import_run_id = ?5, row_hash = 0
             WHERE id = ?1 AND (COALESCE(?2, cost_price), COALESCE(?3, list_price),
                                COALESCE(?4, currency)) IS NOT (cost_price, list_price, currency)",
        )?
        .execute(params![
            offer_id,
            cost.map(|d| d.to_string()),
            list.map(|d| d.to_string()),
            currency,
            run_id
        ])?)
}

// ---- A product's offers: pinned and preferred, and the prices they give it ----

/// Pins `offer_id` as the product's preferred offer (`None`: none is pinned).
pub(crate) fn pin_offer(conn: &Connection, product_id: i64, offer_id: Option<i64>) -> Result<()> {
    conn.prepare_cached("UPDATE supplier_offer SET pinned = (id IS ?2) WHERE product_id = ?1")?
        .execute(params![product_id, offer_id])?;
    Ok(())
}

/// No offer of the product is preferred.
pub(crate) fn clear_preferred_offer(conn: &Connection, product_id: i64) -> Result<()> {
    conn.prepare_cached(
        "UPDATE supplier_offer SET preferred = 0 WHERE product_id = ?1 AND preferred = 1",
    )?
    .execute([product_id])?;
    Ok(())
}

/// `offer_id` is the product's preferred offer, and no other is.
pub(crate) fn prefer_offer(conn: &Connection, product_id: i64, offer_id: i64) -> Result<()> {
    conn.prepare_cached(
        "UPDATE supplier_offer SET preferred = (id = ?2)
         WHERE product_id = ?1 AND preferred <> (id = ?2)",
    )?
    .execute(params![product_id, offer_id])?;
    Ok(())
}

/// A product's cost and list price, currency and stock, where they differ.
pub(crate) fn set_product_prices(
    conn: &Connection,
    product_id: i64,
    cost: Option<Decimal>,
    list: Option<&str>,
    currency: &str,
    stock: &str,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE product SET cost_price = ?2, list_price = ?3, currency = ?4, stock_status = ?5
         WHERE item_id = ?1
           AND (cost_price, list_price, currency, stock_status) IS NOT (?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        product_id,
        cost.map(|d| d.to_string()),
        list,
        currency,
        stock
    ])?;
    Ok(())
}

// ---- The search index, rebuilt by a bulk import ----

const INDEX_PRODUCTS: &str = "INSERT INTO product_search (rowid, name, manufacturer, part_number, ean, description)
    SELECT ci.id, ci.name, p.manufacturer, p.manufacturer_part_number, COALESCE(p.ean, ''), ci.description
    FROM product p JOIN catalog_item ci ON ci.id = p.item_id";

/// Indexes one product for search again (its indexed text changed while the
/// search triggers were set aside).
pub(crate) fn reindex_product(conn: &Connection, product_id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM product_search WHERE rowid = ?1")?
        .execute([product_id])?;
    conn.prepare_cached(&format!("{INDEX_PRODUCTS} WHERE p.item_id = ?1"))?
        .execute([product_id])?;
    Ok(())
}

/// Indexes for search every product above `item_id` (the new ones of a bulk
/// import), in id order, by one `INSERT ... SELECT`.
pub(crate) fn index_products_after(conn: &Connection, item_id: i64) -> Result<()> {
    conn.execute(
        &format!("{INDEX_PRODUCTS} WHERE p.item_id > ?1 ORDER BY p.item_id"),
        [item_id],
    )?;
    Ok(())
}

/// FTS5's `hashsize` of the search index: how many bytes of pending terms it
/// buffers before it writes them out as a segment.
pub(crate) fn set_search_hash_size(conn: &Connection, bytes: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO product_search (product_search, rank) VALUES ('hashsize', ?1)",
        [bytes],
    )?;
    Ok(())
}
