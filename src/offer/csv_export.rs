//! The offer as CSV: one row per line, for spreadsheets and other systems.
//! Machine-readable on purpose: amounts with a decimal point and no grouping,
//! dates ISO 8601, column names in English; no internal costs.

use super::Offer;
use crate::{Error, Result};

pub const CSV_HEADER: [&str; 15] = [
    "offer",
    "version",
    "position",
    "context",
    "item_code",
    "description",
    "offer_type",
    "quantity",
    "unit_one_time",
    "unit_monthly",
    "setup_fee",
    "tax_rate",
    "one_time",
    "monthly",
    "currency",
];

/// CSV bytes (UTF-8, comma-separated, RFC 4180 quoting).
pub fn offer_csv(offer: &Offer) -> Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| Error::Export(format!("CSV: {e}"));
    writer.write_record(CSV_HEADER).map_err(fail)?;
    for group in &offer.groups {
        for line in &group.lines {
            writer
                .write_record([
                    offer.number.clone(),
                    offer.version.to_string(),
                    line.position.to_string(),
                    group.label.clone(),
                    line.item_code.clone(),
                    line.description.clone(),
                    line.offer_type.as_str().to_owned(),
                    line.quantity.to_string(),
                    line.terms.one_time_per_unit.normalize().to_string(),
                    line.terms.monthly_per_unit.normalize().to_string(),
                    line.terms.setup_fee.normalize().to_string(),
                    line.terms.tax_rate.normalize().to_string(),
                    format!("{:.2}", line.amounts.one_time),
                    format!("{:.2}", line.amounts.monthly),
                    offer.currency.clone(),
                ])
                .map_err(fail)?;
        }
    }
    writer
        .into_inner()
        .map_err(|e| Error::Export(format!("CSV: {e}")))
}
