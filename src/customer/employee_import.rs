//! Importing employees from a CSV file: name, e-mail, department, location (the
//! location is created if the customer has none of that name). Every row is
//! checked first; the report names each bad row by line and field.

use rusqlite::Transaction;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

use super::model::{EmployeeRecord, LocationRecord};
use super::structure::{create_employee, create_location, customer_structure};
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct RowProblem {
    pub line: u32,
    pub field: String,
    pub message: String,
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
        .map_err(|_| Error::input("file", "is neither an XLSX workbook nor UTF-8 CSV text"))?;
    read_employee_csv(text)
}

/// Reads the rows of an employee CSV (UTF-8; `,` or `;` separated; a header row
/// naming the columns in English or German).
pub fn read_employee_csv(text: &str) -> Result<Vec<EmployeeRow>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or_default();
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
    let mut table: Vec<(u32, Vec<String>)> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            Error::input("file", format!("line {line}: {e}"))
        })?;
        let mut byte = record
            .position()
            .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX))
            .min(text.len());
        // The position is where the reader started, before the blank lines it skipped.
        while matches!(text.as_bytes().get(byte), Some(b'\n' | b'\r')) {
            byte += 1;
        }
        let line = u32::try_from(
            text.as_bytes()[..byte]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1,
        )
        .unwrap_or(u32::MAX);
        table.push((line, record.iter().map(str::to_owned).collect()));
    }
    rows_from_table(table)
}

/// Reads the rows of the first sheet of an XLSX workbook (a header row first).
pub fn read_employee_xlsx(bytes: &[u8]) -> Result<Vec<EmployeeRow>> {
    use calamine::Reader;
    let mut workbook = calamine::Xlsx::new(std::io::Cursor::new(bytes))
        .map_err(|e| Error::input("file", format!("not an XLSX workbook: {e}")))?;
    let sheet = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| Error::input("file", "the workbook has no sheet"))?
        .map_err(|e| Error::input("file", format!("the first sheet cannot be read: {e}")))?;
    let first_row = sheet.start().map_or(0, |(row, _)| row);
    let table = sheet
        .rows()
        .enumerate()
        .map(|(n, cells)| {
            let line = u32::try_from(n)
                .unwrap_or(u32::MAX)
                .saturating_add(first_row)
                .saturating_add(1);
            (
                line,
                cells
                    .iter()
                    .map(|c| c.to_string().trim().to_owned())
                    .collect(),
            )
        })
        .collect();
    rows_from_table(table)
}

/// Maps a table (line number, cells; the header first) to employee rows.
fn rows_from_table(table: Vec<(u32, Vec<String>)>) -> Result<Vec<EmployeeRow>> {
    let mut lines = table.into_iter();
    let (header_line, headers) = lines
        .next()
        .ok_or_else(|| Error::input("file", "the file is empty"))?;
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (position, header) in headers.iter().enumerate() {
        let header = header.to_lowercase();
        if let Some((field, _)) = COLUMNS
            .iter()
            .find(|(_, aliases)| aliases.contains(&header.as_str()))
        {
            index.entry(field).or_insert(position);
        }
    }
    if !index.contains_key("name") {
        return Err(Error::input(
            "file",
            format!(
                "line {header_line}: no name column (the header has: {}; expected name, email, department, location)",
                headers.join(", ")
            ),
        ));
    }
    let mut rows = Vec::new();
    for (line, record) in lines {
        let cell = |field: &str| {
            index
                .get(field)
                .and_then(|i| record.get(*i))
                .cloned()
                .unwrap_or_default()
        };
        let optional = |field: &str| Some(cell(field)).filter(|v| !v.is_empty());
        if record.iter().all(String::is_empty) {
            continue;
        }
        rows.push(EmployeeRow {
            line,
            name: cell("name"),
            email: optional("email"),
            department: cell("department"),
            cost_centre: cell("cost_centre"),
            location: optional("location"),
        });
    }
    Ok(rows)
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
                    message: format!("{email:?} is not an e-mail address"),
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
    for row in &good {
        if let Some(location) = &row.location {
            if !known.contains_key(&location.to_lowercase())
                && !new_locations
                    .iter()
                    .any(|l| l.eq_ignore_ascii_case(location))
            {
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
