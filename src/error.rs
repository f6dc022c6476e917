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
    /// A computed amount (a line, a total, a list price from a rule) would leave
    /// `money::MAX_AMOUNT`; nothing is computed beyond it, nothing panics.
    #[error(
        "{what} would be beyond {}, the largest amount Servicefolio computes",
        crate::money::MAX_AMOUNT_TEXT
    )]
    AmountOutOfBounds { what: String },
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
    AmountOutOfBounds,
    InUse,
    InvalidRequest,
    StalePlan,
    Export,
    Cancelled,
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
            Error::AmountOutOfBounds { .. } => ErrorKind::AmountOutOfBounds,
            Error::InUse { .. } => ErrorKind::InUse,
            Error::InvalidRequest(_) => ErrorKind::InvalidRequest,
            Error::StalePlan => ErrorKind::StalePlan,
            Error::Export(_) => ErrorKind::Export,
            Error::Cancelled => ErrorKind::Cancelled,
        }
    }

    pub(crate) fn not_found(what: impl Into<String>) -> Self {
        Error::NotFound { what: what.into() }
    }

    /// Bad input; the reason (which may quote a file) is capped at
    /// `limits::MAX_MESSAGE_CHARS`.
    pub(crate) fn input(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidInput {
            field: crate::limits::clip_message(field.into()),
            reason: crate::limits::clip_message(reason.into()),
        }
    }

    /// A refused portfolio file; path and reason capped like `input`.
    pub(crate) fn invalid(path: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidPortfolio {
            path: crate::limits::clip_message(path.into()),
            reason: crate::limits::clip_message(reason.into()),
        }
    }
}

/// An error as the UI receives it.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ErrorPayload {
    pub kind: ErrorKind,
    pub message: String,
}

impl From<Error> for ErrorPayload {
    fn from(error: Error) -> Self {
        ErrorPayload {
            kind: error.kind(),
            message: error.to_string(),
        }
    }
}
