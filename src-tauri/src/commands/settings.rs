//! The app itself (its database and version) and the settings.

use servicefolio::settings::{self, Settings};
use servicefolio::store::StoreInfo;
use servicefolio::ErrorPayload;
use tauri::State;

use crate::state::AppState;

/// The database in use and the app's version.
#[tauri::command]
#[specta::specta]
pub async fn app_info(state: State<'_, AppState>) -> Result<StoreInfo, ErrorPayload> {
    state.info()
}

#[tauri::command]
#[specta::specta]
pub async fn settings_get(state: State<'_, AppState>) -> Result<Settings, ErrorPayload> {
    state.read(settings::settings)
}

#[tauri::command]
#[specta::specta]
pub async fn settings_set(
    state: State<'_, AppState>,
    settings: Settings,
) -> Result<Settings, ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| settings::save_settings(tx, &settings)))
}

/// The folder offers were last exported to, from this database.
#[tauri::command]
#[specta::specta]
pub async fn export_folder_get(state: State<'_, AppState>) -> Result<Option<String>, ErrorPayload> {
    state.read(settings::export_folder)
}

/// Remembers the export folder in this database (null or empty forgets it).
#[tauri::command]
#[specta::specta]
pub async fn export_folder_set(
    state: State<'_, AppState>,
    folder: Option<String>,
) -> Result<Option<String>, ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| settings::save_export_folder(tx, folder.as_deref()))
    })
}
