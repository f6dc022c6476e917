//! A look at an XLSX workbook before calamine reads it (docs/limits.md).
//!
//! calamine trusts what a workbook says: it reserves memory for as many shared
//! strings as the table's `uniqueCount` claims (a 1 KB file can ask for a
//! terabyte, and the process aborts), reads the shared strings and styles whole,
//! and overflows on cell references beyond the last column. This pass streams
//! every XML part of the workbook once, in constant memory, and refuses what
//! would hurt: a part that unpacks beyond `MAX_XLSX_PART_BYTES` (worksheets
//! excepted: they are streamed), a single tag or text beyond
//! `MAX_XML_EVENT_BYTES`, a cell reference beyond XFD1048576, and a
//! `uniqueCount` more than the table's size can hold.

use quick_xml::events::{BytesStart, Event};
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::panic::{catch_unwind, AssertUnwindSafe};

use super::error::FeedError;
use super::lines::EventBudget;
use crate::limits::{
    quote, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, MAX_XLSX_PART_BYTES, MAX_XML_EVENT_BYTES,
};

/// Checks the workbook in `reader` (from its start) and seeks back to it.
pub(crate) fn check_workbook<R: Read + Seek>(reader: &mut R, file: &str) -> Result<(), FeedError> {
    let refuse = |reason: String| FeedError::WrongFormat {
        file: file.into(),
        expected: "an XLSX workbook Servicefolio can read safely",
        reason,
    };
    let io = |source: io::Error| FeedError::Io {
        file: file.into(),
        source,
    };
    let start = reader.stream_position().map_err(io)?;
    {
        // A zip that does not open is left to calamine, which says why.
        let Ok(mut zip) = zip::ZipArchive::new(&mut *reader) else {
            reader.seek(SeekFrom::Start(start)).map_err(io)?;
            return Ok(());
        };
        for index in 0..zip.len() {
            let Ok(entry) = zip.by_index(index) else {
                continue;
            };
            let Ok(name) = entry.name().map(|n| n.to_ascii_lowercase()) else {
                continue;
            };
            if !(name.ends_with(".xml") || name.ends_with(".rels")) {
                continue;
            }
            let kind = if name.contains("worksheets/") {
                Part::Worksheet
            } else if name.ends_with("sharedstrings.xml") {
                Part::SharedStrings
            } else {
                Part::Other
            };
            scan_part(entry, &name, kind).map_err(refuse)?;
        }
    }
    reader.seek(SeekFrom::Start(start)).map_err(io)?;
    Ok(())
}

#[derive(Clone, Copy, PartialEq)]
enum Part {
    Worksheet,
    SharedStrings,
    Other,
}

/// Counts the bytes a part unpacks to.
struct Counted<R> {
    inner: R,
    bytes: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes = self.bytes.saturating_add(n as u64);
        Ok(n)
    }
}

fn scan_part<R: Read>(entry: R, name: &str, kind: Part) -> Result<(), String> {
    let mut xml = quick_xml::Reader::from_reader(EventBudget::new(
        BufReader::new(Counted {
            inner: entry,
            bytes: 0,
        }),
        MAX_XML_EVENT_BYTES,
    ));
    // As calamine reads it.
    let config = xml.config_mut();
    config.check_end_names = false;
    config.check_comments = false;
    config.trim_text(false);
    let part = quote(name);
    let limit = MAX_XLSX_PART_BYTES as u64;
    let mut claimed_strings: Option<u64> = None;
    let mut buf = Vec::new();
    loop {
        xml.get_mut().reset();
        let event = xml.read_event_into(&mut buf);
        let unpacked = xml.get_ref().get_ref().get_ref().bytes;
        if kind != Part::Worksheet && unpacked > limit {
            return Err(format!(
                "its part {part} unpacks to more than {} MiB",
                limit >> 20
            ));
        }
        match event {
            Err(_) if xml.get_ref().exceeded() => {
                return Err(format!(
                    "its part {part} holds more than {} MiB in one piece (one tag or text)",
                    MAX_XML_EVENT_BYTES >> 20
                ));
            }
            // Broken XML is calamine's to report, if it reads this part at all.
            Err(_) | Ok(Event::Eof) => break,
            Ok(Event::Start(e) | Event::Empty(e)) => match kind {
                Part::Worksheet => check_references(&e, &part)?,
                Part::SharedStrings if e.local_name().as_ref() == "sst" => {
                    claimed_strings =
                        attribute(&e, "uniqueCount").and_then(|v| v.trim().parse().ok());
                }
                _ => {}
            },
            Ok(_) => {}
        }
        buf.clear();
    }
    // The smallest shared string, `<si/>`, takes five bytes.
    let unpacked = xml.get_ref().get_ref().get_ref().bytes;
    if let Some(claimed) = claimed_strings {
        let room = unpacked / 5 + 1;
        if claimed > room {
            return Err(format!(
                "its shared-strings table claims {claimed} strings, but its {unpacked} bytes hold at most {room}"
            ));
        }
    }
    Ok(())
}

