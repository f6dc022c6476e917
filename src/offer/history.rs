//! The history of an offer (issue 13, item 6; docs/offers.md): what happened to
//! each version and when (created, copied as a new version, changed, planned
//! again, approved, sent, accepted, rejected, expired), with who where known.
//! Every operation that changes an offer records its event in the same
//! transaction; the events are kept as long as the version is.

use rusqlite::Transaction;
use serde::{Deserialize, Serialize};

use super::now;
use super::status::OfferStatus;
use super::store;
use crate::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum OfferEventKind {
    Created,
    /// This version was copied from the one before.
    NewVersion,
    /// Notes, validity or the order of groups changed.
    Changed,
    /// The requests were planned again: new lines (an approval is void).
    Replanned,
    Approved,
    Sent,
    Accepted,
    Rejected,
    Expired,
}

impl OfferEventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OfferEventKind::Created => "created",
            OfferEventKind::NewVersion => "new_version",
            OfferEventKind::Changed => "changed",
            OfferEventKind::Replanned => "replanned",
            OfferEventKind::Approved => "approved",
            OfferEventKind::Sent => "sent",
            OfferEventKind::Accepted => "accepted",
            OfferEventKind::Rejected => "rejected",
            OfferEventKind::Expired => "expired",
        }
    }

    pub(super) fn parse(text: &str) -> Option<OfferEventKind> {
        [
            OfferEventKind::Created,
            OfferEventKind::NewVersion,
            OfferEventKind::Changed,
            OfferEventKind::Replanned,
            OfferEventKind::Approved,
            OfferEventKind::Sent,
            OfferEventKind::Accepted,
            OfferEventKind::Rejected,
            OfferEventKind::Expired,
        ]
        .into_iter()
        .find(|k| k.as_str() == text)
    }

    /// The event of reaching a status.
    pub(super) fn of_status(status: OfferStatus) -> OfferEventKind {
        match status {
            OfferStatus::Draft => OfferEventKind::Changed,
            OfferStatus::Sent => OfferEventKind::Sent,
            OfferStatus::Accepted => OfferEventKind::Accepted,
            OfferStatus::Rejected => OfferEventKind::Rejected,
            OfferStatus::Expired => OfferEventKind::Expired,
        }
    }
}

/// One event of an offer's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OfferEvent {
    /// The version it happened to, by id and number.
    pub offer_id: i64,
    pub version: u32,
    pub kind: OfferEventKind,
    /// Who, where known (the approver).
    pub by: Option<String>,
    /// When, as RFC 3339 in UTC.
    pub at: String,
}

/// Records that `kind` happened to version `offer_id` now.
pub(super) fn record(
    tx: &Transaction<'_>,
    offer_id: i64,
    kind: OfferEventKind,
    by: Option<&str>,
) -> Result<()> {
    store::insert_offer_event(tx, offer_id, kind, by, &now())
}
