//! The envelope of a portfolio file: its format name and version around the
//! catalog's records, and the strict reading of its text.

use serde::{Deserialize, Serialize};

use crate::catalog::CatalogRecords;
use crate::{Error, Result};

pub const FORMAT_NAME: &str = "servicefolio-portfolio";
/// Bumped when a change would make an older reader misread a file.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortfolioFile {
    pub format: String,
    pub version: u32,
    pub catalog: CatalogRecords,
}

impl PortfolioFile {
    pub fn new(catalog: CatalogRecords) -> PortfolioFile {
        PortfolioFile {
            format: FORMAT_NAME.to_owned(),
            version: FORMAT_VERSION,
            catalog,
        }
    }

    /// The file's text: pretty JSON with a final newline, the same bytes for the same catalog.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("records always serialise");
        text.push('\n');
        text
    }

    /// Parses a portfolio file's structure; errors name the JSON path and the
    /// reason. The catalog rules are checked on import, against the catalog the
    /// file merges into (a file may refer to items already in the database), or
    /// on their own with `validate`.
    pub fn parse(text: &str) -> Result<PortfolioFile> {
        let deserializer = &mut serde_json::Deserializer::from_str(text);
        let file: PortfolioFile =
            serde_path_to_error::deserialize(&mut *deserializer).map_err(|e| {
                let inner = e.inner();
                let path = e.path().to_string();
                let path = if path == "." {
                    "$".to_owned()
                } else {
                    format!("$.{path}")
                };
                Error::invalid(
                    path,
                    format!(
                        "{} (line {}, column {})",
                        strip_position(&inner.to_string()),
                        inner.line(),
                        inner.column()
                    ),
                )
            })?;
        // One JSON value and nothing after it (but white space): a second
        // document, or anything else, is refused rather than ignored.
        deserializer.end().map_err(|e| {
            Error::invalid(
                "$",
                format!(
                    "trailing characters after the portfolio at line {}, column {}",
                    e.line(),
                    e.column()
                ),
            )
        })?;
        if file.format != FORMAT_NAME {
            return Err(Error::invalid(
                "$.format",
                format!("expected \"{FORMAT_NAME}\", found {:?}", file.format),
            ));
        }
        if file.version != FORMAT_VERSION {
            return Err(Error::invalid(
                "$.version",
                format!(
                    "this Servicefolio reads version {FORMAT_VERSION}, the file is version {}",
                    file.version
                ),
            ));
        }
        Ok(file)
    }
}

/// serde_json appends " at line L column C"; the message states them itself.
fn strip_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map_or(message, |at| &message[..at])
}
