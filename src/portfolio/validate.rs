//! Checking a portfolio file on its own: the catalog rules over its records,
//! every violation located by its JSON path in the file.

use super::format::PortfolioFile;
use crate::catalog::{check_catalog, check_successor_status, Located};
use crate::error::LocatedViolation;
use crate::{Error, Result};

/// How many violations a refused portfolio file lists as data (the message
/// names them all, capped like every message).
pub const MAX_LISTED_VIOLATIONS: usize = 1_000;

/// Checks a portfolio file; the error names the JSON path of the first violation
/// and lists every other one.
pub fn validate(file: &PortfolioFile) -> Result<()> {
    let mut found = check_catalog(&file.catalog);
    // Every item of a file is named by it.
    found.extend(check_successor_status(&file.catalog, &|_| true));
    let Some(first) = found.first() else {
        return Ok(());
    };
    let mut reason = first.violation.message.clone();
    if found.len() > 1 {
        let rest: Vec<String> = found[1..]
            .iter()
            .map(|l| format!("{}: {}", json_path(l), l.violation.message))
            .collect();
        reason = format!("{reason}; and {} more: {}", rest.len(), rest.join("; "));
    }
    let listed = found
        .iter()
        .take(MAX_LISTED_VIOLATIONS)
        .map(|l| LocatedViolation {
            path: json_path(l),
            violation: l.violation.clone(),
        })
        .collect();
    Err(Error::breaks_rules(json_path(first), reason, listed))
}

/// The JSON path of a violation's field in a portfolio file.
pub(crate) fn json_path(located: &Located) -> String {
    let base = format!("$.catalog.{}[{}]", located.section.name(), located.index);
    if located.violation.field.is_empty() {
        base
    } else {
        format!("{base}.{}", located.violation.field)
    }
}
