//! An offer's documents: the customer PDF, the XLSX calculation sheet and CSV,
//! as bytes or written to a file.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::record::offer;
use super::{offer_csv, offer_pdf, offer_xlsx};
use crate::Result;

/// The documents an offer exports to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum OfferExportFormat {
    Pdf,
    Xlsx,
    Csv,
}

/// The bytes of an offer's document, in the language of the settings (the
/// customer PDF with the settings' letterhead).
pub fn export_offer(conn: &Connection, id: i64, format: OfferExportFormat) -> Result<Vec<u8>> {
    let offer = offer(conn, id)?;
    let settings = crate::settings::settings(conn)?;
    match format {
        OfferExportFormat::Pdf => offer_pdf(&offer, &settings, settings.language),
        OfferExportFormat::Xlsx => offer_xlsx(&offer, settings.language),
        OfferExportFormat::Csv => offer_csv(&offer, settings.language),
    }
}

/// Writes an offer's document to `path` atomically ([`crate::files`]): a reader
/// never sees half a file; a failure leaves no partial file and the old one as
/// it was, and says what happened (the disk is full, no permission, ...).
/// Returns the number of bytes written.
pub fn export_offer_to(
    conn: &Connection,
    id: i64,
    format: OfferExportFormat,
    path: &std::path::Path,
) -> Result<u64> {
    let bytes = export_offer(conn, id, format)?;
    crate::files::write_bytes(path, &bytes)
}
