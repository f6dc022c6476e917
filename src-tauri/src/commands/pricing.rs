//! Customer price lists and the markup rules that price imported products.

use servicefolio::pricing::{
    self, PriceList, PriceListDraft, PriceRule, PriceRuleDraft, RepricedProducts,
};
use servicefolio::ErrorPayload;
use tauri::State;

use crate::state::AppState;

/// A customer's price lists, by validity.
#[tauri::command]
#[specta::specta]
pub async fn price_list_list(
    state: State<'_, AppState>,
    customer_id: i64,
) -> Result<Vec<PriceList>, ErrorPayload> {
    state.read(|conn| pricing::price_lists(conn, customer_id))
}

/// Saves a new price list; refused when its validity overlaps another of the customer.
#[tauri::command]
#[specta::specta]
pub async fn price_list_create(
    state: State<'_, AppState>,
    draft: PriceListDraft,
) -> Result<PriceList, ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| pricing::create_price_list(tx, &draft)))
}

#[tauri::command]
#[specta::specta]
pub async fn price_list_update(
    state: State<'_, AppState>,
    id: i64,
    draft: PriceListDraft,
) -> Result<PriceList, ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| pricing::update_price_list(tx, id, &draft))
    })
}

#[tauri::command]
#[specta::specta]
pub async fn price_list_delete(state: State<'_, AppState>, id: i64) -> Result<(), ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| pricing::delete_price_list(tx, id)))
}

/// The markup rules that price imported products.
#[tauri::command]
#[specta::specta]
pub async fn price_rule_list(state: State<'_, AppState>) -> Result<Vec<PriceRule>, ErrorPayload> {
    state.read(pricing::price_rules)
}

/// Saves the rule of its scope (replacing the one there was).
#[tauri::command]
#[specta::specta]
pub async fn price_rule_save(
    state: State<'_, AppState>,
    draft: PriceRuleDraft,
) -> Result<PriceRule, ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| pricing::save_price_rule(tx, &draft)))
}

#[tauri::command]
#[specta::specta]
pub async fn price_rule_delete(state: State<'_, AppState>, id: i64) -> Result<(), ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| pricing::delete_price_rule(tx, id)))
}

/// Reprices the imported products from the rules, in one transaction.
#[tauri::command]
#[specta::specta]
pub async fn price_rules_apply(
    state: State<'_, AppState>,
) -> Result<RepricedProducts, ErrorPayload> {
    state.with_session(|s| s.store.write(pricing::apply_price_rules))
}
