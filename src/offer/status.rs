//! An offer's status and its transitions: draft → sent → accepted, rejected
//! or expired. A sent (or later) version is frozen; accepting applies the
//! offer's plans as ordered inventory.

use rusqlite::Transaction;
use serde::{Deserialize, Serialize};

use super::history::record;
use super::now;
use super::record::OfferStatus;
use super::record::{OfferEventKind, OfferSummary};
use super::rules::check_may_be_sent;
use super::store::{self, from_json};
use crate::booking::{apply, apply_changes, plan, ApplyAs, BookingPlan, PlannedChange};
use crate::error::{RefusalSays, Wording};
use crate::{Error, Result};
use chrono::Utc;

/// What accepting an offer wrote: the ordered instances.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OfferStatusChange {
    pub offer: OfferSummary,
    /// New instance ids, when the offer was accepted.
    pub ordered_instances: Vec<i64>,
}

/// A sentence about the offer version `head`: `{offer}` and `{version}`.
pub(super) fn about(head: &store::Head, says: RefusalSays) -> Wording {
    Wording::new(says)
        .text("offer", &head.number)
        .text("version", head.version)
}

/// Why a frozen version refuses to be edited (`FrozenNotEdited`) or deleted
/// (`FrozenNotDeleted`).
pub(super) fn refuse_frozen(head: &store::Head, says: RefusalSays) -> Error {
    Error::in_use(
        about(head, says).offer_status("status", head.status),
        Vec::new(),
    )
}

/// Moves an offer along its lifecycle: draft → sent → accepted / rejected /
/// expired. A draft that breaks an approval rule is not sent until it is
/// approved (`Error::ApprovalRequired`, naming the rules). Accepting applies the offer's plans as ordered inventory in the
/// caller's transaction; a plan the inventory or catalog has moved past is
/// refused (stale_plan) and nothing changes.
pub fn set_offer_status(
    tx: &Transaction<'_>,
    id: i64,
    status: OfferStatus,
) -> Result<OfferStatusChange> {
    let head = store::head(tx, id)?;
    let allowed = matches!(
        (head.status, status),
        (OfferStatus::Draft, OfferStatus::Sent)
            | (OfferStatus::Sent, OfferStatus::Accepted)
            | (OfferStatus::Sent, OfferStatus::Rejected)
            | (OfferStatus::Sent, OfferStatus::Expired)
    );
    if !allowed {
        let why = about(&head, RefusalSays::OfferCannotBecome)
            .offer_status("status", head.status)
            .offer_status("to", status);
        return Err(Error::in_use(why, Vec::new()));
    }
    if status == OfferStatus::Sent {
        check_may_be_sent(&super::read::offer(tx, id)?)?;
    }
    let mut ordered = Vec::new();
    if status == OfferStatus::Accepted {
        if let Some(version) = store::accepted_version(tx, head.year, head.seq)? {
            let why = about(&head, RefusalSays::OtherVersionAccepted).text("accepted", version);
            return Err(Error::in_use(why, Vec::new()));
        }
        let plans: Vec<BookingPlan> = from_json(&head.plans, "offer.plans")?;
        for booking in &plans {
            // The store has moved on since the offer was made (sending it is a
            // write too), so the plan is made again: it must book exactly the
            // lines the customer accepted, or the offer is stale.
            let now = plan(tx, &booking.request)?;
            if now.booked_lines() != booking.booked_lines() {
                return Err(Error::StalePlan);
            }
            // The same lines, but the inventory may have changed since the offer
            // was made: a context that holds the item by now is named (and
            // refused unless the offer's request says to add anyway).
            now.check_not_held()?;
            ordered.extend(apply(tx, &now, ApplyAs::Ordered)?);
        }
        // Then the changes to existing instances, each at the date its terms
        // allow as of today; one that no longer fits refuses the whole offer.
        let changes: Vec<PlannedChange> = from_json(&head.changes, "offer.changes")?;
        let today = Utc::now().date_naive();
        let note = format!("offer {} v{}", head.number, head.version);
        for applied in apply_changes(tx, &changes, today, &note)? {
            ordered.extend(applied.ordered);
        }
    }
    store::set_offer_status(tx, id, status, &now())?;
    record(tx, id, OfferEventKind::of_status(status), None)?;
    Ok(OfferStatusChange {
        offer: store::summary(tx, id)?,
        ordered_instances: ordered,
    })
}
