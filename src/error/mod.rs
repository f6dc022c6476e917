//! Typed errors of the core, and their wire form `{ kind, message, details }`
//! for the UI and the CLI's `--json` output. The structured details an error
//! carries are defined in this folder, one concept a file, so the error stands
//! below every room that raises it (tests/floors.rs); the rooms keep the code
//! that builds them.

mod already_held;
mod approval;
mod blocking_instance;
mod booking_request;
mod employee_rows;
mod feed;
mod import_guard;
mod input_problem;
mod rule_violation;
mod wording;

use serde::Serialize;
use std::path::{Path, PathBuf};

pub use already_held::{AlreadyHeld, HeldInstance};
pub use approval::{ApprovalRule, RuleBreach};
pub use blocking_instance::BlockingInstance;
pub use booking_request::{Refusal, RequestPart, RequestProblem, Through};
pub use employee_rows::RowProblem;
pub use feed::{FeedError, FeedProblem, SourceLocation, MAX_LISTED_COLUMNS};
pub use import_guard::{DiscontinueCheck, GuardReason, SourceMissing};
pub use input_problem::{InputProblem, Unique};
pub use rule_violation::{CatalogRule, LocatedViolation, RuleViolation};
pub use wording::{CatalogSays, InputSays, RefusalSays, Says, Value, Wording};

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
    /// A file, a folder or the database file could not be read or written: the
    /// disk is full, there is no permission, ... (`problem` says which).
    #[error("cannot {} {}: {reason}", .action.verb(), .path.display())]
    File {
        path: PathBuf,
        action: FileAction,
        problem: FileProblem,
        /// The problem in words (with what the operating system or SQLite said
        /// when it is none of the known ones).
        reason: String,
    },
    /// Something asked for is not there ("offer 12 not found").
    #[error("{what}")]
    NotFound { what: Wording },
    #[error("invalid portfolio file at {path}: {reason}")]
    InvalidPortfolio {
        path: String,
        reason: String,
        /// Every catalog rule the file breaks, where (empty when the file is
        /// refused for something else: its syntax, its format, a bound).
        violations: Vec<LocatedViolation>,
    },
    #[error("stored data is damaged: {0}")]
    Corrupt(String),
    #[error("{}", describe_violations(.0))]
    RuleViolations(Vec<RuleViolation>),
    #[error("nothing to undo")]
    NothingToUndo,
    #[error("{field}: {reason}")]
    InvalidInput {
        field: String,
        reason: String,
        /// What is wrong, as data (the UI words it): every wrong value is
        /// said as data, none only as English text.
        problem: InputProblem,
    },
    /// A feed refused as a whole; said as bad input in the field `file`, with
    /// what and where as data.
    #[error("file: {}", crate::limits::clip_message(.0.to_string()))]
    InvalidFeed(Box<FeedError>),
    /// A computed amount (a line, a total, a list price from a rule) would leave
    /// `limits::MAX_AMOUNT`; nothing is computed beyond it, nothing panics.
    #[error(
        "{what} would be beyond {}, the largest amount Servicefolio computes",
        crate::limits::MAX_AMOUNT_TEXT
    )]
    AmountOutOfBounds { what: String },
    /// Something in use or in a state that refuses the action: the whole
    /// sentence ("offer ... cannot be revised: it is accepted; ...") as data.
    #[error("{why}")]
    InUse {
        why: Wording,
        /// The instances in the way, when instances are what blocks it.
        instances: Vec<BlockingInstance>,
    },
    #[error("the booking request cannot be planned: {}", describe_problems(.0))]
    InvalidRequest(Vec<RequestProblem>),
    #[error("the catalog or the inventory changed since this plan was made; plan again")]
    StalePlan,
    /// An offer's change to an existing instance no longer fits: the instance
    /// (or what comes with it) was changed since the offer was made, so
    /// accepting would change something else than the customer accepted.
    #[error(
        "{what} has changed since the offer was made ({reason}); nothing was accepted: make a \
         new version of the offer"
    )]
    InventoryChanged {
        /// The instance ("Managed365 #12 (Anna Schmidt)").
        what: Wording,
        /// How it changed ("it was active and is cancelled now").
        reason: Wording,
    },
    /// A document (PDF, XLSX, CSV) that could not be made: our sentence, or
    /// the library's words as a value.
    #[error("export failed: {0}")]
    Export(Wording),
    #[error("the import was cancelled; the catalog is as it was")]
    Cancelled,
    /// A change asked for while an import holds the store: refused at once
    /// (not queued behind the import), so the user keeps the draft and knows why.
    #[error(
        "an import is running: changes can be made again when it has finished or is cancelled; \
         nothing was changed"
    )]
    ImportRunning,
    /// A file of rows (employees) had bad rows, so nothing was imported.
    #[error(
        "{file}: {} bad row(s); nothing was imported (fix them, or skip the bad rows)",
        .problems.len()
    )]
    BadRows {
        file: String,
        problems: Vec<RowProblem>,
    },
    /// An import that cannot tell whose articles it brings.
    #[error("{file} {}; nothing was imported", describe_missing_source(*.why))]
    SourceRequired { file: String, why: SourceMissing },
    /// A full feed that would discontinue what looks like too much: nothing
    /// was written; the caller asks, then imports again allowing it or not full.
    #[error("{0}")]
    WouldDiscontinue(Box<DiscontinueCheck>),
    #[error(
        "offer {offer} cannot be sent before it is approved: it breaks {}; approve it first",
        describe_breaches(.breaches)
    )]
    ApprovalRequired {
        /// "ANG-2026-0001 v1".
        offer: String,
        breaches: Vec<RuleBreach>,
    },
    /// A plan that would book an item into contexts that already hold a live
    /// instance of it, without the request's `add_anyway`: nothing was booked.
    #[error(
        "{}; nothing was booked (add anyway to book it a second time)",
        describe_already_held(.0)
    )]
    AlreadyHeld(Vec<AlreadyHeld>),
    /// The customer PDF would not say who sends it: the settings' sender
    /// fields named are empty. Exported only when the caller allows it
    /// (the UI asks first, the CLI takes --allow-empty-sender).
    #[error(
        "the sender is empty (settings: {}): the PDF would not say who sends it; fill in the \
         settings, or export anyway",
        .fields.join(", ")
    )]
    SenderMissing {
        /// The empty settings fields: "company_name", "address".
        fields: Vec<String>,
    },
}

