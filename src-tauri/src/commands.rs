//! The window's commands. Each unpacks its arguments and calls one core function.

use servicefolio::catalog::{
    self, CatalogGraph, CatalogItemDetail, CatalogItemSummary, CatalogQuery, ItemDraft, ItemRef,
    Undone,
};
use servicefolio::portfolio::{ItemRecord, RuleViolation};
use servicefolio::store::StoreInfo;
use servicefolio::ErrorPayload;
use tauri::State;

use crate::state::AppState;

/// The database in use and the app's version.
#[tauri::command]
#[specta::specta]
pub async fn app_info(state: State<'_, AppState>) -> Result<StoreInfo, ErrorPayload> {
    state.with_session(|s| s.store.info())
}

/// Catalog items matching the search, in catalog order.
#[tauri::command]
#[specta::specta]
pub async fn catalog_list(
    state: State<'_, AppState>,
    query: CatalogQuery,
) -> Result<Vec<CatalogItemSummary>, ErrorPayload> {
    state.with_session(|s| catalog::list_items(s.store.conn(), &query))
}

/// One catalog item with its relations.
#[tauri::command]
#[specta::specta]
pub async fn catalog_item(
    state: State<'_, AppState>,
    id: i64,
) -> Result<CatalogItemDetail, ErrorPayload> {
    state.with_session(|s| catalog::item_detail(s.store.conn(), id))
}

/// One item as an editable record.
#[tauri::command]
#[specta::specta]
pub async fn catalog_record(
    state: State<'_, AppState>,
    code: String,
) -> Result<ItemRecord, ErrorPayload> {
    state.with_session(|s| catalog::item_record(s.store.conn(), &code))
}

/// The rules a draft would break if saved; nothing is written.
#[tauri::command]
#[specta::specta]
pub async fn catalog_check(
    state: State<'_, AppState>,
    draft: ItemDraft,
) -> Result<Vec<RuleViolation>, ErrorPayload> {
    state.with_session(|s| catalog::check_draft(s.store.conn(), &draft))
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

/// The catalog as a graph for the service model map.
#[tauri::command]
#[specta::specta]
pub async fn catalog_graph(state: State<'_, AppState>) -> Result<CatalogGraph, ErrorPayload> {
    state.with_session(|s| catalog::catalog_graph(s.store.conn()))
}
