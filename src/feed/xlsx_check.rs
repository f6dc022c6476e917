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

use crate::error::FeedError;
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
/// seen whole: `LOOK` bytes on either side of its `=`.
const CARRY: usize = 2 * (LOOK + 1);

fn scan_part<R: Read>(mut entry: R, part: &str, kind: Part, declared: u64) -> Result<(), String> {
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
            Part::Worksheet | Part::Other => {
                // Every `r` and `ref` attribute (cells, rows, dimensions, merged
                // cells, shared formulas, tables): calamine parses them all. A
                // `=` is looked at once: in the first window whose end is far
                // enough behind it (or at the end of the part).
                for at in memchr::memchr_iter(b'=', window) {
                    let seen_before = carried > 0 && at + LOOK < carried;
                    if seen_before || (at + LOOK >= end && !eof) {
                        continue;
                    }
                    if let Some((range, value)) = reference_attribute(window, at) {
                        check_reference(value, range, part)?;
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

/// Bytes looked at on either side of a `=`: the attribute's name, the
/// whitespace around the `=`, and as much of the value as calamine reads before
/// it overflows or stops.
const LOOK: usize = 64;

/// The value of the attribute whose `=` is at `window[at]`, if the attribute is
/// `r` or `ref` (the latter a range); cut at `LOOK` bytes. Names are matched as
/// calamine's attribute reader matches them: the bytes after whitespace or a
/// closing quote, up to the `=`, trimmed.
fn reference_attribute(window: &[u8], at: usize) -> Option<(bool, &[u8])> {
    let before = &window[at.saturating_sub(LOOK)..at];
    let name_end = before.len()
        - before
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
    let name_start = before[..name_end]
        .iter()
        .rposition(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'' || *b == b'<')
        .map_or(0, |p| p + 1);
    let range = match &before[name_start..name_end] {
        b"r" => false,
        b"ref" => true,
        _ => return None,
    };
    let after = &window[at + 1..window.len().min(at + 1 + LOOK)];
    let quote_at = after.iter().position(|b| !b.is_ascii_whitespace())?;
    let quote = after[quote_at];
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let rest = &after[quote_at + 1..];
    let value = memchr::memchr(quote, rest).map_or(rest, |close| &rest[..close]);
    Some((range, value))
}

/// A reference as calamine reads it: letters for the column, then digits for
/// the row, up to the first other byte (where calamine stops with an error).
#[derive(Debug, PartialEq)]
enum Reference {
    /// Letters and digits only: column (0 when none) and row, each 1-based and
    /// at most `u64` (calamine's `u32` overflows first).
    Cell { column: u64, row: u64 },
    /// Something calamine refuses with an error before any overflow.
    NotOne,
    /// Letters or digits that overflow calamine's `u32` arithmetic before it
    /// reaches the end (or the byte that makes it refuse).
    Overflows,
}

fn read_reference(piece: &[u8]) -> Reference {
    let letters = piece.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let digits = piece[letters..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let column = piece[..letters].iter().try_fold(0u32, |n, b| {
        n.checked_mul(26)?
            .checked_add(u32::from(b.to_ascii_uppercase() - b'A') + 1)
    });
    let row = piece[letters..letters + digits]
        .iter()
        .try_fold(0u32, |n, b| {
            n.checked_mul(10)?.checked_add(u32::from(b - b'0'))
        });
    match (column, row) {
        (Some(column), Some(row)) if letters + digits == piece.len() => Reference::Cell {
            column: column.into(),
            row: row.into(),
        },
        (Some(_), Some(_)) => Reference::NotOne,
        _ => Reference::Overflows,
    }
}

/// The reference `value` of an `r` (a cell or a row) or `ref` (a range)
/// attribute: refused if calamine's arithmetic would overflow on it, if it names
/// a cell beyond XFD1048576, or if a range ends before it starts (calamine
/// subtracts the corners). Text calamine refuses anyway is left to it.
fn check_reference(value: &[u8], range: bool, part: &str) -> Result<(), String> {
    let beyond = |piece: &[u8]| {
        format!(
            "its part {part} names the cell {}, beyond XFD1048576, the last cell a worksheet has",
            quote(&String::from_utf8_lossy(piece))
        )
    };
    let pieces: Vec<&[u8]> = if range {
        value.split(|b| *b == b':').collect()
    } else {
        vec![value]
    };
    let mut corners = Vec::with_capacity(2);
    for piece in &pieces {
        match read_reference(piece) {
            Reference::Overflows => return Err(beyond(piece)),
            Reference::NotOne => return Ok(()),
            Reference::Cell { column, row } => {
                let column_needed = range;
                if (column_needed && column == 0)
                    || column > u64::from(MAX_SHEET_COLUMNS)
                    || !(1..=u64::from(MAX_SHEET_ROWS)).contains(&row)
                {
                    // calamine refuses a missing row or column itself; a cell
                    // beyond the sheet is refused here (its dense ranges).
                    if row == 0 || (column_needed && column == 0) {
                        return Ok(());
                    }
                    return Err(beyond(piece));
                }
                corners.push((column, row));
            }
        }
    }
    if let [(first_column, first_row), (last_column, last_row)] = corners[..] {
        if last_column < first_column || last_row < first_row {
            return Err(format!(
                "its part {part} has the range {}, which ends before it starts",
                quote(&String::from_utf8_lossy(value))
            ));
        }
    }
    Ok(())
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

    fn refused(value: &[u8], range: bool) -> bool {
        check_reference(value, range, "sheet1.xml").is_err()
    }

    #[test]
    fn references_within_the_sheet() {
        assert!(!refused(b"A1", false));
        assert!(!refused(b"XFD1048576", false));
        assert!(!refused(b"xfd1048576", true));
        assert!(!refused(b"5", false));
        assert!(!refused(b"A1:D4", true));
        assert!(!refused(b"A1", true));
        // Beyond the sheet: calamine would make a dense range of it.
        assert!(refused(b"XFE1", false));
        assert!(refused(b"ZZZZZZ1", false));
        assert!(refused(b"A1048577", false));
        assert!(refused(b"A1:XFE1", true));
        // calamine's u32 arithmetic overflows on these, before it stops at the
        // byte it refuses (the fuzzer's findings).
        assert!(refused(b"A99999999999", false));
        assert!(refused(b"sqqiten", false));
        assert!(refused(b"lformats.org/spreadsheetml", true));
        assert!(refused(b"A1:B99999999999.5", true));
        // A range that ends before it starts: calamine subtracts the corners.
        assert!(refused(b"A5:D4", true));
        assert!(refused(b"DA1:D4", true));
        // Text that calamine refuses with an error of its own is left to it.
        assert!(!refused(b"A0", false));
        assert!(!refused(b"A", true));
        assert!(!refused(b"A1B", false));
        assert!(!refused(b"", false));
        assert!(!refused(b"rId1", false));
    }

    #[test]
    fn reference_attributes_as_calamine_names_them() {
        let found = |xml: &[u8]| {
            memchr::memchr_iter(b'=', xml)
                .filter_map(|at| reference_attribute(xml, at))
                .map(|(range, value)| (range, String::from_utf8_lossy(value).into_owned()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            found(br#"<c r="B2" s="1"><f t="shared" ref='A1:A5' si="0"/></c>"#),
            vec![(false, "B2".into()), (true, "A1:A5".into())]
        );
        // Whitespace around the `=`, and no space after the value before.
        assert_eq!(
            found(b"<c s=\"1\"r =\n 'Z9'><dimension\tref=\"A1\"/>"),
            vec![(false, "Z9".into()), (true, "A1".into())]
        );
        // Other names that end in r or ref are not references.
        assert_eq!(found(br#"<x dir="a" pref="b" r:id="c"/>"#), vec![]);
    }
}
