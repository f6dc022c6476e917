//! XLSX feeds: the first worksheet, read cell by cell (calamine's streaming cell
//! reader, not a whole-sheet range), mapped with the same profile as CSV.

use calamine::{DataRef, Reader, Xlsx};
use std::io::{Read, Seek};

use super::csv_feed::TableSettings;
use super::encoding::FeedEncoding;
use super::error::FeedFailure;
use super::profile::MappingProfile;
use super::table::{map_rows, RawCell, RawRow, RowSource};
use super::xlsx_check::{check_workbook, guarded};
use super::FeedItem;
use crate::error::FeedError;
use crate::error::SourceLocation;
use crate::limits::{clip, quote, MAX_PREVIEW_CELL_CHARS, MAX_SHEET_COLUMNS};

/// A worksheet's cells regrouped into rows (calamine hands them out row by row,
/// left to right, skipping empty ones).
struct SheetRows<'a, RS: Read + Seek> {
    cells: calamine::XlsxCellReader<'a, RS>,
    pending: Option<(u32, u32, RawCell)>,
    /// calamine's reader must not be asked again once it said "no more cells".
    done: bool,
    /// The row of the cell read last: rows must come in order, or their lines
    /// would not be the file's order (a cell whose reference names another row
    /// than the one it sits in).
    last_row: Option<u32>,
    file: String,
}

fn raw_cell(value: &DataRef<'_>) -> RawCell {
    match value {
        DataRef::Int(i) => RawCell::Number(i.to_string()),
        // Display of f64 is the shortest text that reads back as the same
        // number, and never uses an exponent: exact enough for a Decimal.
        DataRef::Float(f) => RawCell::Number(f.to_string()),
        DataRef::String(s) => RawCell::Text(s.clone()),
        DataRef::SharedString(s) => RawCell::Text((*s).to_owned()),
        DataRef::Bool(b) => RawCell::Text(b.to_string()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => RawCell::Text(s.clone()),
        DataRef::DateTime(d) => RawCell::Text(d.to_string()),
        DataRef::Error(e) => RawCell::Text(format!("#{e:?}")),
        DataRef::Empty => RawCell::Text(String::new()),
    }
}

impl<RS: Read + Seek> SheetRows<'_, RS> {
    fn next_cell(&mut self) -> Result<Option<(u32, u32, RawCell)>, FeedError> {
        if let Some(cell) = self.pending.take() {
            return Ok(Some(cell));
        }
        if self.done {
            return Ok(None);
        }
        let file = self.file.clone();
        let cells = &mut self.cells;
        let cell = guarded(&file, || {
            cells.next_cell().map_err(|e| FeedError::WrongFormat {
                file: file.clone(),
                expected: "a readable XLSX workbook",
                reason: e.to_string(),
            })
        })?;
        self.done = cell.is_none();
        let Some(cell) = cell else {
            return Ok(None);
        };
        let (row, column) = cell.get_position();
        if let Some(last) = self.last_row.filter(|last| row < *last) {
            return Err(FeedError::Malformed {
                file,
                location: SourceLocation::line(row.saturating_add(1)),
                reason: format!(
                    "row {} comes after row {} in the worksheet (a cell's reference names an \
                     earlier row); a spreadsheet saves its rows in order",
                    row.saturating_add(1),
                    last.saturating_add(1)
                ),
            });
        }
        self.last_row = Some(row);
        Ok(Some((row, column, raw_cell(cell.get_value()))))
    }
}

impl<RS: Read + Seek> RowSource for SheetRows<'_, RS> {
    fn next_row(&mut self) -> Result<Option<RawRow>, FeedError> {
        let Some((row, column, value)) = self.next_cell()? else {
            return Ok(None);
        };
        let mut cells = Vec::new();
        // A row is as wide as its last cell, and never wider than a worksheet
        // can be (a cell in column ZZZZZZ made a 10 GB row).
        let file = self.file.clone();
        let place = |column: u32, value: RawCell, cells: &mut Vec<RawCell>| {
            if column >= MAX_SHEET_COLUMNS {
                return Err(FeedError::Malformed {
                    file: file.clone(),
                    location: SourceLocation::line(row.saturating_add(1)),
                    reason: format!(
                        "a cell in column {} is beyond column XFD, the last a worksheet has",
                        column.saturating_add(1)
                    ),
                });
            }
            let at = column as usize;
            if cells.len() <= at {
                cells.resize(at + 1, RawCell::Text(String::new()));
            }
            cells[at] = value;
            Ok(())
        };
        place(column, value, &mut cells)?;
        while let Some((next_row, column, value)) = self.next_cell()? {
            if next_row != row {
                self.pending = Some((next_row, column, value));
                break;
            }
            place(column, value, &mut cells)?;
        }
        Ok(Some((row.saturating_add(1), Ok(cells))))
    }
}

