//! CSV feeds: encoding and separator sniffed from the first bytes, the header
//! checked against the mapping profile before any row is read, then one row at
//! a time into a [`SupplierArticle`](super::SupplierArticle) or a problem.

use std::io::Read;

use super::decimal::DecimalMark;
use super::encoding::{decode, detect_encoding, sniff, FeedEncoding};
use super::error::{FeedError, FeedFailure};
use super::lines::{LineBreaks, LineTap};
use super::profile::{MappingProfile, Separator};
use super::record::SourceLocation;
use super::table::{map_rows, RawCell, RawRow, RowSource};
use super::FeedItem;
use std::cell::RefCell;
use std::rc::Rc;

/// How a table file was read (detected or as the profile said).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, specta::Type)]
pub struct TableSettings {
    pub encoding: FeedEncoding,
    pub separator: Option<Separator>,
    pub decimal_mark: DecimalMark,
}

/// The separator the header line uses most (outside quotes); `;` if none.
pub fn sniff_separator(header_line: &str) -> Separator {
    let mut counts = [0usize; 4];
    let mut quoted = false;
    for c in header_line.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if !quoted {
            if let Some(i) = Separator::ALL
                .iter()
                .position(|s| char::from(s.byte()) == c)
            {
                counts[i] += 1;
            }
        }
    }
    let best = (0..4).max_by_key(|i| (counts[*i], 4 - i)).unwrap_or(0);
    if counts[best] == 0 {
        Separator::Semicolon
    } else {
        Separator::ALL[best]
    }
}

/// The decimal mark the number cells show; when none shows one (`42`, `1,234`),
/// a comma for `;`-separated files (the German convention) and a point otherwise.
pub fn detect_decimal_mark<'a>(
    cells: impl IntoIterator<Item = &'a str>,
    separator: Option<Separator>,
) -> DecimalMark {
    let (mut comma, mut point) = (0usize, 0usize);
    let numeric = |cell: &&str| {
        !cell.is_empty()
            && cell
                .trim()
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+'))
    };
    for cell in cells.into_iter().filter(numeric) {
        match DecimalMark::evident_in(cell) {
            Some(DecimalMark::Comma) => comma += 1,
            Some(DecimalMark::Point) => point += 1,
            None => {}
        }
    }
    if comma > point {
        DecimalMark::Comma
    } else if point > comma {
        DecimalMark::Point
    } else if matches!(separator, Some(Separator::Semicolon)) {
        DecimalMark::Comma
    } else {
        DecimalMark::Point
    }
}

/// The first line of the decoded start of a file (for sniffing).
pub(crate) fn first_line(prefix: &[u8], encoding: FeedEncoding) -> String {
    let (text, _) = encoding.encoding().decode_with_bom_removal(prefix);
    text.trim_start_matches(['\r', '\n'])
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// Refuses bytes that are plainly no CSV text (a workbook, XML, binary data).
pub(crate) fn refuse_non_text(
    prefix: &[u8],
    encoding: FeedEncoding,
    file: &str,
) -> Result<(), FeedError> {
    let wrong = |reason: &str| FeedError::WrongFormat {
        file: file.into(),
        expected: "a CSV file",
        reason: reason.into(),
    };
    if prefix.starts_with(b"PK\x03\x04") {
        return Err(wrong("it is a zip archive (an XLSX workbook?)"));
    }
    let utf16 = matches!(encoding, FeedEncoding::Utf16Le | FeedEncoding::Utf16Be);
    if !utf16 && prefix.contains(&0) {
        return Err(wrong("it holds binary data"));
    }
    let line = first_line(prefix, encoding);
    if line.trim_start().starts_with('<') {
        return Err(wrong("it is XML or HTML"));
    }
    Ok(())
}

/// CSV records as rows of text cells, with their real line numbers.
struct CsvRows<R: Read> {
    csv: csv::Reader<LineTap<R>>,
    breaks: Rc<RefCell<LineBreaks>>,
    record: csv::ByteRecord,
    file: String,
}

impl<R: Read> RowSource for CsvRows<R> {
    fn next_row(&mut self) -> Result<Option<RawRow>, FeedError> {
        match self.csv.read_byte_record(&mut self.record) {
            Ok(false) => Ok(None),
            Ok(true) => {
                let start = self.record.position().map_or(0, csv::Position::byte);
                let line = self.breaks.borrow_mut().line_at(start);
                let cells = self
                    .record
                    .iter()
                    .enumerate()
                    .map(|(i, cell)| {
                        std::str::from_utf8(cell)
                            .map(|s| RawCell::Text(s.to_owned()))
                            .map_err(|_| i + 1)
                    })
                    .collect();
                Ok(Some((line, cells)))
            }
            Err(e) => Err(FeedError::Malformed {
                file: self.file.clone(),
                location: SourceLocation::line(
                    e.position()
                        .map_or(0, |p| u32::try_from(p.line()).unwrap_or(u32::MAX)),
                ),
                reason: e.to_string(),
            }),
        }
    }
}

/// Reads a CSV feed with `profile`, handing every article or row problem to
/// `visit` as soon as its row is read. Memory stays constant in the file size
/// (one row, plus the first 200 rows while the decimal mark is detected).
pub fn read_csv<R: Read, E>(
    reader: R,
    profile: &MappingProfile,
    file: &str,
    visit: &mut impl FnMut(FeedItem) -> Result<(), E>,
) -> Result<TableSettings, FeedFailure<E>> {
    profile.check()?;
    let (prefix, reader) = sniff(reader).map_err(|source| FeedError::Io {
        file: file.into(),
        source,
    })?;
    if prefix.is_empty() {
        return Err(FeedError::Empty { file: file.into() }.into());
    }
    let encoding = profile.encoding.unwrap_or_else(|| detect_encoding(&prefix));
    refuse_non_text(&prefix, encoding, file)?;
    let separator = profile
        .separator
        .unwrap_or_else(|| sniff_separator(&first_line(&prefix, encoding)));
    let (tap, breaks) = LineTap::new(decode(reader, encoding));
    let mut rows = CsvRows {
        csv: csv::ReaderBuilder::new()
            .delimiter(separator.byte())
            .has_headers(false)
            .flexible(true)
            .from_reader(tap),
        breaks,
        record: csv::ByteRecord::new(),
        file: file.into(),
    };
    let decimal_mark = map_rows(&mut rows, profile, Some(separator), file, visit)?;
    Ok(TableSettings {
        encoding,
        separator: Some(separator),
        decimal_mark,
    })
}
