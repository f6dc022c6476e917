//! Customers and their structure: locations, employees, cloud containers, workplaces.

use servicefolio::customer::{
    self, CloudContainer, CloudContainerRecord, Customer, CustomerRecord, CustomerStructure,
    Employee, EmployeeRecord, Location, LocationRecord, Workplace, WorkplaceRecord,
};
use servicefolio::ErrorPayload;
use tauri::State;

use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn customer_list(state: State<'_, AppState>) -> Result<Vec<Customer>, ErrorPayload> {
    state.read(customer::customers)
}

#[tauri::command]
#[specta::specta]
pub async fn customer_structure(
    state: State<'_, AppState>,
    id: i64,
) -> Result<CustomerStructure, ErrorPayload> {
    state.read(|conn| customer::customer_structure(conn, id))
}

#[tauri::command]
#[specta::specta]
pub async fn customer_create(
    state: State<'_, AppState>,
    record: CustomerRecord,
) -> Result<Customer, ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| customer::create_customer(tx, &record)))
}

#[tauri::command]
#[specta::specta]
pub async fn customer_update(
    state: State<'_, AppState>,
    id: i64,
    record: CustomerRecord,
) -> Result<Customer, ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| customer::update_customer(tx, id, &record))
    })
}

#[tauri::command]
#[specta::specta]
pub async fn customer_delete(state: State<'_, AppState>, id: i64) -> Result<(), ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| customer::delete_customer(tx, id)))
}

#[tauri::command]
#[specta::specta]
pub async fn location_create(
    state: State<'_, AppState>,
    customer_id: i64,
    record: LocationRecord,
) -> Result<Location, ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| customer::create_location(tx, customer_id, &record))
    })
}

#[tauri::command]
#[specta::specta]
pub async fn location_update(
    state: State<'_, AppState>,
    id: i64,
    record: LocationRecord,
) -> Result<Location, ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| customer::update_location(tx, id, &record))
    })
}

#[tauri::command]
#[specta::specta]
pub async fn location_delete(state: State<'_, AppState>, id: i64) -> Result<(), ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| customer::delete_location(tx, id)))
}

#[tauri::command]
#[specta::specta]
pub async fn employee_create(
    state: State<'_, AppState>,
    customer_id: i64,
    record: EmployeeRecord,
) -> Result<Employee, ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| customer::create_employee(tx, customer_id, &record))
    })
}

#[tauri::command]
#[specta::specta]
pub async fn employee_update(
    state: State<'_, AppState>,
    id: i64,
    record: EmployeeRecord,
) -> Result<Employee, ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| customer::update_employee(tx, id, &record))
    })
}

#[tauri::command]
#[specta::specta]
pub async fn employee_delete(state: State<'_, AppState>, id: i64) -> Result<(), ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| customer::delete_employee(tx, id)))
}

#[tauri::command]
#[specta::specta]
pub async fn cloud_container_create(
    state: State<'_, AppState>,
    customer_id: i64,
    record: CloudContainerRecord,
) -> Result<CloudContainer, ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| customer::create_cloud_container(tx, customer_id, &record))
    })
}

#[tauri::command]
#[specta::specta]
pub async fn cloud_container_delete(
    state: State<'_, AppState>,
    id: i64,
) -> Result<(), ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| customer::delete_cloud_container(tx, id)))
}

#[tauri::command]
#[specta::specta]
pub async fn workplace_create(
    state: State<'_, AppState>,
    record: WorkplaceRecord,
) -> Result<Workplace, ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| customer::create_workplace(tx, &record)))
}

#[tauri::command]
#[specta::specta]
pub async fn workplace_delete(state: State<'_, AppState>, id: i64) -> Result<(), ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| customer::delete_workplace(tx, id)))
}

#[tauri::command]
#[specta::specta]
pub async fn cloud_container_update(
    state: State<'_, AppState>,
    id: i64,
    record: CloudContainerRecord,
) -> Result<CloudContainer, ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| customer::update_cloud_container(tx, id, &record))
    })
}

#[tauri::command]
#[specta::specta]
pub async fn workplace_update(
    state: State<'_, AppState>,
    id: i64,
    record: WorkplaceRecord,
) -> Result<Workplace, ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| customer::update_workplace(tx, id, &record))
    })
}

/// Reads an employee file (CSV or XLSX, as bytes) and imports it, or only previews
/// it; a file with bad rows imports nothing unless `skip_bad_rows`.
#[tauri::command]
#[specta::specta]
pub async fn employee_import(
    state: State<'_, AppState>,
    customer_id: i64,
    content: Vec<u8>,
    preview: bool,
    skip_bad_rows: bool,
) -> Result<customer::EmployeeImportReport, ErrorPayload> {
    let bad_rows = if skip_bad_rows {
        customer::BadRows::Skip
    } else {
        customer::BadRows::RefuseFile
    };
    state.with_session(|s| {
        let rows = customer::read_employee_file(&content)?;
        customer::import_employee_rows(&mut s.store, customer_id, &rows, bad_rows, preview)
    })
}
