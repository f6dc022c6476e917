//! Offers: versions, status, comparison, export.

use servicefolio::offer::{
    self, Offer, OfferComparison, OfferDraft, OfferExportFormat, OfferStatus, OfferStatusChange,
    OfferSummary, OfferUpdate,
};
use servicefolio::vocabulary::OfferType;
use servicefolio::ErrorPayload;
use tauri::State;

use crate::state::AppState;

/// Creates an offer (draft, version 1) from booking requests, planned in order.
#[tauri::command]
#[specta::specta]
pub async fn offer_create(
    state: State<'_, AppState>,
    draft: OfferDraft,
) -> Result<Offer, ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| offer::create_offer(tx, &draft)))
}

/// Offer versions, newest first; of one customer if given.
#[tauri::command]
#[specta::specta]
pub async fn offer_list(
    state: State<'_, AppState>,
    customer_id: Option<i64>,
) -> Result<Vec<OfferSummary>, ErrorPayload> {
    state.read(|conn| offer::offers(conn, customer_id))
}

/// One offer version with its groups, lines, totals and internal margin.
#[tauri::command]
#[specta::specta]
pub async fn offer_get(state: State<'_, AppState>, id: i64) -> Result<Offer, ErrorPayload> {
    state.read(|conn| offer::offer(conn, id))
}

/// Changes a draft (notes, validity, group order, requests); a sent one is refused.
#[tauri::command]
#[specta::specta]
pub async fn offer_update(
    state: State<'_, AppState>,
    id: i64,
    update: OfferUpdate,
) -> Result<Offer, ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| offer::update_offer(tx, id, &update)))
}

/// Switches the offer type of the draft's booking at `request` (0-based) in
/// place; refused with the planner's reason when the item has no such terms.
#[tauri::command]
#[specta::specta]
pub async fn offer_switch_offer_type(
    state: State<'_, AppState>,
    id: i64,
    request: u32,
    offer_type: OfferType,
) -> Result<Offer, ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| offer::switch_offer_type(tx, id, request as usize, offer_type))
    })
}

/// draft → sent → accepted / rejected / expired; accepting books the plans as ordered.
#[tauri::command]
#[specta::specta]
pub async fn offer_set_status(
    state: State<'_, AppState>,
    id: i64,
    status: OfferStatus,
) -> Result<OfferStatusChange, ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| offer::set_offer_status(tx, id, status)))
}

/// Approves a draft that breaks an approval rule, as `by`, so it can be sent.
#[tauri::command]
#[specta::specta]
pub async fn offer_approve(
    state: State<'_, AppState>,
    id: i64,
    by: String,
) -> Result<Offer, ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| offer::approve_offer(tx, id, &by)))
}

/// Copies a version as a new draft with the next version number.
#[tauri::command]
#[specta::specta]
pub async fn offer_new_version(state: State<'_, AppState>, id: i64) -> Result<Offer, ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| offer::new_offer_version(tx, id, None)))
}

/// Line-by-line differences between two offers.
#[tauri::command]
#[specta::specta]
pub async fn offer_compare(
    state: State<'_, AppState>,
    from_id: i64,
    to_id: i64,
) -> Result<OfferComparison, ErrorPayload> {
    state.read(|conn| offer::compare_offers(conn, from_id, to_id))
}

/// Deletes a draft.
#[tauri::command]
#[specta::specta]
pub async fn offer_delete(state: State<'_, AppState>, id: i64) -> Result<(), ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| offer::delete_offer(tx, id)))
}

/// Writes the PDF, XLSX or CSV of an offer to `path`; returns the bytes written.
/// A PDF with an empty sender is refused (`sender_missing`) unless
/// `allow_empty_sender` (the user was asked).
#[tauri::command]
#[specta::specta]
pub async fn offer_export(
    state: State<'_, AppState>,
    id: i64,
    format: OfferExportFormat,
    path: String,
    allow_empty_sender: bool,
) -> Result<u64, ErrorPayload> {
    let choices = offer::ExportChoices { allow_empty_sender };
    state
        .read(|conn| offer::export_offer_to(conn, id, format, std::path::Path::new(&path), choices))
}
