//! A customer's inventory: instances, their status, add-ons; the renewals
//! coming up across customers.

use chrono::NaiveDate;
use servicefolio::booking::{self, Inventory, Renewals, TransitionOutcome};
use servicefolio::vocabulary::InstanceStatus;
use servicefolio::ErrorPayload;
use tauri::State;

use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn inventory(
    state: State<'_, AppState>,
    customer_id: i64,
    today: NaiveDate,
) -> Result<Inventory, ErrorPayload> {
    state.read(|conn| booking::inventory(conn, customer_id, today))
}

/// The running contracts of every customer whose next notice deadline, term
/// end or lease end falls within `within_days` of `today`, soonest first.
#[tauri::command]
#[specta::specta]
pub async fn renewals(
    state: State<'_, AppState>,
    today: NaiveDate,
    within_days: u32,
) -> Result<Renewals, ErrorPayload> {
    state.read(|conn| booking::renewals(conn, today, within_days))
}

/// Moves an instance (and its linked ones) to a new status on a date.
#[tauri::command]
#[specta::specta]
pub async fn instance_transition(
    state: State<'_, AppState>,
    id: i64,
    to: InstanceStatus,
    on: NaiveDate,
    note: String,
) -> Result<TransitionOutcome, ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| booking::transition(tx, id, to, on, &note))
    })
}

/// Orders an add-on for an instance.
#[tauri::command]
#[specta::specta]
pub async fn add_on_order(
    state: State<'_, AppState>,
    instance_id: i64,
    code: String,
    quantity: i64,
    on: NaiveDate,
    note: String,
) -> Result<booking::AddOnCharge, ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| booking::order_add_on(tx, instance_id, &code, quantity, on, &note))
    })
}

/// The add-ons that can be ordered for an instance now.
#[tauri::command]
#[specta::specta]
pub async fn add_on_applicable(
    state: State<'_, AppState>,
    instance_id: i64,
) -> Result<Vec<booking::ApplicableAddOn>, ErrorPayload> {
    state.read(|conn| booking::applicable_add_ons(conn, instance_id))
}
