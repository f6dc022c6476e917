//! The catalog: items, category rules, the service model map, and product search.

use servicefolio::catalog::{
    self, CatalogGraph, CatalogItemDetail, CatalogItemSummary, CatalogQuery, CategoryRule,
    DraftCheck, ItemDraft, ItemRecord, ItemRef, PickQuery, PickedItem, ProductHit, ProductSearch,
    RuleApplied, RuleDraft, Undone,
};
use servicefolio::master::{self, SupplierOffer};
use servicefolio::ErrorPayload;
use tauri::State;

use crate::state::AppState;

/// Catalog items matching the search, in catalog order.
#[tauri::command]
#[specta::specta]
pub async fn catalog_list(
    state: State<'_, AppState>,
    query: CatalogQuery,
) -> Result<Vec<CatalogItemSummary>, ErrorPayload> {
    state.read(|conn| catalog::list_items(conn, &query))
}

/// One page of an item picker's search (the catalog list's search, filtered),
/// each item with whether it fits the contexts asked for.
#[tauri::command]
#[specta::specta]
pub async fn catalog_pick(
    state: State<'_, AppState>,
    query: PickQuery,
) -> Result<Vec<PickedItem>, ErrorPayload> {
    state.read(|conn| catalog::pick_page(conn, &query))
}

/// The items with these codes, in that order (unknown codes left out).
#[tauri::command]
#[specta::specta]
pub async fn catalog_items(
    state: State<'_, AppState>,
    codes: Vec<String>,
) -> Result<Vec<CatalogItemSummary>, ErrorPayload> {
    state.read(|conn| catalog::items_by_codes(conn, &codes))
}

/// One catalog item with its relations.
#[tauri::command]
#[specta::specta]
pub async fn catalog_item(
    state: State<'_, AppState>,
    id: i64,
) -> Result<CatalogItemDetail, ErrorPayload> {
    state.read(|conn| catalog::item_detail(conn, id))
}

/// One item as an editable record.
#[tauri::command]
#[specta::specta]
pub async fn catalog_record(
    state: State<'_, AppState>,
    code: String,
) -> Result<ItemRecord, ErrorPayload> {
    state.read(|conn| catalog::item_record(conn, &code))
}

/// The rules a draft would break if saved, and what it may be saved with but
/// its author should know; nothing is written.
#[tauri::command]
#[specta::specta]
pub async fn catalog_check(
    state: State<'_, AppState>,
    draft: ItemDraft,
) -> Result<DraftCheck, ErrorPayload> {
    state.read(|conn| catalog::check_draft(conn, &draft))
}

/// Saves a draft in one transaction.
#[tauri::command]
#[specta::specta]
pub async fn catalog_save(
    state: State<'_, AppState>,
    draft: ItemDraft,
) -> Result<ItemRef, ErrorPayload> {
    state.with_session(|s| catalog::save_item(&mut s.store, &mut s.history, &draft))
}

/// Deletes an item nothing refers to.
#[tauri::command]
#[specta::specta]
pub async fn catalog_delete(state: State<'_, AppState>, code: String) -> Result<(), ErrorPayload> {
    state.with_session(|s| catalog::delete_item(&mut s.store, &mut s.history, &code))
}

/// Takes back the newest edit of the session.
#[tauri::command]
#[specta::specta]
pub async fn catalog_undo(state: State<'_, AppState>) -> Result<Undone, ErrorPayload> {
    state.with_session(|s| catalog::undo(&mut s.store, &mut s.history))
}

/// The category rules with how many products each governs.
#[tauri::command]
#[specta::specta]
pub async fn category_rule_list(
    state: State<'_, AppState>,
) -> Result<Vec<CategoryRule>, ErrorPayload> {
    state.read(catalog::category_rules)
}

/// The catalog rules a rule draft would break if saved, and what it may be
/// saved with but its author should know; nothing is written.
#[tauri::command]
#[specta::specta]
pub async fn category_rule_check(
    state: State<'_, AppState>,
    draft: RuleDraft,
) -> Result<DraftCheck, ErrorPayload> {
    state.read(|conn| catalog::check_rule(conn, &draft))
}

/// Saves a rule and reassigns the products whose rule changes, in one transaction.
#[tauri::command]
#[specta::specta]
pub async fn category_rule_save(
    state: State<'_, AppState>,
    draft: RuleDraft,
) -> Result<RuleApplied, ErrorPayload> {
    state.with_session(|s| catalog::save_category_rule(&mut s.store, &draft))
}

/// Deletes a rule; its products fall to the next rule that matches them.
#[tauri::command]
#[specta::specta]
pub async fn category_rule_delete(
    state: State<'_, AppState>,
    id: i64,
) -> Result<RuleApplied, ErrorPayload> {
    state.with_session(|s| catalog::delete_category_rule(&mut s.store, id))
}

/// The catalog as a graph for the service model map.
#[tauri::command]
#[specta::specta]
pub async fn catalog_graph(state: State<'_, AppState>) -> Result<CatalogGraph, ErrorPayload> {
    state.read(catalog::catalog_graph)
}

/// Full-text product search as you type, with filters.
#[tauri::command]
#[specta::specta]
pub async fn product_search(
    state: State<'_, AppState>,
    search: ProductSearch,
) -> Result<Vec<ProductHit>, ErrorPayload> {
    state.read(|conn| catalog::search_products(conn, &search))
}

/// The supplier offers of a product, the preferred first.
#[tauri::command]
#[specta::specta]
pub async fn product_offers(
    state: State<'_, AppState>,
    product_id: i64,
) -> Result<Vec<SupplierOffer>, ErrorPayload> {
    state.read(|conn| master::product_offers(conn, product_id))
}

/// Pins a product's preferred offer, or (`None`) goes back to the cheapest in stock.
#[tauri::command]
#[specta::specta]
pub async fn product_pin_offer(
    state: State<'_, AppState>,
    product_id: i64,
    offer_id: Option<i64>,
) -> Result<Vec<SupplierOffer>, ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| master::pin_preferred_offer(tx, product_id, offer_id))
    })
}
