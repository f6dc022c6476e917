//! What a bulk load may set aside while it writes and put back at the end.
//!
//! A large import (master data, bulk mode) drops the catalog's list indexes it
//! never reads, and the triggers that keep the product search index in step
//! row by row, then rebuilds them once: building an index from sorted data is
//! far cheaper than a million random b-tree inserts, and fired row by row the
//! search triggers flush FTS5's pending terms as a tiny segment per statement.
//! The names of those indexes and triggers are the schema's, so they live here
//! beside the migrations that make them; the caller only says when. All inside
//! the caller's transaction: a rollback puts the schema back too.

use rusqlite::{OptionalExtension, Transaction};

use crate::error::Result;

/// Indexes a bulk load never reads (matching uses the EAN and part number
/// indexes and the unique (source, source key) ones; refreshing a product reads
/// its offers by product), and the search index's triggers.
const SET_ASIDE: [(&str, &str); 6] = [
    ("index", "catalog_item_by_kind"),
    ("index", "catalog_item_list_order"),
    ("trigger", "product_search_insert"),
    ("trigger", "product_search_delete"),
    ("trigger", "product_search_update"),
    ("trigger", "product_search_item_update"),
];

/// What [`set_aside`] dropped: its `CREATE` statements, to run again.
#[derive(Debug)]
#[must_use = "what was set aside must be put back"]
pub struct SetAside {
    schema: Vec<String>,
}

/// Drops the list indexes and the search triggers for a bulk load. The search
/// index is then the caller's to fill for the rows it writes.
pub fn set_aside(tx: &Transaction<'_>) -> Result<SetAside> {
    let mut schema = Vec::new();
    for (kind, name) in SET_ASIDE {
        let found: Option<String> = tx
            .query_row(
                "SELECT sql FROM sqlite_schema WHERE type = ?1 AND name = ?2",
                [kind, name],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(create) = found {
            tx.execute_batch(&format!("DROP {} {name}", kind.to_uppercase()))?;
            schema.push(create);
        }
    }
    Ok(SetAside { schema })
}

impl SetAside {
    /// Puts back what was set aside (the indexes are built anew from the rows).
    pub fn put_back(self, tx: &Transaction<'_>) -> Result<()> {
        for create in self.schema {
            tx.execute_batch(&create)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn schema_names(tx: &Transaction<'_>) -> Vec<(String, String)> {
        tx.prepare("SELECT type, name FROM sqlite_schema WHERE type IN ('index', 'trigger') ORDER BY type, name")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<std::result::Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn every_name_set_aside_exists_and_comes_back() {
        // A migration that renames one of these would make bulk loads keep it
        // (slow, not wrong); this test says so instead.
        let mut store = Store::open_in_memory_empty().unwrap();
        store
            .write(|tx| {
                let before = schema_names(tx);
                for (kind, name) in SET_ASIDE {
                    assert!(
                        before.contains(&(kind.to_owned(), name.to_owned())),
                        "the schema has no {kind} {name}"
                    );
                }
                let aside = set_aside(tx)?;
                let during = schema_names(tx);
                assert_eq!(during.len(), before.len() - SET_ASIDE.len());
                aside.put_back(tx)?;
                assert_eq!(schema_names(tx), before);
                Ok(())
            })
            .unwrap();
    }
}