fn describe_already_held(held: &[AlreadyHeld]) -> String {
    const SHOWN: usize = 5;
    let mut texts: Vec<String> = held.iter().take(SHOWN).map(AlreadyHeld::describe).collect();
    if held.len() > SHOWN {
        texts.push(format!("{} more", held.len() - SHOWN));
    }
    texts.join("; ")
}

fn describe_breaches(breaches: &[RuleBreach]) -> String {
    let texts: Vec<&str> = breaches.iter().map(|b| b.message.as_str()).collect();
    texts.join("; ")
}

fn describe_missing_source(why: SourceMissing) -> &'static str {
    match why {
        SourceMissing::NoSupplierName => {
            "names no supplier (BMEcat SUPPLIER_NAME), so the source of its articles is unknown: \
             name it (--source NAME on the command line, the Source field in the import wizard)"
        }
        SourceMissing::UnsavedMapping => {
            "is read with a mapping that is not saved as a profile, so the source of its articles \
             is unknown: name it (--source NAME on the command line, the Source field in the \
             import wizard) or save the mapping as a profile"
        }
    }
}

fn describe_problems(problems: &[RequestProblem]) -> String {
    let texts: Vec<&str> = problems.iter().map(|p| p.text.as_str()).collect();
    texts.join("; ")
}

