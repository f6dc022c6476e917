//! The desktop window.

use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Mutex;
use std::time::Duration;
use tauri::{Manager, WindowEvent};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

use crate::state::{self, AppState};
use crate::{bindings, cli};

/// What of the window is remembered: not its visibility or decorations.
const WINDOW_STATE: StateFlags = StateFlags::SIZE
    .union(StateFlags::POSITION)
    .union(StateFlags::MAXIMIZED);

/// Opens the window on `db` (or the default database); returns the exit code.
pub fn run(db: Option<PathBuf>, no_demo: bool) -> i32 {
    let builder = bindings::builder();
    // The plugin writes the window's state when the app exits; it is also
    // written half a second after the last move or resize, so that a session
    // ended without an exit (killed, crashed, logged out) still remembers it.
    let (moved, moves) = mpsc::channel::<()>();
    let moved = Mutex::new(moved);
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        // The window opens where and as large as it was left (in the user's
        // config directory).
        .plugin(
            tauri_plugin_window_state::Builder::default()
                .with_state_flags(WINDOW_STATE)
                .build(),
        )
        .on_window_event(move |_, event| {
            if matches!(event, WindowEvent::Resized(_) | WindowEvent::Moved(_)) {
                if let Ok(moved) = moved.lock() {
                    let _ = moved.send(());
                }
            }
        })
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            builder.mount_events(app);
            let handle = app.handle().clone();
            std::thread::spawn(move || {
                while moves.recv().is_ok() {
                    // Wait for the moves to stop.
                    loop {
                        match moves.recv_timeout(Duration::from_millis(500)) {
                            Ok(()) => continue,
                            Err(RecvTimeoutError::Timeout) => break,
                            Err(RecvTimeoutError::Disconnected) => return,
                        }
                    }
                    // Not remembered this time; the next move or the exit writes it.
                    let _ = handle.save_window_state(WINDOW_STATE);
                }
            });
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
