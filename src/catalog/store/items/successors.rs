//! An item's successors (`item_successor`): the items that take its place when
//! it goes out of service, in the order they are suggested. Written with the
//! item's other references (`write_relations`), read into its record and, for
//! the inventory, as the active successors of the items customers hold.

use rusqlite::{params, Connection, Transaction};
use serde::Serialize;
use std::collections::HashMap;

use crate::catalog::ItemKind;
use crate::vocabulary::ItemStatus;
use crate::Result;

/// Replaces the successors of item `id` by `successors` (ids, in order).
pub(crate) fn write_successors(tx: &Transaction<'_>, id: i64, successors: &[i64]) -> Result<()> {
    tx.prepare_cached("DELETE FROM item_successor WHERE item_id = ?1")?
        .execute([id])?;
    for (position, successor) in (0_i64..).zip(successors) {
        tx.prepare_cached(
            "INSERT INTO item_successor (item_id, successor_id, position) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, successor, position])?;
    }
    Ok(())
}

/// The successors' codes of the items with ids in `range` (inclusive), by item,
/// in their order.
pub(crate) fn successor_codes(
    conn: &Connection,
    range: [i64; 2],
) -> Result<HashMap<i64, Vec<String>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.item_id, ci.code FROM item_successor s JOIN catalog_item ci ON ci.id = s.successor_id
         WHERE s.item_id BETWEEN ?1 AND ?2 ORDER BY s.item_id, s.position",
    )?;
    let mut map: HashMap<i64, Vec<String>> = HashMap::new();
    for row in stmt.query_map(range, |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (id, code) = row?;
        map.entry(id).or_default().push(code);
    }
    Ok(map)
}

/// A successor as the inventory names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct Successor {
    pub code: String,
    pub name: String,
    pub kind: ItemKind,
}

/// The active successors of the item with this id, in their order. (The rules
/// keep successors active; one the supplier feed has discontinued since is
/// left out rather than suggested.)
pub(crate) fn active_successors(conn: &Connection, item_id: i64) -> Result<Vec<Successor>> {
    let mut stmt = conn.prepare_cached(
        "SELECT ci.code, ci.name, ci.kind FROM item_successor s JOIN catalog_item ci ON ci.id = s.successor_id
         WHERE s.item_id = ?1 AND ci.status = ?2 ORDER BY s.position",
    )?;
    let rows = stmt
        .query_map(params![item_id, ItemStatus::Active], |r| {
            Ok(Successor {
                code: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
