//! Importing employees from a CSV file: name, e-mail, department, location (the
//! location is created if the customer has none of that name). Every row is
//! checked first; the report names each bad row by line and field.

use rusqlite::Transaction;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

use super::model::{EmployeeRecord, LocationRecord};
use super::structure::{create_employee, create_location, customer_structure};
use crate::error::{InputSays, RowProblem, Wording};
use crate::limits::{clip, quote, MAX_QUOTED_CHARS};
use crate::{Error, Result};

/// One employee as the file states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct EmployeeRow {
    /// Line in the file (the header is line 1).
    pub line: u32,
    pub name: String,
    pub email: Option<String>,
    pub department: String,
    pub cost_centre: String,
    pub location: Option<String>,
}

/// What an import found and did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct EmployeeImportReport {
    pub rows: u32,
    /// Employees written (zero for a preview, or when bad rows stopped the import).
    pub created: u32,
    /// Locations created on the fly (or that would be, in a preview).
    pub new_locations: Vec<String>,
    pub problems: Vec<RowProblem>,
    /// The first rows as read, for a preview.
    pub preview: Vec<EmployeeRow>,
}

/// What to do with a file that has bad rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadRows {
    /// Import nothing (the default: nothing changes until the file is right).
    RefuseFile,
    /// Import the good rows and report the others.
    Skip,
}

const COLUMNS: [(&str, &[&str]); 5] = [
    ("name", &["name", "full name", "employee", "mitarbeiter"]),
    ("email", &["email", "e-mail", "mail", "e-mail-adresse"]),
    ("department", &["department", "abteilung", "dept"]),
    (
        "cost_centre",
        &[
            "cost centre",
            "cost center",
            "cost_centre",
            "cost_center",
            "kostenstelle",
        ],
    ),
    ("location", &["location", "site", "office", "standort"]),
];

/// Reads an employee file: an XLSX workbook (a zip file) or CSV text.
pub fn read_employee_file(bytes: &[u8]) -> Result<Vec<EmployeeRow>> {
    if bytes.starts_with(b"PK\x03\x04") {
        return read_employee_xlsx(bytes);
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|_| Error::input_said("file", Wording::new(InputSays::NeitherWorkbookNorCsv)))?;
    read_employee_csv(text)
}

/// Reads the rows of an employee CSV (UTF-8; `,` or `;` separated; a header row
/// naming the columns in English or German). Linear in the file's size.
pub fn read_employee_csv(text: &str) -> Result<Vec<EmployeeRow>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.split(['\n', '\r']).next().unwrap_or_default();
    let separator = if first_line.matches(';').count() > first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .flexible(true)
        .trim(csv::Trim::All)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut table = Table::default();
    // Lines are counted from where the previous record started, never again
    // from the top of the file (that made the import quadratic: 20,000 rows
    // took 221 s).
    let (mut counted_to, mut line) = (0usize, 1u32);
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            Error::input_said(
                "file",
                Wording::new(InputSays::CsvLineUnreadable)
                    .text("line", line)
                    .text("error", e),
            )
        })?;
        let mut byte = record
            .position()
            .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX))
            .min(text.len());
        // The position is where the reader started, before the blank lines it skipped.
        while matches!(text.as_bytes().get(byte), Some(b'\n' | b'\r')) {
            byte += 1;
        }
        if byte >= counted_to {
            let newlines = line_ends(&text.as_bytes()[counted_to..byte]);
            line = line.saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
            counted_to = byte;
        }
        table.push(line, record.iter().enumerate())?;
    }
    table.finish()
}

