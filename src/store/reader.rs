//! A second, read-only connection to a store's file, so the catalog, the
//! customers and the offers can be read while the store writes (a long import
//! holds its one write transaction for minutes).
//!
//! In WAL mode a reader never waits for the writer and never sees its
//! uncommitted rows: each read runs in its own read transaction, which sees the
//! last committed state as of its first statement. The transaction ends with
//! the read, so the next read sees everything committed by then (a read right
//! after a write sees the write), and no snapshot outlives a call.

use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

use super::Store;
use super::{info_of, StoreInfo};
use crate::error::{Error, Result};
use crate::error::{FileAction, InputSays, Wording};

#[derive(Debug)]
pub struct StoreReader {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens a reader on this store's file. The store has migrated (and
    /// seeded) the file already: the reader only ever sees the writer's schema
    /// and never changes it. An in-memory store has no file to share and
    /// answers [`Error::InvalidInput`].
    pub fn open_reader(&self) -> Result<StoreReader> {
        StoreReader::open(self.path())
    }
}

impl StoreReader {
    fn open(path: &Path) -> Result<StoreReader> {
        if path.as_os_str() == ":memory:" {
            return Err(Error::input_said(
                "database",
                Wording::new(InputSays::InMemoryStoreNoFile),
            ));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let opened = (|| {
            let conn = Connection::open_with_flags(path, flags)?;
            // Already refused by the read-only flag; said twice so that no
            // future change of the flags can make this connection write.
            conn.pragma_update(None, "query_only", true)?;
            // A reader waits only while the writer checkpoints or recovers the
            // WAL (moments), never for a write transaction.
            conn.busy_timeout(std::time::Duration::from_secs(5))?;
            conn.pragma_update(None, "cache_size", -16_384)?;
            Ok::<_, rusqlite::Error>(conn)
        })();
        let conn = opened.map_err(|source| {
            super::file_error(path, &source, FileAction::OpenDatabase).unwrap_or(Error::Open {
                path: path.to_path_buf(),
                source,
            })
        })?;
        Ok(StoreReader {
            conn,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `action` in one read transaction: it sees one committed state of
    /// the store (a plan's revision and the rows it was computed from belong
    /// together), and the transaction ends before this returns.
    pub fn read<T>(&mut self, action: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction()?;
        let value = action(&tx);
        tx.rollback()?;
        value
    }

    /// The database in use, as [`Store::info`] tells it.
    pub fn info(&mut self) -> Result<StoreInfo> {
        let path = self.path.clone();
        self.read(|conn| info_of(conn, &path))
    }
}
