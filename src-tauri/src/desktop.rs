//! The desktop window.

use std::path::PathBuf;
use tauri::Manager;
use tauri_plugin_window_state::StateFlags;

use crate::state::{self, AppState};
use crate::{bindings, cli};

/// Opens the window on `db` (or the default database); returns the exit code.
pub fn run(db: Option<PathBuf>, no_demo: bool) -> i32 {
    let builder = bindings::builder();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        // The window opens where and as large as it was left (in the user's
        // config directory; not its visibility or decorations).
        .plugin(
            tauri_plugin_window_state::Builder::default()
                .with_state_flags(StateFlags::SIZE | StateFlags::POSITION | StateFlags::MAXIMIZED)
                .build(),
        )
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            builder.mount_events(app);
            let path = match db {
                Some(path) => path,
                None => app
                    .path()
                    .app_data_dir()
                    .map(|dir| dir.join("servicefolio.db"))
                    .or_else(|_| cli::default_database_path().ok_or("no data directory"))?,
            };
            app.manage(AppState::new(state::open_store(&path, no_demo)));
            Ok(())
        })
        .run(tauri::generate_context!());
    match result {
        Ok(()) => 0,
        Err(error) => {
            eprintln!("servicefolio: {error}");
            1
        }
    }
}
