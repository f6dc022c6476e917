//! Past imports: the saved report of every run, read back through the imports'
//! store, newest first, and one run whole with its rejected rows, the offers it
//! discontinued and its price conversions in a fixed order.

use rusqlite::Connection;

use super::report::{ImportReport, ImportRunSummary};
use super::store;
use crate::error::{RefusalSays, Wording};
use crate::feed::ConversionKind;
use crate::{Error, Result};

/// Past imports, newest first.
pub fn import_reports(conn: &Connection) -> Result<Vec<ImportRunSummary>> {
    store::run_summaries(conn)
}

/// A saved report with its rejected rows and the offers it discontinued.
pub fn import_report(conn: &Connection, id: i64) -> Result<ImportReport> {
    let mut report = store::run(conn, id)?.ok_or_else(|| {
        Error::not_found(Wording::new(RefusalSays::ImportReportNotFound).text("id", id))
    })?;
    report.price_conversions.sort_by_key(|c| {
        ConversionKind::ALL
            .iter()
            .position(|k| *k == c.kind)
            .unwrap_or(usize::MAX)
    });
    Ok(report)
}
