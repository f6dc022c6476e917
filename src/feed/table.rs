//! What CSV and XLSX share once their rows are read: the header checked against
//! the profile, the decimal mark settled, each row mapped to an article.

use super::decimal::DecimalMark;
use super::error::FeedFailure;
use super::profile::{ColumnIndex, MappingProfile, Separator};
use super::record::RowProblem;
use super::FeedItem;
use crate::error::FeedError;
use crate::error::SourceLocation;

/// A cell as read: text as written, or a number a workbook stored (in `1234.5`
/// form, whatever the profile's decimal mark).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RawCell {
    Text(String),
    Number(String),
}

impl RawCell {
    fn text(&self, mark: DecimalMark) -> String {
        match (self, mark) {
            (RawCell::Text(text), _) => text.trim().to_owned(),
            (RawCell::Number(number), DecimalMark::Point) => number.clone(),
            (RawCell::Number(number), DecimalMark::Comma) => number.replace('.', ","),
        }
    }
}

/// A row with a cell that is not valid text in the chosen encoding: the first
/// such 1-based column, and the row's cells with the bad ones decoded lossily
/// (the other cells, the key among them, are as written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unreadable {
    pub(crate) column: usize,
    pub(crate) cells: Vec<RawCell>,
}

/// One row: its line, and its cells or what could not be read of them.
pub(crate) type RawRow = (u32, Result<Vec<RawCell>, Unreadable>);

/// A stream of rows (the header first).
pub(crate) trait RowSource {
    fn next_row(&mut self) -> Result<Option<RawRow>, FeedError>;
}

/// Rows looked at to detect the decimal mark before the first is handed out.
const MARK_SAMPLE_ROWS: usize = 200;

/// Reads the header, then every row, handing articles and problems to `visit`.
/// Returns the decimal mark used.
pub(crate) fn map_rows<E>(
    rows: &mut impl RowSource,
    profile: &MappingProfile,
    separator: Option<Separator>,
    file: &str,
    visit: &mut impl FnMut(FeedItem) -> Result<(), E>,
) -> Result<DecimalMark, FeedFailure<E>> {
    let (header_line, header) = rows
        .next_row()?
        .ok_or_else(|| FeedError::Empty { file: file.into() })?;
    let header: Vec<String> = header
        .map_err(|bad| FeedError::WrongFormat {
            file: file.into(),
            expected: "text in the chosen encoding",
            reason: format!(
                "header column {} is not valid text; choose the file's encoding (Windows-1252, ISO-8859-1, ...)",
                bad.column
            ),
        })?
        .iter()
        .map(|c| c.text(DecimalMark::Point))
        .collect();
    let index = ColumnIndex::resolve(profile, &header, file, header_line)?;

    let mut sample: Vec<RawRow> = Vec::new();
    let mark = match profile.decimal_mark {
        Some(mark) => mark,
        None => {
            while sample.len() < MARK_SAMPLE_ROWS {
                match rows.next_row()? {
                    Some(row) => sample.push(row),
                    None => break,
                }
            }
            let texts: Vec<Vec<String>> = sample
                .iter()
                .filter_map(|(_, cells)| cells.as_ref().ok())
                .map(|cells| {
                    cells
                        .iter()
                        .map(|c| match c {
                            RawCell::Text(t) => t.trim().to_owned(),
                            // Stored numbers say nothing of how people write them.
                            RawCell::Number(_) => String::new(),
                        })
                        .collect()
                })
                .collect();
            detect_decimal_mark(
                texts.iter().flat_map(|row| index.number_cells(row)),
                separator,
            )
        }
    };
    let mut emit = |(line, cells): RawRow| -> Result<(), E> {
        let cells = match cells {
            Ok(cells) => cells,
            Err(Unreadable { column, cells }) => {
                // The key still counts if its own cell was readable.
                let row: Vec<String> = cells.iter().map(|c| c.text(mark)).collect();
                let source_key = index
                    .key(&row)
                    .filter(|_| index.key_column() != Some(column - 1));
                return visit(FeedItem::Problem(RowProblem {
                    file: file.into(),
                    location: SourceLocation::line(line),
                    field: header
                        .get(column - 1)
                        .cloned()
                        .unwrap_or_else(|| format!("column {column}")),
                    reason: format!(
                        "column {column} is not valid text in the chosen encoding; the file is probably in another one"
                    ),
                    source_key,
                }));
            }
        };
        let row: Vec<String> = cells.iter().map(|c| c.text(mark)).collect();
        if row.iter().all(String::is_empty) {
            return Ok(());
        }
        match index.article(profile, mark, file, line, &row) {
            Ok(article) => visit(FeedItem::Article(Box::new(article))),
            Err(problems) => problems
                .into_iter()
                .try_for_each(|p| visit(FeedItem::Problem(p))),
        }
    };
    for row in sample {
        emit(row).map_err(FeedFailure::Stopped)?;
    }
    while let Some(row) = rows.next_row()? {
        emit(row).map_err(FeedFailure::Stopped)?;
    }
    Ok(mark)
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
