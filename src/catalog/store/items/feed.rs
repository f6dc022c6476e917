//! The supplier-feed import's writes of catalog items: the `catalog_item` rows of
//! imported products, prepared once and run per row.
//!
//! The import (`master::import`) decides; this module holds the SQL. The
//! insert of a new product's item runs for nearly every article of a big feed
//! and is prepared once per import in [`FeedItems`]; the rest are
//! `prepare_cached`. Also here: a product's status as its offers come and go
//! (`master::offers`).

use rusqlite::{params, Connection, OptionalExtension, Statement};

use crate::error::Result;
use crate::vocabulary::ItemStatus;

/// The insert of imported products' items, prepared once per import.
pub(crate) struct FeedItems<'c> {
    insert_product_item: Statement<'c>,
    conn: &'c Connection,
}

impl<'c> FeedItems<'c> {
    pub(crate) fn prepare(conn: &'c Connection) -> Result<Self> {
        Ok(FeedItems {
            insert_product_item: conn.prepare(
                "INSERT INTO catalog_item (kind, code, name, category, description)
                 VALUES ('product', ?1, ?2, ?3, ?4) ON CONFLICT (code) DO NOTHING",
            )?,
            conn,
        })
    }

    /// Writes the item of a new product under `code`; answers its id, or
    /// `None` when the code is taken (nothing is written then).
    pub(crate) fn insert_product_item(
        &mut self,
        code: &str,
        name: &str,
        category: &str,
        description: &str,
    ) -> Result<Option<i64>> {
        // Not `RETURNING id`: SQLite collects returned rows in a temporary
        // table, a cost on every one of a million inserts.
        let inserted =
            self.insert_product_item
                .execute(params![code, name, category, description])?;
        Ok((inserted == 1).then(|| self.conn.last_insert_rowid()))
    }
}

/// Gives the product of `source`'s offer `source_key` the category `category`,
/// if it has none; answers the product's id when it did.
pub(crate) fn categorize_offer_product(
    conn: &Connection,
    category: &str,
    source: &str,
    source_key: &str,
) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "UPDATE catalog_item SET category = ?1
             WHERE category = '' AND id =
                 (SELECT product_id FROM supplier_offer WHERE source = ?2 AND source_key = ?3)
             RETURNING id",
        )?
        .query_row(params![category, source, source_key], |r| r.get(0))
        .optional()?)
}

/// Writes an imported product's name, category and description where they
/// differ; answers how many rows changed (0 or 1).
pub(crate) fn update_product_item(
    conn: &Connection,
    id: i64,
    name: &str,
    category: &str,
    description: &str,
) -> Result<usize> {
    Ok(conn
        .prepare_cached(
            "UPDATE catalog_item SET name = ?2, category = ?3, description = ?4
             WHERE id = ?1 AND (name, category, description) IS NOT (?2, ?3, ?4)",
        )?
        .execute(params![id, name, category, description])?)
}

/// An item's status (a product without active offers is discontinued).
pub(crate) fn set_item_status(conn: &Connection, id: i64, status: ItemStatus) -> Result<()> {
    conn.prepare_cached("UPDATE catalog_item SET status = ?2 WHERE id = ?1")?
        .execute(params![id, status])?;
    Ok(())
}
