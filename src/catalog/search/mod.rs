//! Searching products as you type: SQLite FTS5 over name, manufacturer, part
//! number, EAN and description, every word a prefix, ranked by bm25 (a hit in
//! the name, part number or EAN weighs more than one in the description).

mod relevance;

use rusqlite::Connection;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

use crate::catalog::StockStatus;
use crate::money::optional_decimal_from_text;
use crate::vocabulary::ItemStatus;
use crate::Result;
use relevance::{Candidate, TypedQuery};

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
    /// `None`: no price yet (imported without one).
    pub list_price: Option<Decimal>,
    pub currency: String,
    pub stock_status: StockStatus,
    /// The source that created the product (`custom`: entered by hand).
    pub source: String,
}

/// The widest FTS5 query for what was typed: each word split where the
/// tokenizer splits (`usb-c` → `usb`, `c`), every token quoted and required,
/// the last token of each word a prefix (see [`TypedQuery::stages`]). `None`
/// when nothing searchable was typed.
pub fn fts_query(text: &str) -> Option<String> {
    TypedQuery::parse(text).map(|q| q.fts())
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

/// How many matches of each query are ranked at most (at least the page).
pub const RANKED: u32 = 200;

/// Products matching the search, best first (see [`TypedQuery::rank`]).
/// Without text: by name.
///
/// The queries of [`TypedQuery::stages`] run cheapest first (every word
/// whole; the last one as a prefix; every word as a prefix), each only when
/// the ones before did not fill the page. Each contributes its first
/// [`RANKED`] matches in catalog order (filters applied): the ranking is exact
/// when fewer match; type more to narrow.
pub fn search_products(conn: &Connection, search: &ProductSearch) -> Result<Vec<ProductHit>> {
    let limit = search.limit.unwrap_or(50).clamp(1, 500);
    let Some(query) = TypedQuery::parse(&search.text) else {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM catalog_item ci
             JOIN product p ON p.item_id = ci.id
             WHERE ci.kind = 'product' AND ?1 IS NULL {FILTERS}
             ORDER BY ci.name, ci.id LIMIT ?7"
        ))?;
        let mut rows = stmt.query(bind(None, search, limit))?;
        let mut hits = Vec::new();
        while let Some(r) = rows.next()? {
            hits.push(hit(r)?);
        }
        return Ok(hits);
    };
    let candidates = ranked(conn, &query, search, limit)?;
    // Only the best `limit` are read in full.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM catalog_item ci JOIN product p ON p.item_id = ci.id WHERE ci.id = ?1"
    ))?;
    candidates
        .iter()
        .take(usize::try_from(limit).unwrap_or(usize::MAX))
        .map(|c| stmt.query_row([c.id], |r| Ok(hit(r)))?)
        .collect()
}

/// The ids of the products matching `search` (text and filters), best first:
/// the candidates of as many of the stages as it takes to find `enough` (see
/// [`search_products`]). The same search and `enough` always give the same
/// list, so it can be paged. Empty without searchable text.
pub fn ranked_products(conn: &Connection, search: &ProductSearch, enough: u32) -> Result<Vec<i64>> {
    let Some(query) = TypedQuery::parse(&search.text) else {
        return Ok(Vec::new());
    };
    Ok(ranked(conn, &query, search, enough)?
        .into_iter()
        .map(|c| c.id)
        .collect())
}

/// The candidates of the stages it takes to find `enough`, ranked.
fn ranked(
    conn: &Connection,
    query: &TypedQuery,
    search: &ProductSearch,
    enough: u32,
) -> Result<Vec<Candidate>> {
    let mut candidates = Vec::new();
    let enough_found = usize::try_from(enough).unwrap_or(usize::MAX);
    for (stage, fts) in query.stages().into_iter().enumerate() {
        if candidates.len() >= enough_found {
            break;
        }
        add_candidates(conn, fts, stage == 0, search, enough, &mut candidates)?;
    }
    query.rank(&mut candidates);
    Ok(candidates)
}

/// The search's parameters as `FILTERS` and the queries above number them.
fn bind<'a>(
    text: Option<String>,
    search: &'a ProductSearch,
    limit: u32,
) -> impl rusqlite::Params + 'a {
    (
        text,
        search.category.as_deref().map(str::trim),
        search.manufacturer.as_deref().map(str::trim),
        search.source.as_deref().map(str::trim),
        search.in_stock,
        search.include_discontinued,
        limit,
    )
}

/// Adds the first [`RANKED`] (or `limit`) products matching `fts` and the
/// filters that are not candidates yet, with the text the ranking reads.
/// `whole`: `fts` is the query of whole words.
fn add_candidates(
    conn: &Connection,
    fts: String,
    whole: bool,
    search: &ProductSearch,
    limit: u32,
    candidates: &mut Vec<Candidate>,
) -> Result<()> {
    let known: HashSet<i64> = candidates.iter().map(|c| c.id).collect();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT ci.id, ci.name, p.manufacturer, p.manufacturer_part_number, p.ean
         FROM product_search f
         JOIN catalog_item ci ON ci.id = f.rowid
         JOIN product p ON p.item_id = ci.id
         WHERE product_search MATCH ?1 {FILTERS}
         LIMIT ?7"
    ))?;
    let mut rows = stmt.query(bind(Some(fts), search, RANKED.max(limit)))?;
    while let Some(r) = rows.next()? {
        let id = r.get(0)?;
        if !known.contains(&id) {
            candidates.push(Candidate {
                id,
                whole,
                name: r.get(1)?,
                manufacturer: r.get(2)?,
                part_number: r.get(3)?,
                ean: r.get(4)?,
            });
        }
    }
    Ok(())
}

fn hit(r: &rusqlite::Row<'_>) -> Result<ProductHit> {
    Ok(ProductHit {
        id: r.get(0)?,
        code: r.get(1)?,
        name: r.get(2)?,
        category: r.get(3)?,
        status: r.get(4)?,
        manufacturer: r.get(5)?,
        part_number: r.get(6)?,
        ean: r.get(7)?,
        list_price: optional_decimal_from_text(r.get(8)?, "list_price")?,
        currency: r.get(9)?,
        stock_status: r.get(10)?,
        source: r.get(11)?,
    })
}
