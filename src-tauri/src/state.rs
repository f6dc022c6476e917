//! What the window's commands share: the open store with the session's edit
//! history (the one writer), a read-only reader on the same file, and whether an
//! import is running; or why the store could not be opened.
//!
//! Reads go through the reader, so the catalog, the customers and the offers
//! answer while an import holds the writer for minutes. Changes go through the
//! session; while an import runs they are refused at once with
//! `import_running` instead of waiting behind it: the user keeps the dialog and
//! the draft and learns why, and no command sits on one of the runtime's few
//! worker threads for minutes.

use servicefolio::catalog::EditHistory;
use servicefolio::store::StoreInfo;
use servicefolio::{Error, ErrorPayload, Store, StoreReader};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

/// Opens (or creates) the database at `path`; a new one starts with the demo
/// catalog unless `no_demo`. The window and the CLI open it the same way.
pub fn open_store(path: &std::path::Path, no_demo: bool) -> servicefolio::Result<Store> {
    if no_demo {
        Store::open_without_demo(path)
    } else {
        Store::open(path)
    }
}

pub struct Session {
    pub store: Store,
    pub history: EditHistory,
}

struct Opened {
    session: Mutex<Session>,
    /// `None` only for a store without a file (tests in memory): reads then
    /// go through the session.
    reader: Option<Mutex<StoreReader>>,
    /// Which database this is never changes while it is open.
    info: StoreInfo,
}

pub struct AppState {
    opened: Result<Opened, ErrorPayload>,
    /// True while `import_run` holds the session.
    importing: AtomicBool,
    /// Set by `import_cancel` while `import_run` holds the session; checked by
    /// the import between rows (it then rolls back).
    pub import_cancel: Arc<AtomicBool>,
}

impl AppState {
    pub fn new(store: servicefolio::Result<Store>) -> AppState {
        let opened = store.and_then(|store| {
            let reader = match store.open_reader() {
                Ok(reader) => Some(Mutex::new(reader)),
                Err(_) if store.path().as_os_str() == ":memory:" => None,
                Err(error) => return Err(error),
            };
            Ok(Opened {
                info: store.info()?,
                reader,
                session: Mutex::new(Session {
                    store,
                    history: EditHistory::default(),
                }),
            })
        });
        AppState {
            opened: opened.map_err(ErrorPayload::from),
            importing: AtomicBool::new(false),
            import_cancel: Arc::new(AtomicBool::new(false)),
        }
    }

    /// The database in use and the app's version.
    pub fn info(&self) -> Result<StoreInfo, ErrorPayload> {
        Ok(self.opened()?.info.clone())
    }

    /// Runs one change (or anything that needs the writer) on the session; a
    /// store that failed to open answers every call with the reason, so the UI
    /// can show it, and a running import with `import_running`.
    pub fn with_session<T>(
        &self,
        call: impl FnOnce(&mut Session) -> servicefolio::Result<T>,
    ) -> Result<T, ErrorPayload> {
        let opened = self.opened()?;
        // (An import that starts between this check and the lock is waited
        // for; the wizard that starts one covers the window, so no change is
        // being asked for then.)
        if self.importing.load(Ordering::Acquire) {
            return Err(Error::ImportRunning.into());
        }
        call(&mut lock(&opened.session)).map_err(ErrorPayload::from)
    }

    /// Runs one read in one read transaction through the reader: it sees the
    /// last committed state, and answers while an import holds the session.
    pub fn read<T>(
        &self,
        call: impl FnOnce(&rusqlite::Connection) -> servicefolio::Result<T>,
    ) -> Result<T, ErrorPayload> {
        let opened = self.opened()?;
        let result = match &opened.reader {
            Some(reader) => lock(reader).read(call),
            None => lock(&opened.session).store.read(|tx| call(tx)),
        };
        result.map_err(ErrorPayload::from)
    }

    /// Runs an import on the session. Meanwhile reads answer through the
    /// reader, changes (and a second import) are refused with
    /// `import_running`, and `import_cancel` can stop it.
    pub fn import<T>(
        &self,
        call: impl FnOnce(&mut Session) -> servicefolio::Result<T>,
    ) -> Result<T, ErrorPayload> {
        let opened = self.opened()?;
        if self.importing.swap(true, Ordering::AcqRel) {
            return Err(Error::ImportRunning.into());
        }
        let _running = Running(&self.importing);
        call(&mut lock(&opened.session)).map_err(ErrorPayload::from)
    }

    fn opened(&self) -> Result<&Opened, ErrorPayload> {
        self.opened.as_ref().map_err(Clone::clone)
    }
}

/// A panic while holding a lock cannot leave a half-written transaction
/// (SQLite rolls it back), so the store is still usable.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Marks the import as ended however it ends (done, failed, cancelled, panicked).
struct Running<'a>(&'a AtomicBool);

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::Release);
    }
}

