//! The demo portfolio: the catalog a brand-new database starts with, so the app
//! shows a working catalog on its first start. Seeding it is a portfolio import
//! inside the transaction that creates the database.

use rusqlite::Transaction;
use std::path::Path;

use crate::portfolio::{import_into, PortfolioFile};
use crate::{Result, Store};

/// The demo portfolio file (`assets/demo.servicefolio.json`).
pub const PORTFOLIO: &str = include_str!("../assets/demo.servicefolio.json");

/// Imports the demo portfolio inside the caller's transaction.
pub fn seed(tx: &Transaction<'_>) -> Result<()> {
    import_into(tx, &PortfolioFile::parse(PORTFOLIO)?)?;
    Ok(())
}

/// The app's opens: a brand-new database starts with the demo portfolio. They
/// live here, above the store and the portfolio format, so the store knows no
/// file format and the decision "a new file gets the demo" is made in one place.
impl Store {
    /// Opens (or creates) the database at `path`, migrating as needed; a
    /// database created now is seeded with the demo portfolio.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_seeding(path, seed)
    }

    /// An in-memory database with the real migrations and the demo portfolio.
    pub fn open_in_memory() -> Result<Store> {
        Store::open_in_memory_seeding(seed)
    }
}
