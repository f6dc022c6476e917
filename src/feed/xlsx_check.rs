//! A look at an XLSX workbook before calamine reads it (docs/limits.md).
//!
//! calamine trusts what a workbook says: it reserves memory for as many shared
//! strings as the table's `uniqueCount` claims (a 1 KB file can ask for a
//! terabyte, and the process aborts), reads the shared strings and styles whole,
//! and overflows on cell references beyond the last column. This pass looks at
//! every XML part of the workbook once, in constant memory, and refuses what
//! would hurt: a part other than a worksheet that unpacks beyond
//! `MAX_XLSX_PART_BYTES` (the zip reader refuses to unpack more than a part
//! declares, so the declared size is the bound), more than `MAX_XML_EVENT_BYTES`
//! without markup (one text or tag that large), a cell reference beyond
//! XFD1048576, and a `uniqueCount` more than the table's size can hold.
//!
//! It works on bytes with `memchr` (an XML parser here doubled the time of an
//! XLSX import in the debug build the app runs as): a few calls per 256 KiB
//! and a short look at each cell reference.

use memchr::memmem;
use std::io::{self, Read, Seek, SeekFrom};
use std::panic::{catch_unwind, AssertUnwindSafe};

use super::error::FeedError;
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
            let declared = entry.size();
            let part = quote(&name);
            if kind != Part::Worksheet && declared > MAX_XLSX_PART_BYTES as u64 {
                return Err(refuse(format!(
                    "its part {part} unpacks to {} MiB, more than the {} MiB it may",
                    declared >> 20,
                    MAX_XLSX_PART_BYTES >> 20
                )));
            }
            scan_part(entry, &part, kind, declared).map_err(refuse)?;
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

/// How much of a part is looked at at a time.
const CHUNK: usize = 256 << 10;
/// Bytes kept from one chunk to the next, so an attribute across the border is
/// seen whole (` r="XFD1048576"` and some).
const CARRY: usize = 64;

fn scan_part<R: Read>(mut entry: R, part: &str, kind: Part, declared: u64) -> Result<(), String> {
    let cell_ref = memmem::Finder::new(b" r=\"");
    let dimension = memmem::Finder::new(b"<dimension ref=\"");
    let unique = memmem::Finder::new(b"uniqueCount=\"");
    let mut buf = vec![0u8; CHUNK + CARRY];
    // Bytes at the start of `buf` carried from the chunk before, and the
    // stream offset of `buf[0]`.
    let (mut carried, mut base) = (0usize, 0u64);
    // Stream offset just after the last `<` seen.
    let mut after_markup = 0u64;
    let mut first = true;
    loop {
        let n = fill(&mut entry, &mut buf[carried..]).map_err(|e| {
            format!(
                "its part {part} cannot be unpacked: {}",
                quote(&e.to_string())
            )
        })?;
        let end = carried + n;
        let eof = end < buf.len();
        let fresh = &buf[carried..end];
        let fresh_at = base + carried as u64;
        // Markup: the gap before the first `<` of the chunk, and after its last.
        match (memchr::memchr(b'<', fresh), memchr::memrchr(b'<', fresh)) {
            (Some(first_lt), Some(last_lt)) => {
                if fresh_at + first_lt as u64 - after_markup > MAX_XML_EVENT_BYTES as u64 {
                    return Err(too_long(part));
                }
                after_markup = fresh_at + last_lt as u64 + 1;
            }
            _ => {
                if fresh_at + fresh.len() as u64 - after_markup > MAX_XML_EVENT_BYTES as u64 {
                    return Err(too_long(part));
                }
            }
        }
        let window = &buf[..end];
        match kind {
            Part::Worksheet => {
                // A match is looked at once: in the first window whose end is far
                // enough behind it (or at the end of the part).
                for at in cell_ref.find_iter(window) {
                    if at < carried.min(1) || (at + CARRY > end && !eof) {
                        continue;
                    }
                    check_reference(&window[at + 4..], false, part)?;
                }
                if first {
                    if let Some(at) = dimension.find(window) {
                        check_reference(&window[at + 16..], true, part)?;
                    }
                }
            }
            Part::SharedStrings if first => {
                // The root tag comes first: `<sst ... uniqueCount="N">`.
                let head = &window[..window.len().min(4096)];
                if let Some(at) = unique.find(head) {
                    let digits: Vec<u8> = head[at + 13..]
                        .iter()
                        .copied()
                        .take_while(u8::is_ascii_digit)
                        .collect();
                    let claimed = std::str::from_utf8(&digits)
                        .ok()
                        .and_then(|d| d.parse::<u64>().ok())
                        .unwrap_or(u64::MAX);
                    // The smallest shared string, `<si/>`, takes five bytes.
                    let room = declared / 5 + 1;
                    if !digits.is_empty() && claimed > room {
                        return Err(format!(
                            "its shared-strings table claims {} strings, but its {declared} bytes hold at most {room}",
                            String::from_utf8_lossy(&digits[..digits.len().min(40)])
                        ));
                    }
                }
            }
            _ => {}
        }
        if eof {
            return Ok(());
        }
        first = false;
        let keep = end.min(CARRY);
        buf.copy_within(end - keep..end, 0);
        base += (end - keep) as u64;
        carried = keep;
    }
}

/// Reads until `buf` is full or the part ends; the number of bytes read.
fn fill<R: Read>(entry: &mut R, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match entry.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

fn too_long(part: &str) -> String {
    format!(
        "its part {part} holds more than {} MiB in one piece (one text or tag)",
        MAX_XML_EVENT_BYTES >> 20
    )
}

/// The reference in `rest` (what follows `r="` or `ref="`, up to the quote):
/// refused if it names a cell beyond XFD1048576. Text that is no reference at
/// all (another attribute called `r`) is left alone.
fn check_reference(rest: &[u8], range: bool, part: &str) -> Result<(), String> {
    let value: &[u8] = match memchr::memchr(b'"', &rest[..rest.len().min(CARRY - 5)]) {
        Some(quote_at) => &rest[..quote_at],
        None => &rest[..rest.len().min(CARRY - 5)],
    };
    let pieces: Vec<&[u8]> = if range {
        value.split(|b| *b == b':').collect()
    } else {
        vec![value]
    };
    for piece in pieces {
        if piece.is_empty() || !piece.iter().all(u8::is_ascii_alphanumeric) {
            return Ok(());
        }
        if !within_sheet(piece, range) {
            return Err(format!(
                "its part {part} names the cell {}, beyond XFD1048576, the last cell a worksheet has",
                quote(&String::from_utf8_lossy(piece))
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