fn describe_violations(violations: &[RuleViolation]) -> String {
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
    InventoryChanged,
    Export,
    Cancelled,
    ImportRunning,
    File,
    BadRows,
    SourceRequired,
    WouldDiscontinue,
    ApprovalRequired,
    AlreadyHeld,
    SenderMissing,
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
            Error::InvalidInput { .. } | Error::InvalidFeed(_) => ErrorKind::InvalidInput,
            Error::AmountOutOfBounds { .. } => ErrorKind::AmountOutOfBounds,
            Error::InUse { .. } => ErrorKind::InUse,
            Error::InvalidRequest(_) => ErrorKind::InvalidRequest,
            Error::StalePlan => ErrorKind::StalePlan,
            Error::InventoryChanged { .. } => ErrorKind::InventoryChanged,
            Error::Export(_) => ErrorKind::Export,
            Error::Cancelled => ErrorKind::Cancelled,
            Error::ImportRunning => ErrorKind::ImportRunning,
            Error::File { .. } => ErrorKind::File,
            Error::BadRows { .. } => ErrorKind::BadRows,
            Error::SourceRequired { .. } => ErrorKind::SourceRequired,
            Error::WouldDiscontinue(_) => ErrorKind::WouldDiscontinue,
            Error::ApprovalRequired { .. } => ErrorKind::ApprovalRequired,
            Error::AlreadyHeld(_) => ErrorKind::AlreadyHeld,
            Error::SenderMissing { .. } => ErrorKind::SenderMissing,
        }
    }

    /// The structured data of the error, for the UI to render in its language
    /// and for scripts (`--json`); none for kinds the message says all of.
    pub fn details(&self) -> Option<ErrorDetails> {
        let text = |path: &Path| path.display().to_string();
        Some(match self {
            Error::SchemaTooNew {
                path,
                found,
                supported,
            } => ErrorDetails::SchemaTooNew {
                path: text(path),
                found: *found,
                supported: *supported,
            },
            Error::NotOurDatabase { path, reason } => ErrorDetails::NotOurDatabase {
                path: text(path),
                reason: reason.clone(),
            },
            Error::Open { path, source } => ErrorDetails::Open {
                path: text(path),
                reason: source.to_string(),
            },
            Error::File {
                path,
                action,
                problem,
                reason,
            } => ErrorDetails::File {
                path: text(path),
                action: *action,
                problem: *problem,
                reason: reason.clone(),
            },
            Error::NotFound { what } => ErrorDetails::NotFound { what: what.clone() },
            Error::InventoryChanged { what, reason } => ErrorDetails::InventoryChanged {
                what: what.clone(),
                reason: reason.clone(),
            },
            Error::InvalidPortfolio {
                path,
                reason,
                violations,
            } => ErrorDetails::InvalidPortfolio {
                path: path.clone(),
                reason: reason.clone(),
                violations: violations.clone(),
            },
            Error::RuleViolations(violations) => ErrorDetails::RuleViolations {
                violations: violations.clone(),
            },
            Error::InvalidInput {
                field,
                reason,
                problem,
            } => ErrorDetails::InvalidInput {
                field: field.clone(),
                reason: reason.clone(),
                problem: Box::new(problem.clone()),
            },
            Error::InvalidFeed(feed) => ErrorDetails::InvalidFeed {
                file: feed
                    .file()
                    .map(|f| crate::limits::clip_message(f.to_owned())),
                problem: Box::new(feed.problem()),
            },
            Error::AmountOutOfBounds { what } => ErrorDetails::AmountOutOfBounds {
                what: what.clone(),
                limit: crate::limits::MAX_AMOUNT,
            },
            Error::InUse { why, instances } => ErrorDetails::InUse {
                why: why.clone(),
                instances: instances.clone(),
            },
            Error::InvalidRequest(reasons) => ErrorDetails::InvalidRequest {
                reasons: reasons.clone(),
            },
            Error::BadRows { file, problems } => ErrorDetails::BadRows {
                file: file.clone(),
                problems: problems.clone(),
            },
            Error::SourceRequired { file, why } => ErrorDetails::SourceRequired {
                file: file.clone(),
                why: *why,
            },
            Error::WouldDiscontinue(check) => ErrorDetails::WouldDiscontinue {
                check: check.clone(),
            },
            Error::ApprovalRequired { offer, breaches } => ErrorDetails::ApprovalRequired {
                offer: offer.clone(),
                breaches: breaches.clone(),
            },
            Error::AlreadyHeld(held) => ErrorDetails::AlreadyHeld { held: held.clone() },
            Error::Export(why) => ErrorDetails::Export { why: why.clone() },
            Error::SenderMissing { fields } => ErrorDetails::SenderMissing {
                fields: fields.clone(),
            },
            Error::Database(_)
            | Error::Corrupt(_)
            | Error::NothingToUndo
            | Error::StalePlan
            | Error::Cancelled
            | Error::ImportRunning => return None,
        })
    }

    /// A failed read or write of the file (or folder) at `path`.
    pub fn file(path: &Path, action: FileAction, error: &std::io::Error) -> Self {
        let problem = FileProblem::of(error);
        Error::File {
            path: path.to_path_buf(),
            action,
            problem,
            reason: problem.describe(action, error),
        }
    }

    /// Something not there, said as a sentence with its id or code as a value.
    pub(crate) fn not_found(what: Wording) -> Self {
        Error::NotFound { what }
    }

    /// Something in use or in a state that refuses the action, and the
    /// instances in the way (none when something else blocks it).
    pub(crate) fn in_use(why: Wording, instances: Vec<BlockingInstance>) -> Self {
        Error::InUse { why, instances }
    }

    /// Bad input said as a sentence with its values: the UI says it in its
    /// language. (There is no untyped form: every wrong value is said as data.)
    pub fn input_said(field: impl Into<String>, wording: Wording) -> Self {
        Error::input_problem(field, InputProblem::Said { wording })
    }

    /// Bad input whose problem is known as data: the UI says it in its language.
    /// The field and the reason (which may quote a file) are capped at
    /// `limits::MAX_MESSAGE_CHARS`.
    pub(crate) fn input_problem(field: impl Into<String>, problem: InputProblem) -> Self {
        Error::InvalidInput {
            field: crate::limits::clip_message(field.into()),
            reason: crate::limits::clip_message(problem.describe()),
            problem,
        }
    }

    /// A refused portfolio file; path and reason capped like `input_problem`.
    pub(crate) fn invalid(path: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::breaks_rules(path, reason, Vec::new())
    }

    /// A portfolio file refused for the catalog rules it breaks (all of them listed).
    pub(crate) fn breaks_rules(
        path: impl Into<String>,
        reason: impl Into<String>,
        violations: Vec<LocatedViolation>,
    ) -> Self {
        Error::InvalidPortfolio {
            path: crate::limits::clip_message(path.into()),
            reason: crate::limits::clip_message(reason.into()),
            violations,
        }
    }
}

