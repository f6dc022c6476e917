//! The SQLite store: one file holds everything. Opening it applies the embedded
//! forward-only migrations; a brand-new file is filled by the opener's seed in
//! the same transaction, so a database is never half-created (`Store::open`, the
//! app's open, seeds the demo portfolio: see `crate::demo`). Only this writing
//! connection migrates and seeds; a [`StoreReader`] opened from it reads the
//! same file while it writes.

pub mod bulk_load;
mod migrations;
mod reader;
mod revision;

use rusqlite::{Connection, OpenFlags, Transaction};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::error::{FileAction, FileProblem};

pub use migrations::SCHEMA_VERSION;
pub use reader::StoreReader;
pub(crate) use revision::advance_revision;
pub use revision::revision;

/// Marks our files in the SQLite header (`PRAGMA application_id`), "SFOL".
const APPLICATION_ID: i64 = 0x5346_4F4C;

#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// What fills a brand-new database, inside the transaction that creates it.
pub type Seed = fn(&Transaction<'_>) -> Result<()>;

impl Store {
    /// Opens (or creates) the database at `path`, migrating as needed; a
    /// database created now is filled by `seed` in the same transaction.
    pub fn open_seeding(path: &Path, seed: Seed) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| Error::file(dir, FileAction::CreateFolder, &e))?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|source| {
            file_error(path, &source, FileAction::OpenDatabase).unwrap_or(Error::Open {
                path: path.to_path_buf(),
                source,
            })
        })?;
        Store::init(conn, path.to_path_buf(), seed)
            .map_err(|e| on_file(path, e, FileAction::OpenDatabase))
    }

    /// Like `open`, but a database created now starts with an empty catalog.
    pub fn open_without_demo(path: &Path) -> Result<Store> {
        Store::open_seeding(path, nothing)
    }

    /// An in-memory database with the real migrations, filled by `seed`.
    pub fn open_in_memory_seeding(seed: Seed) -> Result<Store> {
        Store::init(
            Connection::open_in_memory()?,
            PathBuf::from(":memory:"),
            seed,
        )
    }

    /// An in-memory database with the real migrations and an empty catalog.
    pub fn open_in_memory_empty() -> Result<Store> {
        Store::open_in_memory_seeding(nothing)
    }

    fn init(mut conn: Connection, path: PathBuf, seed: Seed) -> Result<Store> {
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
            if found == 0 {
                seed(&tx)?;
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
    /// The revision advances when the action changed something; an action that
    /// fails, or that only read (a preview, an import refused with a report),
    /// leaves it as it was. A full disk or a database that may not be written is
    /// an [`Error::File`] naming the database file.
    pub fn write<T>(&mut self, action: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let result = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let before = tx.total_changes();
            let value = action(&tx)?;
            if tx.total_changes() != before {
                advance_revision(&tx)?;
            }
            tx.commit()?;
            Ok(value)
        })();
        result.map_err(|e| on_file(&self.path, e, FileAction::WriteDatabase))
    }

    /// Runs a read (a preview, a report) in one transaction, so it sees one
    /// state of the store; the transaction is always rolled back, so nothing it
    /// might write stays and the revision never moves.
    pub fn read<T>(&mut self, action: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction()?;
        let value = action(&tx);
        tx.rollback()?;
        value
    }
}

/// The seed of an empty database.
fn nothing(_: &Transaction<'_>) -> Result<()> {
    Ok(())
}

/// `error` as an [`Error::File`] when SQLite failed on the file rather than on
/// the data (a full disk, no permission, a read-only folder); else unchanged.
fn on_file(path: &Path, error: Error, action: FileAction) -> Error {
    match error {
        Error::Database(e) => file_error(path, &e, action).unwrap_or(Error::Database(e)),
        other => other,
    }
}

/// What SQLite's result code tells about the database file, made precise by
/// trying what SQLite does (writing the file, creating files in its folder for
/// the journal): its codes do not tell a read-only folder from a full disk.
fn file_error(path: &Path, error: &rusqlite::Error, action: FileAction) -> Option<Error> {
    use rusqlite::ErrorCode as C;
    let code = error.sqlite_error_code()?;
    if !matches!(
        code,
        C::DiskFull | C::ReadOnly | C::CannotOpen | C::SystemIoFailure | C::PermissionDenied
    ) {
        return None;
    }
    let found = if code == C::DiskFull {
        Some((FileProblem::DiskFull, None))
    } else if path.as_os_str() == ":memory:" {
        None
    } else {
        probe(path)
    };
    let (problem, reason) = match found {
        Some((problem, in_folder)) => {
            let reason = match (problem, in_folder) {
                (FileProblem::NoPermission, Some(folder)) => format!(
                    "no permission to write in its folder {} (SQLite keeps its journal \
                     files next to the database)",
                    folder.display()
                ),
                (FileProblem::ReadOnly, Some(folder)) => {
                    format!("its folder {} is read-only", folder.display())
                }
                (FileProblem::NoPermission, None) => "no permission to write the file".into(),
                _ => problem.describe(action, &error),
            };
            (problem, reason)
        }
        None => (FileProblem::Other, error.to_string()),
    };
    Some(Error::File {
        path: path.to_path_buf(),
        action,
        problem,
        reason,
    })
}

/// Tries to write the database file and a file in its folder; the first
/// refusal says what is wrong (and, for the folder, which one).
fn probe(path: &Path) -> Option<(FileProblem, Option<PathBuf>)> {
    use std::io::Write;
    if path.exists() {
        if let Err(e) = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(path)
        {
            return Some((FileProblem::of(&e), None));
        }
    }
    let folder = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let probe = folder.join(format!(".servicefolio-probe-{}", std::process::id()));
    // As much as SQLite's shared-memory file takes at first.
    let tried = std::fs::File::create(&probe).and_then(|mut file| {
        let written = file
            .write_all(&[0; 32 * 1024])
            .and_then(|()| file.sync_all());
        drop(file);
        let _ = std::fs::remove_file(&probe);
        written
    });
    match tried {
        Ok(()) => None,
        Err(e) => Some((FileProblem::of(&e), Some(folder.to_path_buf()))),
    }
}

/// Returns the schema version of a database we may open, refusing foreign or newer files.
fn check_identity(conn: &Connection, path: &Path) -> Result<i64> {
    let refuse = |reason: String| Error::NotOurDatabase {
        path: path.to_path_buf(),
        reason,
    };
    // The first read of the file: SQLite answers "not a database" for a file of
    // another kind; anything else (a full disk, no permission) is no verdict on
    // the file and is reported as what it is.
    let app_id: i64 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt) => {
                refuse(e.to_string())
            }
            _ => file_error(path, &e, FileAction::OpenDatabase).unwrap_or(Error::Open {
                path: path.to_path_buf(),
                source: e,
            }),
        })?;
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
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, specta::Type)]
pub struct StoreInfo {
    pub app_version: String,
    pub database_path: String,
    pub schema_version: i64,
}

impl Store {
    pub fn info(&self) -> Result<StoreInfo> {
        info_of(&self.conn, &self.path)
    }
}

fn info_of(conn: &Connection, path: &Path) -> Result<StoreInfo> {
    Ok(StoreInfo {
        app_version: env!("CARGO_PKG_VERSION").to_owned(),
        database_path: path.display().to_string(),
        schema_version: conn.pragma_query_value(None, "user_version", |r| r.get(0))?,
    })
}
