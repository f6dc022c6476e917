//! Booking: planning and applying a request, onboarding templates.

use chrono::NaiveDate;
use servicefolio::booking::{self, BookingPlan, BookingRequest};
use servicefolio::ErrorPayload;
use tauri::State;

use crate::state::AppState;

/// What a request would book; nothing is written.
#[tauri::command]
#[specta::specta]
pub async fn booking_plan(
    state: State<'_, AppState>,
    request: BookingRequest,
) -> Result<BookingPlan, ErrorPayload> {
    state.read(|conn| booking::plan(conn, &request))
}

/// Books a plan as ordered instances; refused with `stale_plan` if it is out of date.
#[tauri::command]
#[specta::specta]
pub async fn booking_apply(
    state: State<'_, AppState>,
    plan: BookingPlan,
) -> Result<Vec<i64>, ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| booking::apply(tx, &plan, booking::ApplyAs::Ordered))
    })
}

#[tauri::command]
#[specta::specta]
pub async fn template_update(
    state: State<'_, AppState>,
    id: i64,
    record: booking::TemplateRecord,
) -> Result<booking::Template, ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| booking::update_template(tx, id, &record))
    })
}

#[tauri::command]
#[specta::specta]
pub async fn template_delete(state: State<'_, AppState>, id: i64) -> Result<(), ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| booking::delete_template(tx, id)))
}

#[tauri::command]
#[specta::specta]
pub async fn template_list(
    state: State<'_, AppState>,
    customer_id: i64,
) -> Result<Vec<booking::Template>, ErrorPayload> {
    state.read(|conn| booking::templates(conn, customer_id))
}

#[tauri::command]
#[specta::specta]
pub async fn template_create(
    state: State<'_, AppState>,
    customer_id: i64,
    record: booking::TemplateRecord,
) -> Result<booking::Template, ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| booking::create_template(tx, customer_id, &record))
    })
}

/// Books every onboarding template that applies to the employee, in one step.
#[tauri::command]
#[specta::specta]
pub async fn employee_onboard(
    state: State<'_, AppState>,
    employee_id: i64,
    start: NaiveDate,
) -> Result<booking::Onboarded, ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| booking::onboard_employee(tx, employee_id, start))
    })
}