/// What was being done with a file when it failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum FileAction {
    Read,
    Write,
    CreateFolder,
    OpenDatabase,
    WriteDatabase,
}

impl FileAction {
    fn verb(self) -> &'static str {
        match self {
            FileAction::Read => "read",
            FileAction::Write => "write",
            FileAction::CreateFolder => "create the folder",
            FileAction::OpenDatabase => "open the database",
            FileAction::WriteDatabase => "write to the database",
        }
    }

    fn writes(self) -> bool {
        !matches!(self, FileAction::Read)
    }
}

/// Why a file could not be read or written, as far as the system tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum FileProblem {
    /// No space left on the disk (or the user's quota is used up).
    DiskFull,
    /// The file or its folder may not be read or written by this user.
    NoPermission,
    /// The disk or the file system is mounted read-only.
    ReadOnly,
    NotFound,
    /// The path names a folder where a file is expected.
    IsAFolder,
    /// A part of the path is a file where a folder is expected.
    NotAFolder,
    /// Anything else: the reason carries what the system said.
    Other,
}

impl FileProblem {
    pub fn of(error: &std::io::Error) -> FileProblem {
        use std::io::ErrorKind as K;
        match error.kind() {
            K::StorageFull | K::QuotaExceeded => FileProblem::DiskFull,
            K::PermissionDenied => FileProblem::NoPermission,
            K::ReadOnlyFilesystem => FileProblem::ReadOnly,
            K::NotFound => FileProblem::NotFound,
            K::IsADirectory => FileProblem::IsAFolder,
            K::NotADirectory => FileProblem::NotAFolder,
            _ => FileProblem::Other,
        }
    }

