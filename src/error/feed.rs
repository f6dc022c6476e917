//! Why a whole supplier feed was refused (`Error::InvalidFeed`; a single bad row
//! is a `feed::RowProblem` and does not stop the reading), and where in a file
//! something was found: raised by `feed`'s readers, defined here below the
//! error that carries them.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::limits::{clip, MAX_MESSAGE_CHARS, MAX_QUOTED_CHARS};

/// Where in a file something was found: a 1-based line (CSV, and XML too), a
/// worksheet row (XLSX), and for XML the element path.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct SourceLocation {
    /// 1-based line of a text file, or row of a worksheet; 0 when unknown.
    pub line: u32,
    /// `/BMECAT/T_NEW_CATALOG/ARTICLE[2]/...` for XML; `None` for tables.
    pub element: Option<String>,
}

impl SourceLocation {
    pub fn line(line: u32) -> Self {
        SourceLocation {
            line,
            element: None,
        }
    }

    pub fn element(path: impl Into<String>, line: u32) -> Self {
        SourceLocation {
            line,
            element: Some(path.into()),
        }
    }
}

impl fmt::Display for SourceLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.element, self.line) {
            (Some(path), 0) => write!(f, "{path}"),
            (Some(path), line) => write!(f, "{path} (line {line})"),
            (None, 0) => write!(f, "unknown line"),
            (None, line) => write!(f, "line {line}"),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    #[error("{file} cannot be read: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    /// The file is not what it claims or what was chosen (XML that is not BMEcat,
    /// a binary file given as CSV).
    #[error("{file} is not {expected}: {}", clip(.reason, MAX_MESSAGE_CHARS))]
    WrongFormat {
        file: String,
        expected: &'static str,
        reason: String,
    },
    #[error("{file} is empty")]
    Empty { file: String },
    /// An XML file whose declared encoding its bytes contradict.
    #[error("{file} is XML in an encoding other than it declares: {reason}")]
    XmlEncoding { file: String, reason: String },
    /// The header row lacks columns the mapping profile needs.
    #[error(
        "{file}, line {line}: the header has no column {} (mapping profile {profile:?}; the header has: {})",
        missing.join(", "),
        clip(&found.iter().map(|h| clip(h, MAX_QUOTED_CHARS)).collect::<Vec<_>>().join(", "), MAX_MESSAGE_CHARS)
    )]
    MissingColumns {
        file: String,
        profile: String,
        line: u32,
        missing: Vec<String>,
        found: Vec<String>,
    },
    /// The file breaks off or its syntax is broken (truncated XML, an open quote).
    #[error("{file}, {location}: {}", clip(.reason, MAX_MESSAGE_CHARS))]
    Malformed {
        file: String,
        location: SourceLocation,
        reason: String,
    },
    #[error("mapping profile {profile:?}: {}", clip(.reason, MAX_MESSAGE_CHARS))]
    InvalidProfile { profile: String, reason: String },
}

/// A refused feed is bad input for the rest of the core and the UI.
impl From<FeedError> for super::Error {
    fn from(error: FeedError) -> Self {
        super::Error::InvalidFeed(Box::new(error))
    }
}

/// Why a feed was refused, as data for the UI and scripts (the error's details):
/// the same cases as `FeedError`, every text capped like the message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum FeedProblem {
    /// The file could not be read (`reason`: what the system said).
    Unreadable {
        reason: String,
    },
    /// The file is not what it claims or what was chosen.
    WrongFormat {
        expected: String,
        reason: String,
    },
    Empty,
    /// XML whose bytes contradict its declared encoding.
    XmlEncoding {
        reason: String,
    },
    /// The header row (at `line`) lacks the `missing` columns the profile needs;
    /// `found` are its columns (at most `MAX_LISTED_COLUMNS`).
    MissingColumns {
        profile: String,
        line: u32,
        missing: Vec<String>,
        found: Vec<String>,
    },
    /// The file breaks off or its syntax is broken, at `location`.
    Malformed {
        location: SourceLocation,
        reason: String,
    },
    InvalidProfile {
        profile: String,
        reason: String,
    },
}

/// How many of a header's columns a `MissingColumns` problem lists.
pub const MAX_LISTED_COLUMNS: usize = 100;

impl FeedError {
    /// The file it concerns; none for a broken mapping profile.
    pub fn file(&self) -> Option<&str> {
        match self {
            FeedError::Io { file, .. }
            | FeedError::WrongFormat { file, .. }
            | FeedError::Empty { file }
            | FeedError::XmlEncoding { file, .. }
            | FeedError::MissingColumns { file, .. }
            | FeedError::Malformed { file, .. } => Some(file),
            FeedError::InvalidProfile { .. } => None,
        }
    }

    /// The problem as data.
    pub fn problem(&self) -> FeedProblem {
        let text = |t: &str| clip(t, MAX_MESSAGE_CHARS).into_owned();
        match self {
            FeedError::Io { source, .. } => FeedProblem::Unreadable {
                reason: text(&source.to_string()),
            },
            FeedError::WrongFormat {
                expected, reason, ..
            } => FeedProblem::WrongFormat {
                expected: (*expected).to_owned(),
                reason: text(reason),
            },
            FeedError::Empty { .. } => FeedProblem::Empty,
            FeedError::XmlEncoding { reason, .. } => FeedProblem::XmlEncoding {
                reason: text(reason),
            },
            FeedError::MissingColumns {
                profile,
                line,
                missing,
                found,
                ..
            } => FeedProblem::MissingColumns {
                profile: text(profile),
                line: *line,
                missing: missing.iter().map(|m| text(m)).collect(),
                found: found
                    .iter()
                    .take(MAX_LISTED_COLUMNS)
                    .map(|h| clip(h, MAX_QUOTED_CHARS).into_owned())
                    .collect(),
            },
            FeedError::Malformed {
                location, reason, ..
            } => FeedProblem::Malformed {
                location: SourceLocation {
                    line: location.line,
                    element: location.element.as_deref().map(text),
                },
                reason: text(reason),
            },
            FeedError::InvalidProfile { profile, reason } => FeedProblem::InvalidProfile {
                profile: text(profile),
                reason: text(reason),
            },
        }
    }
}