/// How many lines `bytes` ends, as an editor counts them: LF, CRLF and a lone
/// CR (Excel for Mac's "CSV (Macintosh)") each end one, as in the supplier feeds.
fn line_ends(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .enumerate()
        .filter(|&(i, b)| *b == b'\n' || (*b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count()
}

/// Reads the rows of the first sheet of an XLSX workbook (a header row first),
/// cell by cell: the work and the memory follow the cells the sheet has, not
/// the range it declares (a 1.6 KB file with a cell at XFD1048576 asked for a
/// dense 549,755,813,888-byte range before).
pub fn read_employee_xlsx(bytes: &[u8]) -> Result<Vec<EmployeeRow>> {
    use crate::error::FeedError;
    use crate::feed::FeedFailure;
    let mut table = Table::default();
    crate::feed::xlsx_feed::for_each_cell(
        std::io::Cursor::new(bytes),
        "the workbook",
        &mut |row, column, text| table.push_cell(row.saturating_add(1), column, text),
    )
    .map_err(|failure| match failure {
        FeedFailure::Stopped(e) => e,
        FeedFailure::Refused(FeedError::WrongFormat { reason, .. }) => Error::input_said(
            "file",
            Wording::new(InputSays::WorkbookUnreadable).text("reason", reason),
        ),
        FeedFailure::Refused(other) => other.into(),
    })?;
    table.finish()
}

/// The employee fields, in the order of `COLUMNS`.
const FIELDS: usize = COLUMNS.len();

/// Rows of a table as they arrive (the header first), kept as employee rows:
/// only the columns that map to a field are held.
#[derive(Default)]
struct Table {
    /// Per field, the column it is in, once the header row is complete.
    index: Option<[Option<usize>; FIELDS]>,
    /// The header row while it arrives cell by cell (XLSX): its line and cells.
    header: Option<(u32, Vec<(usize, String)>)>,
    /// The row being filled cell by cell (XLSX): its line, fields, any content.
    current: Option<(u32, [String; FIELDS], bool)>,
    rows: Vec<EmployeeRow>,
}

impl Table {
    /// A whole row (CSV): its cells with their column.
    fn push<'c>(&mut self, line: u32, cells: impl Iterator<Item = (usize, &'c str)>) -> Result<()> {
        let Some(index) = self.index else {
            let cells = cells.map(|(i, c)| (i, c.to_owned())).collect();
            return self.set_header(line, cells);
        };
        let mut fields: [String; FIELDS] = Default::default();
        let mut any = false;
        for (column, text) in cells {
            any |= !text.is_empty();
            if let Some(field) = index.iter().position(|c| *c == Some(column)) {
                fields[field] = text.to_owned();
            }
        }
        self.keep(line, fields, any);
        Ok(())
    }

    /// One cell (XLSX), in sheet order: the cells of a row arrive together.
    fn push_cell(&mut self, line: u32, column: usize, text: &str) -> Result<()> {
        let text = text.trim();
        let index = match self.index {
            Some(index) => index,
            None => match &mut self.header {
                None => {
                    self.header = Some((line, vec![(column, text.to_owned())]));
                    return Ok(());
                }
                Some((at, cells)) if *at == line => {
                    cells.push((column, text.to_owned()));
                    return Ok(());
                }
                Some(_) => {
                    self.close_header()?;
                    self.index.unwrap_or_default()
                }
            },
        };
        if self.current.as_ref().is_some_and(|(at, _, _)| *at != line) {
            self.flush();
        }
        let (_, fields, any) = self
            .current
            .get_or_insert_with(|| (line, Default::default(), false));
        *any |= !text.is_empty();
        if let Some(field) = index.iter().position(|c| *c == Some(column)) {
            fields[field] = text.to_owned();
        }
        Ok(())
    }

    fn close_header(&mut self) -> Result<()> {
        match self.header.take() {
            Some((line, cells)) => self.set_header(line, cells),
            None => Err(Error::input_said(
                "file",
                Wording::new(InputSays::FileEmpty),
            )),
        }
    }

    fn flush(&mut self) {
        if let Some((line, fields, any)) = self.current.take() {
            self.keep(line, fields, any);
        }
    }

    fn set_header(&mut self, line: u32, cells: Vec<(usize, String)>) -> Result<()> {
        let mut index: [Option<usize>; FIELDS] = [None; FIELDS];
        for (column, header) in &cells {
            let header = header.to_lowercase();
            if let Some(field) = COLUMNS
                .iter()
                .position(|(_, aliases)| aliases.contains(&header.as_str()))
            {
                index[field].get_or_insert(*column);
            }
        }
        if index[0].is_none() {
            let found: Vec<String> = cells
                .iter()
                .map(|(_, h)| clip(h, MAX_QUOTED_CHARS).into_owned())
                .collect();
            return Err(Error::input_said(
                "file",
                Wording::new(InputSays::NoNameColumn)
                    .text("line", line)
                    .text("found", found.join(", ")),
            ));
        }
        self.index = Some(index);
        Ok(())
    }

    fn keep(&mut self, line: u32, fields: [String; FIELDS], any: bool) {
        if !any {
            return;
        }
        let [name, email, department, cost_centre, location] = fields;
        let optional = |v: String| Some(v).filter(|v| !v.is_empty());
        self.rows.push(EmployeeRow {
            line,
            name,
            email: optional(email),
            department,
            cost_centre,
            location: optional(location),
        });
    }

    fn finish(mut self) -> Result<Vec<EmployeeRow>> {
        if self.index.is_none() {
            self.close_header()?;
        }
        self.flush();
        Ok(self.rows)
    }
}