#[cfg(test)]
mod tests {
    //! The window's state while an import runs, driven by the import's own
    //! progress hook (it runs inside the open import transaction): no threads
    //! racing, no timing.

    use super::*;
    use servicefolio::customer::{self, CustomerRecord};
    use servicefolio::feed::generate_itscope_feed;
    use servicefolio::master::{self, ImportOptions};
    use servicefolio::ErrorKind;
    use std::io::Cursor;

    fn state_on_file(name: &str) -> (AppState, std::path::PathBuf) {
        let dir = std::env::temp_dir().join(format!("servicefolio-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let store = Store::open_without_demo(&dir.join("servicefolio.db"));
        (AppState::new(store), dir)
    }

    fn customer_names(state: &AppState) -> Result<Vec<String>, ErrorPayload> {
        state.read(|conn| {
            Ok(customer::customers(conn)?
                .into_iter()
                .map(|c| c.record.name)
                .collect())
        })
    }

    fn add_customer(state: &AppState, name: &str) -> Result<(), ErrorPayload> {
        state.with_session(|s| {
            s.store.write(|tx| {
                customer::create_customer(
                    tx,
                    &CustomerRecord {
                        name: name.into(),
                        currency: "EUR".into(),
                        ..CustomerRecord::default()
                    },
                )
                .map(drop)
            })
        })
    }

    /// Runs an import of `rows` generated articles through `state.import`,
    /// calling `during` at each progress report.
    fn import(
        state: &AppState,
        rows: u64,
        during: &mut dyn FnMut(&AppState),
    ) -> Result<master::ImportReport, ErrorPayload> {
        let mut feed = Vec::new();
        generate_itscope_feed(rows, 5, &mut feed).expect("feed");
        let cancel = Arc::clone(&state.import_cancel);
        state.import(|s| {
            master::import_reader(
                &mut s.store,
                Cursor::new(feed.clone()),
                "feed.csv",
                feed.len() as u64,
                &ImportOptions {
                    source: Some("itscope".into()),
                    ..ImportOptions::default()
                },
                &mut |_| during(state),
                &cancel,
            )
        })
    }

    #[test]
    fn reads_answer_and_changes_are_refused_while_an_import_holds_the_session() {
        let (state, dir) = state_on_file("state-import");
        add_customer(&state, "Müller Maschinenbau").expect("customer");
        let mut seen = Vec::new();
        let report = import(&state, 10_000, &mut |state| {
            // A read through the reader (the session is locked by the import:
            // a read through it would never return).
            seen.push(customer_names(state));
            // A change is refused at once, not queued behind the import.
            let refused = add_customer(state, "Schulz Logistik").expect_err("refused");
            assert_eq!(refused.kind, ErrorKind::ImportRunning);
            // So is a second import.
            let second = state.import(|_| Ok(())).expect_err("refused");
            assert_eq!(second.kind, ErrorKind::ImportRunning);
        })
        .expect("import");
        assert!(report.new > 0);
        assert!(!seen.is_empty(), "the hook ran during the import");
        for names in seen {
            assert_eq!(names.expect("read"), ["Müller Maschinenbau"]);
        }
        // Over: changes go through again, and a read right after sees them.
        add_customer(&state, "Schulz Logistik").expect("customer");
        assert_eq!(
            customer_names(&state).expect("read"),
            ["Müller Maschinenbau", "Schulz Logistik"]
        );
        let imported = state
            .read(|conn| {
                Ok(conn.query_row("SELECT count(*) FROM product", [], |r| r.get::<_, u32>(0))?)
            })
            .expect("read");
        assert_eq!(imported, report.new_products);
        drop(state);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_cancel_asked_for_during_an_import_stops_it_and_frees_the_session() {
        let (state, dir) = state_on_file("state-cancel");
        let products = |state: &AppState| {
            state
                .read(|conn| {
                    Ok(conn.query_row("SELECT count(*) FROM product", [], |r| r.get::<_, i64>(0))?)
                })
                .expect("read")
        };
        let error = import(&state, 10_000, &mut |state| {
            // What `import_cancel` does; the command answers at once.
            state.import_cancel.store(true, Ordering::Relaxed);
        })
        .expect_err("cancelled");
        assert_eq!(error.kind, ErrorKind::Cancelled);
        assert_eq!(products(&state), 0, "nothing was imported");
        add_customer(&state, "Müller Maschinenbau").expect("changes go through again");
        drop(state);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_store_that_failed_to_open_answers_reads_and_changes_with_the_reason() {
        let state = AppState::new(Err(servicefolio::Error::NothingToUndo));
        assert_eq!(
            customer_names(&state).expect_err("reason").kind,
            ErrorKind::NothingToUndo
        );
        assert_eq!(
            add_customer(&state, "x").expect_err("reason").kind,
            ErrorKind::NothingToUndo
        );
        assert_eq!(
            state.info().expect_err("reason").kind,
            ErrorKind::NothingToUndo
        );
    }
}
