//! Searching products as you type: SQLite FTS5 over name, manufacturer, part
//! number, EAN and description, every word a prefix, ranked by bm25 (a hit in
//! the name, part number or EAN weighs more than one in the description).

use rusqlite::{params, Connection};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::catalog::{ItemStatus, StockStatus};
use crate::money::decimal_from_text;
use crate::Result;

/// A search: the words typed, and filters. Empty text lists by name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ProductSearch {
    #[serde(default)]
    pub text: String,
    /// Only this category (ignoring case).
    #[serde(default)]
    pub category: Option<String>,
    /// Only this manufacturer (ignoring case).
    #[serde(default)]
    pub manufacturer: Option<String>,
    /// Only products a supplier offer of this source has (active or not).
    #[serde(default)]
    pub source: Option<String>,
    /// Only products in or low stock.
    #[serde(default)]
    pub in_stock: bool,
    /// Discontinued products too.
    #[serde(default)]
    pub include_discontinued: bool,
    /// At most this many hits (default 50, at most 500).
    #[serde(default)]
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ProductHit {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub category: String,
    pub status: ItemStatus,
    pub manufacturer: String,
    pub part_number: String,
    pub ean: Option<String>,
    pub list_price: Decimal,
    pub currency: String,
    pub stock_status: StockStatus,
    /// The source that created the product (`custom`: entered by hand).
    pub source: String,
}

/// The FTS5 query for what was typed: each word (split where the tokenizer
/// splits, `usb-c` → `usb c`) becomes a quoted phrase whose last token is a
/// prefix, all of them required. A one-character last token is matched as a
/// whole term, not as a prefix (`usb-c` → `"usb c"`): the prefix `c` would
/// merge the doclists of every term starting with c, which is slow on a large
/// catalog and narrows nothing. `None` when nothing searchable was typed.
pub fn fts_query(text: &str) -> Option<String> {
    let mut query = String::new();
    for word in text.split_whitespace() {
        let mut tokens = word
            .split(|c: char| !c.is_alphanumeric())
            .filter(|t| !t.is_empty())
            .peekable();
        if tokens.peek().is_none() {
            continue;
        }
        if !query.is_empty() {
            query.push(' ');
        }
        query.push('"');
        let mut last = "";
        for (i, token) in tokens.enumerate() {
            if i > 0 {
                query.push(' ');
            }
            query.push_str(token);
            last = token;
        }
        query.push('"');
        if last.chars().nth(1).is_some() {
            query.push('*');
        }
    }
    (!query.is_empty()).then_some(query)
}

const COLUMNS: &str = "ci.id, ci.code, ci.name, ci.category, ci.status, p.manufacturer,
    p.manufacturer_part_number, p.ean, p.list_price, p.currency, p.stock_status, p.source";

const FILTERS: &str = "
      AND (?2 IS NULL OR ci.category = ?2 COLLATE NOCASE)
      AND (?3 IS NULL OR p.manufacturer = ?3 COLLATE NOCASE)
      AND (?4 IS NULL OR EXISTS (SELECT 1 FROM supplier_offer o
                                 WHERE o.product_id = p.item_id AND o.source = ?4))
      AND (?5 = 0 OR p.stock_status IN ('in_stock', 'low_stock'))
      AND (?6 = 1 OR ci.status <> 'discontinued')";

/// How many matches are ranked at most (see `search_products`).
pub const RANKED: u32 = 1000;

/// Products matching the search, best first (ranked among the first
/// [`RANKED`] matches when more match: type more to narrow).
pub fn search_products(conn: &Connection, search: &ProductSearch) -> Result<Vec<ProductHit>> {
    let limit = search.limit.unwrap_or(50).clamp(1, 500);
    let filters = params![
        fts_query(&search.text),
        search.category.as_deref().map(str::trim),
        search.manufacturer.as_deref().map(str::trim),
        search.source.as_deref().map(str::trim),
        search.in_stock,
        search.include_discontinued,
        limit
    ];
    let sql = if fts_query(&search.text).is_some() {
        // bm25 is computed only for the first RANKED matches (in id order):
        // ranking is exact when fewer match, and a broad prefix ("d") stays
        // as fast as a narrow one.
        format!(
            "SELECT {COLUMNS} FROM (
                 SELECT f.rowid AS id, f.rank AS rank FROM product_search f
                 JOIN catalog_item ci ON ci.id = f.rowid
                 JOIN product p ON p.item_id = ci.id
                 WHERE product_search MATCH ?1 {FILTERS}
                 LIMIT {RANKED}) AS hit
             JOIN catalog_item ci ON ci.id = hit.id
             JOIN product p ON p.item_id = ci.id
             ORDER BY hit.rank LIMIT ?7"
        )
    } else {
        format!(
            "SELECT {COLUMNS} FROM catalog_item ci
             JOIN product p ON p.item_id = ci.id
             WHERE ci.kind = 'product' AND ?1 IS NULL {FILTERS}
             ORDER BY ci.name, ci.id LIMIT ?7"
        )
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(filters)?;
    let mut hits = Vec::new();
    while let Some(r) = rows.next()? {
        hits.push(ProductHit {
            id: r.get(0)?,
            code: r.get(1)?,
            name: r.get(2)?,
            category: r.get(3)?,
            status: r.get(4)?,
            manufacturer: r.get(5)?,
            part_number: r.get(6)?,
            ean: r.get(7)?,
            list_price: decimal_from_text(&r.get::<_, String>(8)?, "list_price")?,
            currency: r.get(9)?,
            stock_status: r.get(10)?,
            source: r.get(11)?,
        });
    }
    Ok(hits)
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn typed_words_become_prefix_phrases() {
        assert_eq!(
            fts_query("lenovo thinkpad").as_deref(),
            Some("\"lenovo\"* \"thinkpad\"*")
        );
        assert_eq!(
            fts_query("dock usb-c").as_deref(),
            Some("\"dock\"* \"usb c\"")
        );
        assert_eq!(fts_query("\"AND\" (x* -"), Some("\"AND\"* \"x\"".into()));
        assert_eq!(
            fts_query("kingston 32").as_deref(),
            Some("\"kingston\"* \"32\"*")
        );
        assert_eq!(fts_query("  - ' "), None);
    }
}
