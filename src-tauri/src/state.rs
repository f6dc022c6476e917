//! What the window's commands share: the open store and the session's edit
//! history, or why the store could not be opened.

use servicefolio::catalog::EditHistory;
use servicefolio::{ErrorPayload, Store};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

pub struct Session {
    pub store: Store,
    pub history: EditHistory,
}

pub struct AppState {
    session: Result<Mutex<Session>, ErrorPayload>,
    /// Set by `import_cancel` while `import_run` holds the session; checked by
    /// the import between rows (it then rolls back).
    pub import_cancel: Arc<AtomicBool>,
}

impl AppState {
    pub fn new(store: servicefolio::Result<Store>) -> AppState {
        AppState {
            session: store
                .map(|store| {
                    Mutex::new(Session {
                        store,
                        history: EditHistory::default(),
                    })
                })
                .map_err(ErrorPayload::from),
            import_cancel: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Runs one core call on the session; a store that failed to open answers
    /// every call with the reason, so the UI can show it.
    pub fn with_session<T>(
        &self,
        call: impl FnOnce(&mut Session) -> servicefolio::Result<T>,
    ) -> Result<T, ErrorPayload> {
        let session = self.session.as_ref().map_err(Clone::clone)?;
        // A panic while holding the lock cannot leave a half-written transaction
        // (SQLite rolls it back), so the store is still usable.
        let mut session = session
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        call(&mut session).map_err(ErrorPayload::from)
    }
}
