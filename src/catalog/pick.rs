//! Choosing an item: the item pickers' search (the catalog list's ranked
//! search with the filters a picker needs, a page at a time) and the items a
//! view names by code, read by code instead of loading the whole catalog.

use rusqlite::Connection;
use serde::Serialize;

use super::query::{list, ListFilter};
use super::*;
use crate::error::{InputSays, Wording};
use crate::vocabulary::BookingContext;
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
    /// The kinds of context a booking goes into (the booking dialog's choice):
    /// each item of the page then says where it is booked and whether it fits
    /// them. Empty: no such check (`PickedItem::fit` is `None`).
    #[serde(default)]
    pub into: Vec<BookingContext>,
}

/// One item of a picker page.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct PickedItem {
    #[serde(flatten)]
    pub item: CatalogItemSummary,
    /// With [`PickQuery::into`]: where the item may be booked, and whether that fits.
    pub fit: Option<PickFit>,
}

/// Whether an item can be booked into the contexts a picker was asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct PickFit {
    /// It can be booked into every kind of [`PickQuery::into`].
    pub fits: bool,
    /// Its effective contexts (its own, or its category rule's for an imported
    /// product), in the order employee, location, cloud container, workplace,
    /// customer-wide; empty for a product that cannot be booked yet.
    pub booked_for: Vec<BookingContext>,
}

/// Whether an item booked into `booked_for` can be booked into a context of
/// kind `into`: there, or, for an employee, into the employee's workplace (the
/// booking engine puts it there, creating the workplace if there is none).
pub fn fits_into(booked_for: &[BookingContext], into: BookingContext) -> bool {
    booked_for.contains(&into)
        || (into == BookingContext::Employee && booked_for.contains(&BookingContext::Workplace))
}

const CONTEXT_ORDER: [BookingContext; 5] = [
    BookingContext::Employee,
    BookingContext::Location,
    BookingContext::CloudContainer,
    BookingContext::Workplace,
    BookingContext::Global,
];

/// One picker page, each item with its fit when the query names contexts:
/// [`pick_items`] and, for the page, one read of its items' effective contexts
/// (never a read per catalog row: the page holds at most [`MAX_PICK`] items).
pub fn pick_page(conn: &Connection, pick: &PickQuery) -> Result<Vec<PickedItem>> {
    let items = pick_items(conn, pick)?;
    if pick.into.is_empty() {
        return Ok(items
            .into_iter()
            .map(|item| PickedItem { item, fit: None })
            .collect());
    }
    let ids: Vec<i64> = items.iter().map(|i| i.id).collect();
    let mut contexts = effective_contexts(conn, &ids)?;
    Ok(items
        .into_iter()
        .map(|item| {
            let booked_for = contexts.remove(&item.id).unwrap_or_default();
            let fits = pick.into.iter().all(|into| fits_into(&booked_for, *into));
            PickedItem {
                item,
                fit: Some(PickFit { fits, booked_for }),
            }
        })
        .collect())
}

/// The effective contexts (own, or the category rule's) of these items, read
/// in one statement; an item with none is absent.
pub fn effective_contexts(
    conn: &Connection,
    ids: &[i64],
) -> Result<std::collections::HashMap<i64, Vec<BookingContext>>> {
    if ids.len() > MAX_PICK as usize {
        return Err(Error::input_said(
            "ids",
            Wording::new(InputSays::AtMostItemsAtOnce)
                .number("max", MAX_PICK)
                .number("count", ids.len()),
        ));
    }
    let mut found: std::collections::HashMap<i64, Vec<BookingContext>> =
        std::collections::HashMap::with_capacity(ids.len());
    if ids.is_empty() {
        return Ok(found);
    }
    let ids_json = serde_json::Value::from(ids.to_vec()).to_string();
    let mut stmt = conn.prepare_cached(
        "SELECT item_id, context FROM item_effective_context
         WHERE item_id IN (SELECT value FROM json_each(?1))",
    )?;
    let rows = stmt.query_map([ids_json], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, BookingContext>(1)?))
    })?;
    for row in rows {
        let (id, context) = row?;
        let list = found.entry(id).or_default();
        if !list.contains(&context) {
            list.push(context);
        }
    }
    for list in found.values_mut() {
        list.sort_by_key(|c| CONTEXT_ORDER.iter().position(|o| o == c));
    }
    Ok(found)
}

/// One page of a picker's search, in catalog list order (products of a search
/// in a big catalog best first, as the catalog list has them).
pub fn pick_items(conn: &Connection, pick: &PickQuery) -> Result<Vec<CatalogItemSummary>> {
    if pick.limit == 0 || pick.limit > MAX_PICK {
        return Err(Error::input_said(
            "limit",
            Wording::new(InputSays::PickerPageSize)
                .number("max", MAX_PICK)
                .number("count", pick.limit),
        ));
    }
    if pick.exclude.len() > MAX_PICK as usize {
        return Err(Error::input_said(
            "exclude",
            Wording::new(InputSays::AtMostLeftOut).number("max", MAX_PICK),
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
        return Err(Error::input_said(
            "codes",
            Wording::new(InputSays::AtMostItemsAtOnce)
                .number("max", MAX_PICK)
                .number("count", codes.len()),
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
