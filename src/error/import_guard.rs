//! Why a feed import stops before it writes (`Error::SourceRequired`,
//! `Error::WouldDiscontinue`): raised by `master::import_feed`, defined here
//! below the error that carries them.

use serde::{Deserialize, Serialize};

/// Why an import cannot tell the source of its articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum SourceMissing {
    /// A BMEcat file whose header names no supplier (`SUPPLIER_NAME`).
    NoSupplierName,
    /// A table read with a mapping whose columns are neither those of the
    /// built-in ITScope profile nor those of a saved one: it is nobody's.
    UnsavedMapping,
}

/// What makes a full feed's discontinuing look wrong: it stops the import
/// unless allowed (`ImportOptions::allow_discontinue`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum GuardReason {
    /// More than a tenth of the catalog's active offers would go.
    MoreThanATenth,
    /// The last line has no line end and fewer fields than the header.
    LastLineCut {
        line: u32,
        fields: u32,
        header_fields: u32,
    },
    /// The file ends inside a quoted field that starts on `line`.
    OpenQuote { line: u32 },
    /// Fewer rows than half of the last full import of the same catalog.
    FewerRows { rows: u32, last_full_rows: u32 },
}

impl std::fmt::Display for GuardReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GuardReason::MoreThanATenth => write!(f, "that is more than a tenth of them"),
            GuardReason::LastLineCut {
                line,
                fields,
                header_fields,
            } => write!(
                f,
                "its last line ({line}) looks cut off: no line end, {fields} of {header_fields} fields"
            ),
            GuardReason::OpenQuote { line } => write!(
                f,
                "it ends inside a quoted field that starts on line {line} (cut off?)"
            ),
            GuardReason::FewerRows {
                rows,
                last_full_rows,
            } => write!(
                f,
                "it has {rows} rows, less than half of the {last_full_rows} of the last full import of this catalog"
            ),
        }
    }
}

/// A full feed that would discontinue what looks like too much: the numbers
/// and the reasons, for the question "discontinue them?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct DiscontinueCheck {
    pub file_name: String,
    pub source: String,
    pub catalog: String,
    /// Active offers of the source's catalog the file does not name.
    pub would_discontinue: u32,
    /// Active offers of the source's catalog before the import.
    pub active: u32,
    pub rows_read: u32,
    pub reasons: Vec<GuardReason>,
}

impl std::fmt::Display for DiscontinueCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let reasons: Vec<String> = self.reasons.iter().map(ToString::to_string).collect();
        write!(
            f,
            "{} would discontinue {} of the {} active offers of source {} (catalog {}): {}. \
             Nothing was imported. Check the file; to discontinue them anyway, allow it \
             (--allow-discontinue), or import the file without discontinuing anything (--not-full)",
            self.file_name,
            self.would_discontinue,
            self.active,
            self.source,
            self.catalog,
            reasons.join("; ")
        )
    }
}
