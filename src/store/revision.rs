//! The store's revision, the one row of `store_revision`: it advances with
//! every write transaction (and every applied booking plan), so a reader can
//! tell whether anything changed since (a booking plan carries the revision it
//! was made at and is refused as stale once it moved).

use rusqlite::{Connection, Transaction};

use crate::error::Result;

/// The revision the store is at.
pub fn revision(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT revision FROM store_revision WHERE id = 1")?
        .query_row([], |r| r.get(0))?)
}

/// Moves the revision on, inside the transaction that changed something.
pub(crate) fn advance_revision(tx: &Transaction<'_>) -> Result<()> {
    tx.prepare_cached("UPDATE store_revision SET revision = revision + 1 WHERE id = 1")?
        .execute([])?;
    Ok(())
}
