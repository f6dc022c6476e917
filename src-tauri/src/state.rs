//! What the window's commands share: the open store, or why it could not be opened.

use servicefolio::{ErrorPayload, Store};
use std::sync::Mutex;

pub struct AppState {
    store: Result<Mutex<Store>, ErrorPayload>,
}

impl AppState {
    pub fn new(store: servicefolio::Result<Store>) -> AppState {
        AppState {
            store: store.map(Mutex::new).map_err(ErrorPayload::from),
        }
    }

    /// Runs one core call on the store; a store that failed to open answers
    /// every call with the reason, so the UI can show it.
    pub fn with_store<T>(
        &self,
        call: impl FnOnce(&mut Store) -> servicefolio::Result<T>,
    ) -> Result<T, ErrorPayload> {
        let store = self.store.as_ref().map_err(Clone::clone)?;
        // A panic while holding the lock cannot leave a half-written transaction
        // (SQLite rolls it back), so the store is still usable.
        let mut store = store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        call(&mut store).map_err(ErrorPayload::from)
    }
}
