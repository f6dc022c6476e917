//! Choosing an item: the item pickers' search (the catalog list's ranked
//! search with the filters a picker needs, a page at a time) and the items a
//! view names by code, read by code instead of loading the whole catalog.

use rusqlite::Connection;

use super::query::{list, ListFilter};
use super::*;
use crate::{Error, Result};

/// The most items one picker page or one look-up by code answers: a catalog
/// may hold a million products, a picker shows a screenful at a time.
pub const MAX_PICK: u32 = 200;

/// What an item picker asks for: the words typed (searched as the catalog list
/// searches them, best first in a big catalog), the kinds it offers, whether
/// only bookable items count, items never offered, and one page after a cursor.
#[derive(Debug, Clone, Default, serde::Deserialize, specta::Type)]
pub struct PickQuery {
    #[serde(default)]
    pub text: String,
    /// Only these kinds; empty: every kind.
    #[serde(default)]
    pub kinds: Vec<ItemKind>,
    /// Only items that can be booked now (status active).
    #[serde(default)]
    pub active_only: bool,
    /// Codes of items never offered (the item being edited, targets chosen already).
    #[serde(default)]
    pub exclude: Vec<String>,
    /// At most this many items, at most [`MAX_PICK`].
    pub limit: u32,
    /// Only items after this one in list order (the last item of the previous page).
    #[serde(default)]
    pub after: Option<ListCursor>,
}

/// One page of a picker's search, in catalog list order (products of a search
/// in a big catalog best first, as the catalog list has them).
pub fn pick_items(conn: &Connection, pick: &PickQuery) -> Result<Vec<CatalogItemSummary>> {
    if pick.limit == 0 || pick.limit > MAX_PICK {
        return Err(Error::input(
            "limit",
            format!(
                "a picker page holds 1 to {MAX_PICK} items, not {}",
                pick.limit
            ),
        ));
    }
    if pick.exclude.len() > MAX_PICK as usize {
        return Err(Error::input(
            "exclude",
            format!("at most {MAX_PICK} items can be left out"),
        ));
    }
    let query = CatalogQuery {
        text: pick.text.clone(),
        kind: None,
        limit: Some(pick.limit),
        after: pick.after.clone(),
    };
    list(
        conn,
        &ListFilter {
            query: &query,
            kinds: &pick.kinds,
            active_only: pick.active_only,
            exclude: &pick.exclude,
        },
    )
}

/// The items with these codes as the catalog list shows them (name, kind,
/// price), in the order asked; a code the catalog does not have is left out.
/// For views that name items by code (a template's steps, a picker's current
/// choice) without reading the whole catalog.
pub fn items_by_codes(conn: &Connection, codes: &[String]) -> Result<Vec<CatalogItemSummary>> {
    if codes.len() > MAX_PICK as usize {
        return Err(Error::input(
            "codes",
            format!("at most {MAX_PICK} items at once, not {}", codes.len()),
        ));
    }
    let mut unique: Vec<&str> = Vec::with_capacity(codes.len());
    for code in codes {
        if !unique.contains(&code.as_str()) {
            unique.push(code);
        }
    }
    super::query::summaries_by_code(conn, &unique)
}
