//! The window's commands. Each unpacks its arguments and calls one core function.

use servicefolio::catalog::{self, CatalogItemDetail, CatalogItemSummary, CatalogQuery};
use servicefolio::store::StoreInfo;
use servicefolio::ErrorPayload;
use tauri::State;

use crate::state::AppState;

/// The database in use and the app's version.
#[tauri::command]
#[specta::specta]
pub async fn app_info(state: State<'_, AppState>) -> Result<StoreInfo, ErrorPayload> {
    state.with_store(|store| store.info())
}

/// Catalog items matching the search, in catalog order.
#[tauri::command]
#[specta::specta]
pub async fn catalog_list(
    state: State<'_, AppState>,
    query: CatalogQuery,
) -> Result<Vec<CatalogItemSummary>, ErrorPayload> {
    state.with_store(|store| catalog::list_items(store.conn(), &query))
}

/// One catalog item with its relations.
#[tauri::command]
#[specta::specta]
pub async fn catalog_item(
    state: State<'_, AppState>,
    id: i64,
) -> Result<CatalogItemDetail, ErrorPayload> {
    state.with_store(|store| catalog::item_detail(store.conn(), id))
}
