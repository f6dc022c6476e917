//! The history of an offer (issue 13, item 6; docs/offers.md): what happened to
//! each version and when (created, copied as a new version, changed, planned
//! again, approved, sent, accepted, rejected, expired), with who where known.
//! Every operation that changes an offer records its event in the same
//! transaction; the events are kept as long as the version is.

use rusqlite::Transaction;

use super::now;
use super::record::OfferEventKind;
use super::store;
use crate::Result;

/// Records that `kind` happened to version `offer_id` now.
pub(super) fn record(
    tx: &Transaction<'_>,
    offer_id: i64,
    kind: OfferEventKind,
    by: Option<&str>,
) -> Result<()> {
    store::insert_offer_event(tx, offer_id, kind, by, &now())
}