/// Checks every row and, unless `preview`, writes the employees (and new
/// locations) in the caller's transaction.
pub fn import_employees(
    tx: &Transaction<'_>,
    customer_id: i64,
    rows: &[EmployeeRow],
    bad_rows: BadRows,
    preview: bool,
) -> Result<EmployeeImportReport> {
    let structure = customer_structure(tx, customer_id)?;
    let mut problems = Vec::new();
    let mut emails: HashSet<String> = structure
        .employees
        .iter()
        .filter_map(|e| e.record.email.as_ref().map(|m| m.to_lowercase()))
        .collect();
    let mut first_line_of: HashMap<String, u32> = HashMap::new();
    let mut good = Vec::new();
    for row in rows {
        let before = problems.len();
        if row.name.is_empty() {
            problems.push(RowProblem {
                line: row.line,
                field: "name".into(),
                message: "the name is empty".into(),
            });
        }
        if let Some(email) = &row.email {
            let key = email.to_lowercase();
            if !super::structure::is_email(email) {
                problems.push(RowProblem {
                    line: row.line,
                    field: "email".into(),
                    message: format!("{} is not an e-mail address", quote(email)),
                });
            } else if let Some(first) = first_line_of.get(&key) {
                problems.push(RowProblem {
                    line: row.line,
                    field: "email".into(),
                    message: format!("{email} is already on line {first}"),
                });
            } else if emails.contains(&key) {
                problems.push(RowProblem {
                    line: row.line,
                    field: "email".into(),
                    message: format!(
                        "{email} already belongs to an employee of {}",
                        structure.customer.record.name
                    ),
                });
            } else {
                first_line_of.insert(key.clone(), row.line);
                emails.insert(key);
            }
        }
        if problems.len() == before {
            good.push(row);
        }
    }
    let known: HashMap<String, i64> = structure
        .locations
        .iter()
        .map(|l| (l.record.name.to_lowercase(), l.id))
        .collect();
    let mut new_locations: Vec<String> = Vec::new();
    let mut seen_locations: HashSet<String> = HashSet::new();
    for row in &good {
        if let Some(location) = &row.location {
            let key = location.to_lowercase();
            if !known.contains_key(&key) && seen_locations.insert(key) {
                new_locations.push(location.clone());
            }
        }
    }
    let mut report = EmployeeImportReport {
        rows: u32::try_from(rows.len()).unwrap_or(u32::MAX),
        created: 0,
        new_locations,
        problems,
        preview: rows.iter().take(20).cloned().collect(),
    };
    if preview || (bad_rows == BadRows::RefuseFile && !report.problems.is_empty()) {
        return Ok(report);
    }
    let mut locations = known;
    for name in &report.new_locations {
        let created = create_location(
            tx,
            customer_id,
            &LocationRecord {
                name: name.clone(),
                ..Default::default()
            },
        )?;
        locations.insert(name.to_lowercase(), created.id);
    }
    for row in good {
        let location_id = row
            .location
            .as_ref()
            .and_then(|l| locations.get(&l.to_lowercase()).copied());
        create_employee(
            tx,
            customer_id,
            &EmployeeRecord {
                name: row.name.clone(),
                email: row.email.clone(),
                department: row.department.clone(),
                cost_centre: row.cost_centre.clone(),
                location_id,
            },
        )?;
        report.created += 1;
    }
    Ok(report)
}

/// Reads an employee file (CSV or XLSX) and imports or previews it, in the
/// caller's transaction.
pub fn import_employee_file(
    tx: &Transaction<'_>,
    customer_id: i64,
    bytes: &[u8],
    bad_rows: BadRows,
    preview: bool,
) -> Result<EmployeeImportReport> {
    let rows = read_employee_file(bytes)?;
    import_employees(tx, customer_id, &rows, bad_rows, preview)
}

/// Imports rows read from an employee file as one user action; a preview only
/// reads (nothing is written, the store's revision does not move, a pending
/// booking plan stays valid), and so does an import that bad rows refuse.
pub fn import_employee_rows(
    store: &mut crate::Store,
    customer_id: i64,
    rows: &[EmployeeRow],
    bad_rows: BadRows,
    preview: bool,
) -> Result<EmployeeImportReport> {
    if preview {
        store.read(|tx| import_employees(tx, customer_id, rows, bad_rows, true))
    } else {
        store.write(|tx| import_employees(tx, customer_id, rows, bad_rows, false))
    }
}
