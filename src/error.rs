//! Typed errors of the core, and their wire form `{ kind, message }` for the UI.

use serde::Serialize;
use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "the database {path} was written by a newer Servicefolio (schema version {found}; \
         this version understands up to {supported}); it was left untouched"
    )]
    SchemaTooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("{path} is not a Servicefolio database ({reason}); it was left untouched")]
    NotOurDatabase { path: PathBuf, reason: String },
    #[error("cannot open the database {path}: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("{what} not found")]
    NotFound { what: String },
    #[error("invalid portfolio file at {path}: {reason}")]
    InvalidPortfolio { path: String, reason: String },
    #[error("stored data is damaged: {0}")]
    Corrupt(String),
    #[error("{}", describe_violations(.0))]
    RuleViolations(Vec<crate::portfolio::RuleViolation>),
    #[error("nothing to undo")]
    NothingToUndo,
    #[error("{field}: {reason}")]
    InvalidInput { field: String, reason: String },
    #[error("{what} cannot be {action}: {reason}")]
    InUse {
        what: String,
        action: &'static str,
        reason: String,
    },
    #[error("the booking request cannot be planned: {}", .0.join("; "))]
    InvalidRequest(Vec<String>),
    #[error("the catalog or the inventory changed since this plan was made; plan again")]
    StalePlan,
    #[error("export failed: {0}")]
    Export(String),
    #[error("the import was cancelled; the catalog is as it was")]
    Cancelled,
    /// An import that cannot tell whose articles it brings.
    #[error("{file} {}; nothing was imported", describe_missing_source(*.why))]
    SourceRequired {
        file: String,
        why: crate::master::SourceMissing,
    },
    /// A full feed that would discontinue what looks like too much: nothing
    /// was written; the caller asks, then imports again allowing it or not full.
    #[error("{0}")]
    WouldDiscontinue(Box<crate::master::DiscontinueCheck>),
}

fn describe_missing_source(why: crate::master::SourceMissing) -> &'static str {
    match why {
        crate::master::SourceMissing::NoSupplierName => {
            "names no supplier (BMEcat SUPPLIER_NAME), so the source of its articles is unknown: \
             name it (--source NAME on the command line, the Source field in the import wizard)"
        }
        crate::master::SourceMissing::UnsavedMapping => {
            "is read with a mapping that is not saved as a profile, so the source of its articles \
             is unknown: name it (--source NAME on the command line, the Source field in the \
             import wizard) or save the mapping as a profile"
        }
    }
}

fn describe_violations(violations: &[crate::portfolio::RuleViolation]) -> String {
    let parts: Vec<String> = violations
        .iter()
        .map(|v| {
            if v.field.is_empty() {
                v.message.clone()
            } else {
                format!("{} ({}): {}", v.item, v.field, v.message)
            }
        })
        .collect();
    format!("the catalog rules refuse this change: {}", parts.join("; "))
}

/// What kind of error this is; the UI branches on this and only shows the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    SchemaTooNew,
    NotOurDatabase,
    Open,
    Database,
    NotFound,
    InvalidPortfolio,
    Corrupt,
    RuleViolations,
    NothingToUndo,
    InvalidInput,
    InUse,
    InvalidRequest,
    StalePlan,
    Export,
    Cancelled,
    SourceRequired,
    WouldDiscontinue,
}

impl Error {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::SchemaTooNew { .. } => ErrorKind::SchemaTooNew,
            Error::NotOurDatabase { .. } => ErrorKind::NotOurDatabase,
            Error::Open { .. } => ErrorKind::Open,
            Error::Database(_) => ErrorKind::Database,
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::InvalidPortfolio { .. } => ErrorKind::InvalidPortfolio,
            Error::Corrupt(_) => ErrorKind::Corrupt,
            Error::RuleViolations(_) => ErrorKind::RuleViolations,
            Error::NothingToUndo => ErrorKind::NothingToUndo,
            Error::InvalidInput { .. } => ErrorKind::InvalidInput,
            Error::InUse { .. } => ErrorKind::InUse,
            Error::InvalidRequest(_) => ErrorKind::InvalidRequest,
            Error::StalePlan => ErrorKind::StalePlan,
            Error::Export(_) => ErrorKind::Export,
            Error::Cancelled => ErrorKind::Cancelled,
            Error::SourceRequired { .. } => ErrorKind::SourceRequired,
            Error::WouldDiscontinue(_) => ErrorKind::WouldDiscontinue,
        }
    }

    pub(crate) fn not_found(what: impl Into<String>) -> Self {
        Error::NotFound { what: what.into() }
    }

    pub(crate) fn input(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidInput {
            field: field.into(),
            reason: reason.into(),
        }
    }

    pub(crate) fn invalid(path: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidPortfolio {
            path: path.into(),
            reason: reason.into(),
        }
    }
}

/// Structured data of an error, for the UI to render in its own language.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorDetails {
    SourceRequired {
        file: String,
        why: crate::master::SourceMissing,
    },
    WouldDiscontinue(Box<crate::master::DiscontinueCheck>),
}

/// An error as the UI receives it.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ErrorPayload {
    pub kind: ErrorKind,
    pub message: String,
    pub details: Option<ErrorDetails>,
}

impl From<Error> for ErrorPayload {
    fn from(error: Error) -> Self {
        let details = match &error {
            Error::SourceRequired { file, why } => Some(ErrorDetails::SourceRequired {
                file: file.clone(),
                why: *why,
            }),
            Error::WouldDiscontinue(check) => Some(ErrorDetails::WouldDiscontinue(check.clone())),
            _ => None,
        };
        ErrorPayload {
            kind: error.kind(),
            message: error.to_string(),
            details,
        }
    }
}