    /// The problem in words; `Other` repeats what the system said.
    pub fn describe(self, action: FileAction, error: &dyn std::fmt::Display) -> String {
        match self {
            FileProblem::DiskFull => "the disk is full".into(),
            FileProblem::NoPermission if action.writes() => "no permission to write there".into(),
            FileProblem::NoPermission => "no permission to read it".into(),
            FileProblem::ReadOnly => "the disk or folder is read-only".into(),
            FileProblem::NotFound => "it does not exist".into(),
            FileProblem::IsAFolder => "it is a folder, not a file".into(),
            FileProblem::NotAFolder => "a part of the path is a file, not a folder".into(),
            FileProblem::Other => error.to_string(),
        }
    }
}

/// The structured part of an error: one variant per kind of detail, tagged
/// `type`. New kinds of detail are new variants.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ErrorDetails {
    /// The file (or folder, or database file) that could not be read or written.
    File {
        path: String,
        action: FileAction,
        problem: FileProblem,
        reason: String,
    },
    SchemaTooNew {
        path: String,
        found: i64,
        supported: i64,
    },
    NotOurDatabase {
        path: String,
        reason: String,
    },
    Open {
        path: String,
        reason: String,
    },
    /// What is not there, as a sentence with its id or code.
    NotFound {
        what: Wording,
    },
    /// Where in a portfolio file (a JSON path) and why; `violations` lists every
    /// catalog rule the file breaks, each with its JSON path.
    InvalidPortfolio {
        path: String,
        reason: String,
        violations: Vec<LocatedViolation>,
    },
    RuleViolations {
        violations: Vec<RuleViolation>,
    },
    /// The field of the input that is wrong, and why (as data).
    InvalidInput {
        field: String,
        reason: String,
        // Boxed, as every large detail: the payload is the `Err` of every command.
        problem: Box<InputProblem>,
    },
    /// A feed refused as a whole (kind `invalid_input`): which file, what and where.
    InvalidFeed {
        file: Option<String>,
        // Boxed, as every large detail: the payload is the `Err` of every command.
        problem: Box<FeedProblem>,
    },
    /// What would have been beyond the bound on amounts, and the bound.
    AmountOutOfBounds {
        what: String,
        limit: rust_decimal::Decimal,
    },
    /// What cannot be done and why, as a sentence; `instances` lists the instances in the
    /// way (booked into a context or customer to delete, depending on a basic
    /// service to retire), empty when something else blocks it.
    InUse {
        why: Wording,
        instances: Vec<BlockingInstance>,
    },
    /// Why a document could not be made, as a sentence.
    Export {
        why: Wording,
    },
    /// What an offer changes that was changed since, and how.
    InventoryChanged {
        what: Wording,
        reason: Wording,
    },
    /// Every reason a booking request is refused, each as data and as an English sentence.
    InvalidRequest {
        reasons: Vec<RequestProblem>,
    },
    /// The rows of a file that stopped its import, by line and field.
    BadRows {
        file: String,
        problems: Vec<RowProblem>,
    },
    /// An import that cannot tell whose articles it brings.
    SourceRequired {
        file: String,
        why: SourceMissing,
    },
    /// A full feed that would discontinue what looks like too much.
    WouldDiscontinue {
        check: Box<DiscontinueCheck>,
    },
    /// An offer that breaks approval rules and is not approved: which rules,
    /// with the offer's figure and the threshold of each.
    ApprovalRequired {
        /// "ANG-2026-0001 v1".
        offer: String,
        breaches: Vec<RuleBreach>,
    },
    /// Plan lines whose contexts already hold the item, with the instances they
    /// hold: the plan books only with the request's `add_anyway`.
    AlreadyHeld {
        held: Vec<AlreadyHeld>,
    },
    /// The settings' sender fields that are empty ("company_name", "address").
    SenderMissing {
        fields: Vec<String>,
    },
}

/// An error as the UI receives it (and `--json` prints it).
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ErrorPayload {
    pub kind: ErrorKind,
    pub message: String,
    pub details: Option<ErrorDetails>,
}

impl From<Error> for ErrorPayload {
    fn from(error: Error) -> Self {
        ErrorPayload {
            kind: error.kind(),
            message: error.to_string(),
            details: error.details(),
        }
    }
}
