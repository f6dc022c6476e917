//! Importing supplier feeds: preview, run with progress, cancel, reports, mapping profiles.

use servicefolio::feed::{FeedPreview, MappingProfile};
use servicefolio::master::{self, ImportOptions, ImportProgress, ImportReport, ImportRunSummary};
use servicefolio::ErrorPayload;
use std::sync::atomic::Ordering;
use tauri::{Manager, State};
use tauri_specta::Event;

use crate::state::AppState;

/// The progress of the running import, as an event: tauri-specta rc.21 types a
/// `Channel` argument as `null` in TypeScript, so the UI listens instead.
#[derive(Debug, Clone, Copy, serde::Serialize, specta::Type, tauri_specta::Event)]
pub struct ImportProgressEvent(pub ImportProgress);

/// How a feed file would be read: format, encoding, separator, first rows.
#[tauri::command]
#[specta::specta]
pub async fn import_preview(path: String) -> Result<FeedPreview, ErrorPayload> {
    master::preview_file(std::path::Path::new(&path), 20).map_err(ErrorPayload::from)
}

/// Imports a feed in one transaction, sending progress as `ImportProgressEvent`; a
/// cancel (`import_cancel`) or a failure leaves the catalog as it was. Reads
/// answer meanwhile; changes are refused with `import_running`.
#[tauri::command]
#[specta::specta]
pub async fn import_run(
    app: tauri::AppHandle,
    path: String,
    options: ImportOptions,
) -> Result<ImportReport, ErrorPayload> {
    // On a thread of its own: the import takes minutes, and the reads that
    // answer meanwhile (and the cancel) need the runtime's few workers.
    let running = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let state = running.state::<AppState>();
        let cancel = std::sync::Arc::clone(&state.import_cancel);
        state.import(|s| {
            cancel.store(false, Ordering::Relaxed);
            master::import_feed(
                &mut s.store,
                std::path::Path::new(&path),
                &options,
                &mut |p| {
                    // A closed window only loses the progress, not the import.
                    let _ = ImportProgressEvent(p).emit(&running);
                },
                &cancel,
            )
        })
    })
    .await
    .unwrap_or_else(|stopped| match stopped {
        // A panic stays a panic, as when the import ran on this task (its
        // transaction was rolled back as the thread unwound).
        tauri::Error::JoinError(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        other => panic!("the import thread ended without an answer: {other}"),
    })
}

/// Asks the running import to stop (it rolls back and answers `cancelled`).
#[tauri::command]
#[specta::specta]
pub async fn import_cancel(state: State<'_, AppState>) -> Result<(), ErrorPayload> {
    state.import_cancel.store(true, Ordering::Relaxed);
    Ok(())
}

/// Past imports, newest first.
#[tauri::command]
#[specta::specta]
pub async fn import_reports(
    state: State<'_, AppState>,
) -> Result<Vec<ImportRunSummary>, ErrorPayload> {
    state.read(master::import_reports)
}

/// A saved import report with its rejected rows.
#[tauri::command]
#[specta::specta]
pub async fn import_report(
    state: State<'_, AppState>,
    id: i64,
) -> Result<ImportReport, ErrorPayload> {
    state.read(|conn| master::import_report(conn, id))
}

#[tauri::command]
#[specta::specta]
pub async fn mapping_profiles(
    state: State<'_, AppState>,
) -> Result<Vec<MappingProfile>, ErrorPayload> {
    state.read(master::mapping_profiles)
}

/// Saves a mapping profile under its name (replacing one of that name).
#[tauri::command]
#[specta::specta]
pub async fn mapping_profile_save(
    state: State<'_, AppState>,
    profile: MappingProfile,
) -> Result<(), ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| master::save_mapping_profile(tx, &profile))
    })
}

#[tauri::command]
#[specta::specta]
pub async fn mapping_profile_delete(
    state: State<'_, AppState>,
    name: String,
) -> Result<(), ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| master::delete_mapping_profile(tx, &name))
    })
}
