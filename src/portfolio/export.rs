//! Writing the catalog to a portfolio file.

use rusqlite::Connection;

use super::format::PortfolioFile;
use crate::catalog::read_catalog;
use crate::Result;

/// The whole catalog as a portfolio file's text.
pub fn export(conn: &Connection) -> Result<String> {
    Ok(PortfolioFile::new(read_catalog(conn)?).to_json())
}
