//! CSV feeds: encoding and separator sniffed from the first bytes, the header
//! checked against the mapping profile before any row is read, then one row at
//! a time into a [`SupplierArticle`](super::SupplierArticle) or a problem.

use std::io::Read;

use super::decimal::DecimalMark;
use super::encoding::{decode, detect_encoding, sniff, FeedEncoding};
use super::error::FeedFailure;
use super::lines::{LineBreaks, LineTap};
use super::profile::{MappingProfile, Separator};
use super::table::{map_rows, RawCell, RawRow, RowSource, Unreadable};
use super::FeedItem;
use crate::error::FeedError;
use crate::error::SourceLocation;
use std::cell::{Cell, RefCell};
use std::io;
use std::rc::Rc;

/// How a table file was read (detected or as the profile said).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, specta::Type)]
pub struct TableSettings {
    pub encoding: FeedEncoding,
    pub separator: Option<Separator>,
    pub decimal_mark: DecimalMark,
    /// The file looks cut off at its end (CSV only).
    pub cut_end: Option<CutEnd>,
}

/// A CSV file that looks cut off at its end: its last line ends inside a
/// quoted field, or has no line end and fewer fields than the header. (A
/// file cut exactly at a line end looks whole; the import compares its rows
/// with the last full import for that.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, specta::Type)]
pub struct CutEnd {
    /// The line the last row starts on.
    pub line: u32,
    /// The fields of that row, and of the header.
    pub fields: u32,
    pub header_fields: u32,
    /// The file ends inside a quoted field (a quote opened and never closed).
    pub open_quote: bool,
}

/// Where the CSV syntax stands after the last byte read (the `csv` crate's own
/// rules: a quote opens a quoted field only at its start; `""` inside one is a
/// quote), and that byte: how the file ends.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Quoting {
    #[default]
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted field: it closes it, or a second one follows.
    QuoteInQuoted,
}

#[derive(Debug, Clone, Copy, Default)]
struct Ending {
    quoting: Quoting,
    last_byte: Option<u8>,
}

impl Ending {
    fn step(&mut self, byte: u8, separator: u8) {
        let boundary = byte == separator || byte == b'\n' || byte == b'\r';
        self.quoting = match (self.quoting, byte) {
            (Quoting::FieldStart, b'"') => Quoting::Quoted,
            (Quoting::Quoted, b'"') => Quoting::QuoteInQuoted,
            (Quoting::Quoted, _) => Quoting::Quoted,
            (Quoting::QuoteInQuoted, b'"') => Quoting::Quoted,
            (_, _) if boundary => Quoting::FieldStart,
            (_, _) => Quoting::Unquoted,
        };
        self.last_byte = Some(byte);
    }

    fn line_ended(&self) -> bool {
        matches!(self.last_byte, Some(b'\n' | b'\r'))
    }
}

/// A reader that follows the quoting of the (decoded) bytes passing through.
struct EndTap<R> {
    inner: R,
    separator: u8,
    ending: Rc<Cell<Ending>>,
}

impl<R: Read> Read for EndTap<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut ending = self.ending.get();
        for byte in &buf[..n] {
            ending.step(*byte, self.separator);
        }
        self.ending.set(ending);
        Ok(n)
    }
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
    /// Records read so far; the fields of the first (the header); the line,
    /// fields and blankness of the last.
    records: u64,
    header_fields: u32,
    last: Option<(u32, u32, bool)>,
}

impl<R: Read> RowSource for CsvRows<R> {
    fn next_row(&mut self) -> Result<Option<RawRow>, FeedError> {
        match self.csv.read_byte_record(&mut self.record) {
            Ok(false) => Ok(None),
            Ok(true) => {
                let start = self.record.position().map_or(0, csv::Position::byte);
                let line = self.breaks.borrow_mut().line_at(start);
                let mut bad = None;
                let mut cells = Vec::with_capacity(self.record.len());
                for (i, cell) in self.record.iter().enumerate() {
                    cells.push(RawCell::Text(match std::str::from_utf8(cell) {
                        Ok(text) => text.to_owned(),
                        Err(_) => {
                            bad.get_or_insert(i + 1);
                            String::from_utf8_lossy(cell).into_owned()
                        }
                    }));
                }
                let fields = u32::try_from(self.record.len()).unwrap_or(u32::MAX);
                if self.records == 0 {
                    self.header_fields = fields;
                }
                self.records += 1;
                let blank = self.record.iter().all(|c| c.trim_ascii().is_empty());
                self.last = Some((line, fields, blank));
                Ok(Some((
                    line,
                    match bad {
                        None => Ok(cells),
                        Some(column) => Err(Unreadable { column, cells }),
                    },
                )))
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
    let ending = Rc::new(Cell::new(Ending::default()));
    let (tap, breaks) = LineTap::new(EndTap {
        inner: decode(reader, encoding),
        separator: separator.byte(),
        ending: Rc::clone(&ending),
    });
    let mut rows = CsvRows {
        csv: csv::ReaderBuilder::new()
            .delimiter(separator.byte())
            .has_headers(false)
            .flexible(true)
            .from_reader(tap),
        breaks,
        record: csv::ByteRecord::new(),
        file: file.into(),
        records: 0,
        header_fields: 0,
        last: None,
    };
    let decimal_mark = map_rows(&mut rows, profile, Some(separator), file, visit)?;
    let ending = ending.get();
    let cut_end = rows
        .last
        .filter(|_| rows.records > 1)
        .and_then(|(line, fields, blank)| {
            let open_quote = ending.quoting == Quoting::Quoted;
            let short = !ending.line_ended() && !blank && fields < rows.header_fields;
            (open_quote || short).then_some(CutEnd {
                line,
                fields,
                header_fields: rows.header_fields,
                open_quote,
            })
        });
    Ok(TableSettings {
        encoding,
        separator: Some(separator),
        decimal_mark,
        cut_end,
    })
}
