//! An offer's documents: the customer PDF, the XLSX calculation sheet and CSV,
//! as bytes or written to a file.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::read::offer;
use super::{offer_csv, offer_pdf, offer_xlsx};
use crate::settings::Settings;
use crate::{Error, Result};

/// The documents an offer exports to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum OfferExportFormat {
    Pdf,
    Xlsx,
    Csv,
}

/// The bytes of an offer's document, in the language of the settings (the
/// customer PDF with the settings' letterhead, as it is: the check for an
/// empty sender belongs to exporting, [`export_offer_to`]).
pub fn export_offer(conn: &Connection, id: i64, format: OfferExportFormat) -> Result<Vec<u8>> {
    let offer = offer(conn, id)?;
    let settings = crate::settings::settings(conn)?;
    match format {
        OfferExportFormat::Pdf => offer_pdf(&offer, &settings, settings.language),
        OfferExportFormat::Xlsx => offer_xlsx(&offer, settings.language),
        OfferExportFormat::Csv => offer_csv(&offer, settings.language),
    }
}

/// What the one exporting has agreed to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ExportChoices {
    /// Export the PDF even though the sender (company name, address) is
    /// empty in the settings: asked first, since a customer document that
    /// does not say who sends it is almost always a mistake.
    pub allow_empty_sender: bool,
}

/// Refuses a customer PDF without its sender unless `choices` allow it;
/// the XLSX and CSV print no letterhead.
fn check_sender(
    settings: &Settings,
    format: OfferExportFormat,
    choices: ExportChoices,
) -> Result<()> {
    if format != OfferExportFormat::Pdf || choices.allow_empty_sender {
        return Ok(());
    }
    let fields: Vec<String> = [
        ("company_name", &settings.company_name),
        ("address", &settings.address),
    ]
    .into_iter()
    .filter(|(_, value)| value.trim().is_empty())
    .map(|(field, _)| field.to_owned())
    .collect();
    if fields.is_empty() {
        Ok(())
    } else {
        Err(Error::SenderMissing { fields })
    }
}

/// Writes an offer's document to `path` atomically ([`crate::files`]): a reader
/// never sees half a file; a failure leaves no partial file and the old one as
/// it was, and says what happened (the disk is full, no permission, ...).
/// A PDF with an empty sender is refused ([`Error::SenderMissing`]) unless
/// `choices` allow it. Returns the number of bytes written.
pub fn export_offer_to(
    conn: &Connection,
    id: i64,
    format: OfferExportFormat,
    path: &std::path::Path,
    choices: ExportChoices,
) -> Result<u64> {
    check_sender(&crate::settings::settings(conn)?, format, choices)?;
    let bytes = export_offer(conn, id, format)?;
    crate::files::write_bytes(path, &bytes)
}