fn attribute(start: &BytesStart<'_>, name: &str) -> Option<String> {
    start
        .attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| a.value.into_owned())
}

/// Cell, row and dimension references of a worksheet must lie within A1:XFD1048576.
fn check_references(start: &BytesStart<'_>, part: &str) -> Result<(), String> {
    let (attr, column_needed) = match start.local_name().as_ref() {
        "c" => ("r", true),
        "row" => ("r", false),
        "dimension" => ("ref", true),
        _ => return Ok(()),
    };
    let Some(value) = attribute(start, attr) else {
        return Ok(());
    };
    for reference in value.split(':') {
        if !within_sheet(reference.as_bytes(), column_needed) {
            return Err(format!(
                "its part {part} names the cell {}, beyond XFD1048576, the last cell a worksheet has",
                quote(reference)
            ));
        }
    }
    Ok(())
}

/// `XFD1048576`, `A1`, or a row number alone: within Excel's bounds.
fn within_sheet(reference: &[u8], column_needed: bool) -> bool {
    let letters = reference
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    let (column, row) = reference.split_at(letters);
    if letters > 3 || (column_needed && letters == 0) || row.is_empty() || row.len() > 7 {
        return false;
    }
    let column_number = column.iter().fold(0u32, |n, b| {
        n * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1
    });
    let row_number = row.iter().try_fold(0u32, |n, b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    });
    column_number <= MAX_SHEET_COLUMNS
        && row_number.is_some_and(|r| (1..=MAX_SHEET_ROWS).contains(&r))
}

/// Runs a call into calamine and turns a panic in it into a refusal of the file:
/// calamine has panicked on arithmetic overflows in cell references, and a file
/// must never bring the app down. (`check_workbook` refuses the known cases
/// first; this is for the ones nobody knows yet.)
pub(crate) fn guarded<T>(
    file: &str,
    call: impl FnOnce() -> Result<T, FeedError>,
) -> Result<T, FeedError> {
    catch_unwind(AssertUnwindSafe(call)).unwrap_or_else(|_| {
        Err(FeedError::WrongFormat {
            file: file.into(),
            expected: "an XLSX workbook Servicefolio can read",
            reason: "the spreadsheet reader failed on its content".into(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_within_the_sheet() {
        assert!(within_sheet(b"A1", true));
        assert!(within_sheet(b"XFD1048576", true));
        assert!(within_sheet(b"xfd1048576", true));
        assert!(within_sheet(b"5", false));
        assert!(!within_sheet(b"5", true));
        assert!(!within_sheet(b"XFE1", true));
        assert!(!within_sheet(b"ZZZZZZ1", true));
        assert!(!within_sheet(b"A1048577", true));
        assert!(!within_sheet(b"A99999999999", true));
        assert!(!within_sheet(b"A0", true));
        assert!(!within_sheet(b"A", true));
        assert!(!within_sheet(b"A1B", true));
        assert!(!within_sheet(b"", false));
    }
}