fn open<RS: Read + Seek>(mut reader: RS, file: &str) -> Result<(Xlsx<RS>, String), FeedError> {
    check_workbook(&mut reader, file)?;
    let workbook = guarded(file, || {
        Xlsx::new(reader).map_err(|e| FeedError::WrongFormat {
            file: file.into(),
            expected: "an XLSX workbook",
            reason: e.to_string(),
        })
    })?;
    let sheet = workbook
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| FeedError::Empty { file: file.into() })?;
    Ok((workbook, sheet))
}

/// A worksheet's cells as rows, through calamine's streaming cell reader.
fn sheet_rows<'a, RS: Read + Seek>(
    workbook: &'a mut Xlsx<RS>,
    sheet: &str,
    file: &str,
) -> Result<SheetRows<'a, RS>, FeedError> {
    let cells = guarded(file, || {
        workbook
            .worksheet_cells_reader(sheet)
            .map_err(|e| FeedError::WrongFormat {
                file: file.into(),
                expected: "an XLSX workbook",
                reason: format!("sheet {}: {e}", quote(sheet)),
            })
    })?;
    Ok(SheetRows {
        cells,
        pending: None,
        done: false,
        last_row: None,
        file: file.into(),
    })
}

/// Reads the first worksheet of an XLSX feed with `profile` (its separator and
/// encoding do not apply; stored numbers are exact, text cells use its decimal mark).
pub fn read_xlsx<RS: Read + Seek, E>(
    reader: RS,
    profile: &MappingProfile,
    file: &str,
    visit: &mut impl FnMut(FeedItem) -> Result<(), E>,
) -> Result<TableSettings, FeedFailure<E>> {
    profile.check()?;
    let (mut workbook, sheet) = open(reader, file)?;
    let mut rows = sheet_rows(&mut workbook, &sheet, file)?;
    let decimal_mark = map_rows(&mut rows, profile, None, file, visit)?;
    Ok(TableSettings {
        encoding: FeedEncoding::Utf8,
        separator: None,
        decimal_mark,
        cut_end: None,
    })
}

/// Hands every cell of the first worksheet to `visit` as text, in sheet order,
/// with its 0-based row and column: only the cells the sheet has, whatever
/// range it declares. An `Err` from `visit` stops the reading.
pub fn for_each_cell<RS: Read + Seek, E>(
    reader: RS,
    file: &str,
    visit: &mut impl FnMut(u32, usize, &str) -> Result<(), E>,
) -> Result<(), FeedFailure<E>> {
    let (mut workbook, sheet) = open(reader, file)?;
    let mut rows = sheet_rows(&mut workbook, &sheet, file)?;
    while let Some((row, column, cell)) = rows.next_cell()? {
        if column >= MAX_SHEET_COLUMNS {
            return Err(FeedError::Malformed {
                file: file.into(),
                location: SourceLocation::line(row.saturating_add(1)),
                reason: format!(
                    "a cell in column {} is beyond column XFD, the last a worksheet has",
                    column.saturating_add(1)
                ),
            }
            .into());
        }
        let (RawCell::Text(text) | RawCell::Number(text)) = &cell;
        visit(row, column as usize, text).map_err(FeedFailure::Stopped)?;
    }
    Ok(())
}

/// The first `limit` rows of the first worksheet as text (the header first), for
/// a preview before any profile is chosen.
pub fn xlsx_rows<RS: Read + Seek>(
    reader: RS,
    file: &str,
    limit: usize,
) -> Result<Vec<Vec<String>>, FeedError> {
    let (mut workbook, sheet) = open(reader, file)?;
    let mut rows = sheet_rows(&mut workbook, &sheet, file)?;
    let mut out = Vec::new();
    while out.len() < limit {
        let Some((_, cells)) = rows.next_row()? else {
            break;
        };
        out.push(
            cells
                .unwrap_or_default()
                .iter()
                // A preview shows a cell, it does not carry a 600 MB one.
                .map(|c| match c {
                    RawCell::Text(t) | RawCell::Number(t) => {
                        clip(t.trim(), MAX_PREVIEW_CELL_CHARS).into_owned()
                    }
                })
                .collect(),
        );
    }
    Ok(out)
}
