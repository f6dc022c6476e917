//! Bulk mode: a big import into a small catalog sets the list indexes and the
//! search triggers aside and rebuilds them once at the end.

use rusqlite::Transaction;

use crate::catalog::store::products::feed as product_rows;
use crate::store::bulk_load::{self, SetAside};
use crate::Result;

/// A big import into a small catalog (bulk mode). The catalog list's indexes,
/// which the import never reads and whose keys (names) come in random order,
/// are dropped for the import and built once at the end, by sorting: much
/// cheaper than a million random b-tree inserts thrashing the page cache. The
/// search index's triggers are dropped too: fired row by row, each insert
/// flushes FTS5's pending terms to disk as a tiny segment (the statement
/// savepoint), and merging those segments cost more than all the tables. The
/// new products are indexed at the end by one `INSERT ... SELECT`, and the
/// products that existed and whose indexed text the import changed are
/// reindexed one by one. All inside the import's transaction: a cancel or an
/// error rolls the DDL back too.
pub(super) struct Bulk {
    /// The largest catalog item id before the import: the new products are the
    /// ones above it.
    pub(super) items_before: i64,
    /// The list indexes and search triggers set aside, to put back at the end.
    set_aside: SetAside,
}

/// Bulk mode from this file size on (about 4,000 ITScope rows) ...
const BULK_MIN_BYTES: u64 = 1 << 20;
/// ... when the file likely brings more new products than the catalog has
/// items (rebuilding the indexes reads them all): the articles it holds,
/// counting this many bytes per article (an ITScope row is about 250, a
/// BMEcat article more), less the offers its source already has (a re-import
/// brings none).
const BULK_BYTES_PER_ITEM: u64 = 128;

impl Bulk {
    /// Bulk mode for an import of `total_bytes` from `source` (when known
    /// before the file is read), if it is one.
    pub(super) fn begin(
        tx: &Transaction<'_>,
        total_bytes: u64,
        source: Option<&str>,
    ) -> Result<Option<Self>> {
        if total_bytes < BULK_MIN_BYTES {
            return Ok(None);
        }
        let items_before: i64 =
            tx.query_row("SELECT COALESCE(max(id), 0) FROM catalog_item", [], |r| {
                r.get(0)
            })?;
        let known_offers: i64 = match source {
            Some(source) => tx.query_row(
                "SELECT count(*) FROM supplier_offer WHERE source = ?1",
                [source],
                |r| r.get(0),
            )?,
            None => 0,
        };
        let likely_new = (total_bytes / BULK_BYTES_PER_ITEM)
            .saturating_sub(u64::try_from(known_offers).unwrap_or(0));
        if u64::try_from(items_before).unwrap_or(0) > likely_new {
            return Ok(None);
        }
        Ok(Some(Self {
            items_before,
            set_aside: bulk_load::set_aside(tx)?,
        }))
    }

    /// Indexes the new products and the `changed` ones for search, and puts
    /// back what `begin` dropped.
    pub(super) fn end(self, tx: &Transaction<'_>, mut changed: Vec<i64>) -> Result<()> {
        changed.sort_unstable();
        changed.dedup();
        for id in changed {
            product_rows::reindex_product(tx, id)?;
        }
        // FTS5 writes its pending terms out as a new segment whenever they pass
        // `hashsize` (1 MiB by default) and then merges the segments: a bigger
        // buffer for the one big insert means far fewer, bigger segments.
        // Indexing reads the new rows in order and appends segments: it
        // needs little page cache, and the memory goes to FTS5's buffer.
        tx.pragma_update(None, "cache_size", -BULK_FTS_CACHE_KIB)?;
        product_rows::set_search_hash_size(tx, BULK_FTS_HASH_SIZE)?;
        product_rows::index_products_after(tx, self.items_before)?;
        product_rows::set_search_hash_size(tx, FTS_HASH_SIZE)?;
        tx.pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)?;
        self.set_aside.put_back(tx)
    }
}

/// FTS5's default for `hashsize`, and the one bulk mode indexes with (the
/// buffer stays well inside the import's memory budget).
const FTS_HASH_SIZE: i64 = 1 << 20;
const BULK_FTS_HASH_SIZE: i64 = 16 << 20;

/// Page cache of an import (KiB), and while bulk mode builds the search index.
pub(super) const IMPORT_CACHE_KIB: i64 = 128 << 10;
const BULK_FTS_CACHE_KIB: i64 = 32 << 10;
