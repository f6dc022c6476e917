//! The offer as CSV: one row per line, for spreadsheets and other systems.
//! Machine-readable on purpose: amounts with a decimal point and no grouping,
//! dates ISO 8601, column names in English; no internal costs. A change
//! line carries its change in the last columns; the customer's monthly
//! amount before and after the offer is a figure of the offer, not of a line,
//! and is in the XLSX, the PDF and `offer show --json`, not here.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula
//! (and Excel also one after a tab or a carriage return): a description such as
//! `=HYPERLINK(...)` would be a formula injected into the sales team's sheet. So
//! every *text* cell (offer number, context, item code, description, offer type,
//! currency) that starts with one of these is written with a leading `'`, which
//! spreadsheets take as "this is text" (OWASP's advice on CSV injection). The
//! numeric columns are written by this module from numbers and stay numbers: a
//! negative amount `-12.50` is not escaped.

use std::borrow::Cow;

use super::{export_failed, Offer};
use crate::locale::Locale;
use crate::{Error, Result};

/// `text` as a spreadsheet takes it as text: with a leading `'` when it starts
/// with a character that would make it a formula.
pub fn spreadsheet_text(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Columns came later at the end (so earlier positions stay): the residual
/// due at a lease's end, the line's term in months and its contract value over
/// that term (the offer's contract value is the sum of that column); then, for
/// a change line, the instance it changes, the kind of change (a stable code:
/// `upgrade`, `cancel`, …), the day it takes effect and what the instance
/// costs now, once and a month (all empty on a line of a new booking).
pub const CSV_HEADER: [&str; 23] = [
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
    "residual",
    "term_months",
    "contract_value",
    "instance_id",
    "change_kind",
    "effective",
    "current_one_time",
    "current_monthly",
];

/// CSV bytes (UTF-8, comma-separated, RFC 4180 quoting). The header and the
/// offer-type codes are stable keys for the programs that read the file; the
/// texts a person reads (the context's name) are in `locale`.
pub fn offer_csv(offer: &Offer, locale: Locale) -> Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| Error::Export(export_failed("CSV", e));
    writer.write_record(CSV_HEADER).map_err(fail)?;
    let text = |value: &str| spreadsheet_text(value).into_owned();
    for group in &offer.groups {
        for line in &group.lines {
            let changed = line.changed.as_ref();
            let change = |value: &dyn Fn(&super::ChangedInstance) -> String| {
                changed.map(value).unwrap_or_default()
            };
            writer
                .write_record([
                    text(&offer.number),
                    offer.version.to_string(),
                    line.position.to_string(),
                    text(&group.label_in(locale)),
                    text(&line.item_code),
                    text(&line.description),
                    text(line.offer_type.as_str()),
                    line.quantity.to_string(),
                    line.terms.one_time_per_unit.normalize().to_string(),
                    line.terms.monthly_per_unit.normalize().to_string(),
                    line.terms.setup_fee.normalize().to_string(),
                    line.terms.tax_rate.normalize().to_string(),
                    format!("{:.2}", line.amounts.one_time),
                    format!("{:.2}", line.amounts.monthly),
                    text(&offer.currency),
                    format!("{:.2}", line.amounts.residual),
                    line.amounts.term_months.to_string(),
                    format!("{:.2}", line.amounts.contract_value),
                    change(&|c| c.instance_id.to_string()),
                    change(&|c| c.kind.as_str().to_owned()),
                    change(&|c| c.effective.to_string()),
                    change(&|c| format!("{:.2}", c.current_one_time)),
                    change(&|c| format!("{:.2}", c.current_monthly)),
                ])
                .map_err(fail)?;
        }
    }
    writer
        .into_inner()
        .map_err(|e| Error::Export(export_failed("CSV", e)))
}

#[cfg(test)]
mod tests {
    use super::spreadsheet_text;

    #[test]
    fn text_a_spreadsheet_would_run_gets_a_leading_apostrophe() {
        for formula in [
            "=HYPERLINK(\"http://x\")",
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
        ] {
            assert_eq!(spreadsheet_text(formula), format!("'{formula}"));
        }
        for plain in [
            "Backup Plus",
            "",
            "Notebook = laptop",
            " =1",
            "'quoted",
            "12.50",
        ] {
            assert_eq!(spreadsheet_text(plain), plain);
        }
    }
}
