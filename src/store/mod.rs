//! The SQLite store: one file holds everything. Opening it applies the embedded
//! forward-only migrations; a brand-new file is seeded with the demo portfolio in
//! the same transaction, so a database is never half-created.

mod migrations;

use rusqlite::{Connection, OpenFlags, Transaction};
use std::path::{Path, PathBuf};

use crate::{portfolio, Error, Result};

pub use migrations::SCHEMA_VERSION;

/// Marks our files in the SQLite header (`PRAGMA application_id`), "SFOL".
const APPLICATION_ID: i64 = 0x5346_4F4C;

#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (or creates) the database at `path`, migrating and seeding as needed.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_file(path, true)
    }

    /// Like `open`, but a database created now starts with an empty catalog.
    pub fn open_without_demo(path: &Path) -> Result<Store> {
        Store::open_file(path, false)
    }

    fn open_file(path: &Path, seed_demo: bool) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::Open {
                path: path.to_path_buf(),
                source: rusqlite::Error::InvalidPath(PathBuf::from(format!(
                    "{}: {e}",
                    dir.display()
                ))),
            })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|source| Error::Open {
            path: path.to_path_buf(),
            source,
        })?;
        Store::init(conn, path.to_path_buf(), seed_demo)
    }

    /// An in-memory database with the real migrations and the demo portfolio.
    pub fn open_in_memory() -> Result<Store> {
        Store::init(
            Connection::open_in_memory()?,
            PathBuf::from(":memory:"),
            true,
        )
    }

    /// An in-memory database with the real migrations and an empty catalog.
    pub fn open_in_memory_empty() -> Result<Store> {
        Store::init(
            Connection::open_in_memory()?,
            PathBuf::from(":memory:"),
            false,
        )
    }

    fn init(mut conn: Connection, path: PathBuf, seed_demo: bool) -> Result<Store> {
        // Everything before the first write only reads, so a file we must refuse
        // is left exactly as it was.
        let found = check_identity(&conn, &path)?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // SQLite's default page cache is 2 MiB; a booking for thousands of employees
        // touches more than that, and a spilling cache writes pages twice.
        conn.pragma_update(None, "cache_size", -32_768)?;
        if found < SCHEMA_VERSION {
            if path.as_os_str() != ":memory:" {
                conn.pragma_update(None, "journal_mode", "WAL")?;
            }
            let tx = conn.transaction()?;
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
            migrations::apply(&tx, found)?;
            if found == 0 && seed_demo {
                let demo = portfolio::PortfolioFile::parse(crate::DEMO_PORTFOLIO)?;
                portfolio::import_into(&tx, &demo)?;
            }
            tx.commit()?;
        } else if path.as_os_str() != ":memory:" {
            conn.pragma_update(None, "journal_mode", "WAL")?;
        }
        Ok(Store { conn, path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Read access for queries.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs one user action in one write transaction: all of it lands, or none.
    pub fn write<T>(&mut self, action: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let value = action(&tx)?;
        advance_revision(&tx)?;
        tx.commit()?;
        Ok(value)
    }
}

/// The store's revision: it advances with every write transaction (and every
/// applied booking plan), so a reader can tell whether anything changed since.
pub fn revision(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT revision FROM store_revision WHERE id = 1")?
        .query_row([], |r| r.get(0))?)
}

pub(crate) fn advance_revision(tx: &Transaction<'_>) -> Result<()> {
    tx.prepare_cached("UPDATE store_revision SET revision = revision + 1 WHERE id = 1")?
        .execute([])?;
    Ok(())
}

/// Returns the schema version of a database we may open, refusing foreign or newer files.
fn check_identity(conn: &Connection, path: &Path) -> Result<i64> {
    let refuse = |reason: String| Error::NotOurDatabase {
        path: path.to_path_buf(),
        reason,
    };
    let app_id: i64 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|e| refuse(e.to_string()))?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    if app_id != APPLICATION_ID && (app_id != 0 || objects > 0 || version != 0) {
        return Err(refuse(format!(
            "it belongs to another application (application id {app_id:#x}, {objects} schema objects)"
        )));
    }
    if app_id == APPLICATION_ID && version == 0 {
        return Err(refuse(
            "it is marked as ours but has no schema version".into(),
        ));
    }
    if version > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(version)
}

/// Which database the app is working on.
#[derive(Debug, Clone, serde::Serialize, specta::Type)]
pub struct StoreInfo {
    pub app_version: String,
    pub database_path: String,
    pub schema_version: i64,
}

impl Store {
    pub fn info(&self) -> Result<StoreInfo> {
        Ok(StoreInfo {
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
            database_path: self.path.display().to_string(),
            schema_version: self
                .conn
                .pragma_query_value(None, "user_version", |r| r.get(0))?,
        })
    }
}
