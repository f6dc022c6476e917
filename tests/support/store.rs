//! Stores on a real database file, for the tests and benchmarks that need a
//! file (WAL, reopening, a full disk, an "older database"): each in a temporary
//! folder of its own, deleted when the fixture goes out of scope.

use servicefolio::Store;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// A store on a file, with the folder that holds it. Keep the fixture bound
/// while the store is used (`let db = temp_store(..); let mut store = db.store;`
/// moves the store out and leaves the folder in `db` until the end of the
/// scope); the folder and what is in it go with it.
#[derive(Debug)]
pub struct TempStore {
    pub store: Store,
    /// The database file, to reopen it or to look at it from outside.
    pub path: PathBuf,
    /// The temporary folder, for other files a test writes beside the database.
    pub dir: TempDir,
}

/// A new database file `name`, migrated and seeded with the demo portfolio,
/// as the app opens it on first start.
pub fn temp_store(name: &str) -> TempStore {
    open_in_temp_dir(name, Store::open)
}

/// A new database file `name`, migrated, with an empty catalog.
pub fn temp_store_without_demo(name: &str) -> TempStore {
    open_in_temp_dir(name, Store::open_without_demo)
}

fn open_in_temp_dir(name: &str, open: fn(&Path) -> servicefolio::Result<Store>) -> TempStore {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join(name);
    let store = open(&path).unwrap_or_else(|e| panic!("opening {}: {e}", path.display()));
    TempStore { store, path, dir }
}

/// The rows each query answers, every value in its debug form, one line a
/// row: what a test compares before and after to show a refused or cancelled
/// action changed nothing.
pub fn rows_as_text(conn: &rusqlite::Connection, queries: &[&str]) -> String {
    let mut out = String::new();
    for sql in queries {
        let mut stmt = conn.prepare(sql).expect("prepare");
        let n = stmt.column_count();
        let mut rows = stmt.query([]).expect("query");
        while let Some(r) = rows.next().expect("row") {
            for i in 0..n {
                let v: rusqlite::types::Value = r.get(i).expect("value");
                out.push_str(&format!("{v:?}|"));
            }
            out.push('\n');
        }
    }
    out
}
