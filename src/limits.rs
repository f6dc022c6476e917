//! The bounds on what a file may make Servicefolio do (docs/limits.md): how deep
//! an XML file may nest, how large one of its tags or texts may be, how far to
//! the right a spreadsheet cell may stand, and how much of a file's content an
//! error message quotes, and the largest amount, quantity and term the core
//! accepts or computes (checked in `money`).
//!
//! Each bound is far above anything a real file needs and far below what would
//! exhaust memory or time: a file beyond one is refused with what and where.

use rust_decimal::Decimal;
use std::borrow::Cow;

/// The largest amount Servicefolio accepts or computes, in any currency and for
/// anything: a unit price, a line, a total (10^12, a trillion). Beyond it an input
/// is refused with a clear reason instead of overflowing `Decimal` (which panics at
/// about 7.9 × 10^28) somewhere later in a product, a sum or a document. A real
/// offer stays many orders of magnitude below.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(0xD4A5_1000, 0xE8, 0, false, 0);

/// [`MAX_AMOUNT`] as messages write it.
pub const MAX_AMOUNT_TEXT: &str = "1,000,000,000,000";

/// The largest quantity of one line: units booked into one context, a link's
/// count, goods per unit, an add-on order (a million). With it, quantity × a
/// price within [`MAX_AMOUNT`] stays far inside `Decimal`, so every product of
/// the two can be checked against the bound instead of overflowing.
pub const MAX_QUANTITY: i64 = 1_000_000;

/// [`MAX_QUANTITY`] as messages write it.
pub const MAX_QUANTITY_TEXT: &str = "1,000,000";

/// The longest term in months (minimum term, notice, renewal, leasing term): a
/// century. Contract values multiply monthly amounts by it.
pub const MAX_TERM_MONTHS: u32 = 1200;

/// The deepest an XML element may be nested (the root is depth 1). BMEcat
/// nests about 8 deep; XML this deep is no catalogue.
pub const MAX_XML_DEPTH: usize = 64;

/// The largest single piece of XML markup or text between two tags (a start tag
/// with its attributes, a run of text, a CDATA section, a comment), in bytes as
/// decoded: 8 MiB. A BMEcat long description is a few kilobytes.
pub const MAX_XML_EVENT_BYTES: usize = 8 << 20;

/// The most text one XML element may collect (text, character references and
/// CDATA together): 8 MiB.
pub const MAX_XML_TEXT_BYTES: usize = 8 << 20;

/// The most text one BMEcat article (or catalog group) may hold in memory while
/// it is read: 64 MiB.
pub const MAX_XML_RECORD_BYTES: usize = 64 << 20;

/// The columns a worksheet can have (A to XFD), as Excel defines them. A cell
/// further right is refused: rows are built as dense vectors up to their last cell.
pub const MAX_SHEET_COLUMNS: u32 = 16_384;

/// The rows a worksheet can have, as Excel defines them.
pub const MAX_SHEET_ROWS: u32 = 1_048_576;

/// The most an XML part of an XLSX workbook other than a worksheet (the shared
/// strings, the styles) may unpack to: 256 MiB. The spreadsheet reader holds
/// these parts in memory; worksheets are streamed cell by cell.
pub const MAX_XLSX_PART_BYTES: usize = 256 << 20;

/// How many characters of a cell a preview of a file shows.
pub const MAX_PREVIEW_CELL_CHARS: usize = 1_000;

/// How many characters of a value from a file a message quotes.
pub const MAX_QUOTED_CHARS: usize = 80;

/// How many characters an error message keeps of what a file put into it (a
/// list of headers, a parser's own error, a list of rule violations).
pub const MAX_MESSAGE_CHARS: usize = 2_000;

/// `text` cut to at most `max_chars` characters: its beginning and its end
/// with " … " between them (the beginning says what, the end often where).
pub fn clip(text: &str, max_chars: usize) -> Cow<'_, str> {
    let count = text.chars().count();
    if count <= max_chars {
        return Cow::Borrowed(text);
    }
    let keep = max_chars.saturating_sub(3);
    let head = keep - keep / 4;
    let tail = keep / 4;
    let start: String = text.chars().take(head).collect();
    let end: String = text.chars().skip(count.saturating_sub(tail)).collect();
    Cow::Owned(format!("{start} … {end}"))
}

/// A message cut to [`MAX_MESSAGE_CHARS`].
pub fn clip_message(text: String) -> String {
    match clip(&text, MAX_MESSAGE_CHARS) {
        Cow::Borrowed(_) => text,
        Cow::Owned(clipped) => clipped,
    }
}

/// A value from a file as a message quotes it: in quotes and escaped like
/// `{:?}`, and if it is long, its first characters and how long it is:
/// `"aaaa…" (10,000,000 characters)`.
pub fn quote(text: &str) -> String {
    let mut chars = text.char_indices();
    match chars.nth(MAX_QUOTED_CHARS) {
        None => format!("{text:?}"),
        Some((cut, _)) => {
            let count = text.chars().count();
            format!(
                "\"{}…\" ({} characters)",
                text[..cut].escape_debug(),
                group_thousands(count)
            )
        }
    }
}

fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_texts_stay_as_they_are() {
        assert_eq!(clip("line 3: bad", 20), "line 3: bad");
        assert_eq!(quote("12 €"), "\"12 €\"");
        assert_eq!(quote("a\"b"), "\"a\\\"b\"");
    }

    #[test]
    fn long_texts_keep_their_beginning_and_end() {
        let text = format!("START{}END", "x".repeat(10_000));
        let clipped = clip(&text, 100);
        assert!(clipped.chars().count() <= 100, "{clipped}");
        assert!(clipped.starts_with("STARTxx"));
        assert!(clipped.ends_with("xxEND"));
        assert!(clipped.contains(" … "));
        // Characters, not bytes: never cut inside one.
        let umlauts = "ü".repeat(5_000);
        assert_eq!(clip(&umlauts, 50).chars().count(), 50);
        assert_eq!(clip_message("ok".into()), "ok");
        assert!(clip_message("y".repeat(1_000_000)).chars().count() <= MAX_MESSAGE_CHARS);
    }

    #[test]
    fn long_values_are_quoted_with_their_length() {
        let quoted = quote(&"ä".repeat(10_000_000));
        assert!(quoted.starts_with("\"ää"));
        assert!(quoted.ends_with("…\" (10,000,000 characters)"), "{quoted}");
        assert!(quoted.chars().count() < MAX_QUOTED_CHARS + 40);
        assert_eq!(
            quote(&"a".repeat(MAX_QUOTED_CHARS)).len(),
            MAX_QUOTED_CHARS + 2
        );
    }
}
