//! How reading a feed ends early: refused (a [`FeedError`], defined below the
//! core's error in `error::feed`; a single bad row is a
//! [`RowProblem`](super::RowProblem) and does not stop the reading), or stopped
//! by the caller.

use std::fmt;

use crate::error::FeedError;

/// How reading a feed ended early: the feed was refused, or the visitor stopped
/// it (cancelled by the user, or its own error such as a full disk).
#[derive(Debug)]
pub enum FeedFailure<E> {
    Refused(FeedError),
    Stopped(E),
}

impl<E> From<FeedError> for FeedFailure<E> {
    fn from(error: FeedError) -> Self {
        FeedFailure::Refused(error)
    }
}

impl<E: fmt::Display> fmt::Display for FeedFailure<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FeedFailure::Refused(e) => write!(f, "{e}"),
            FeedFailure::Stopped(e) => write!(f, "the import stopped: {e}"),
        }
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for FeedFailure<E> {}

impl From<FeedFailure<crate::Error>> for crate::Error {
    fn from(failure: FeedFailure<crate::Error>) -> Self {
        match failure {
            FeedFailure::Refused(e) => e.into(),
            FeedFailure::Stopped(e) => e,
        }
    }
}
