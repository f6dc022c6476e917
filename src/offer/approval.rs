//! Approvals (issue 13, item 6; docs/offers.md): an offer is checked against
//! the approval rules of the settings (a line's discount below list, the
//! margin where the cost is known, the contract value); one that breaks a rule
//! cannot be sent until someone approves it. The approval is recorded on the
//! version (who and when) and in its history; planning the offer's requests
//! again voids it, since the lines it covered are gone.

use rusqlite::Transaction;

use super::history::record;
use super::now;
use super::read::offer;
use super::record::Approval;
use super::record::{Offer, OfferEventKind, OfferStatus};
use super::store;
use crate::error::{InputSays, RefusalSays, Wording};
use crate::{Error, Result};

/// A name longer than this is a mistake (a pasted text), not a person.
const MAX_APPROVER_LEN: usize = 200;

/// Approves a draft that breaks approval rules, as `by`: who and when are
/// recorded on the version and in its history, and it may be sent. Refused
/// for an empty name, a version that is not a draft, one that breaks no rule
/// and one already approved.
pub fn approve_offer(tx: &Transaction<'_>, id: i64, by: &str) -> Result<Offer> {
    let by = by.trim();
    if by.is_empty() {
        return Err(Error::input_said(
            "by",
            Wording::new(InputSays::ApproverMissing),
        ));
    }
    if by.chars().count() > MAX_APPROVER_LEN {
        return Err(Error::input_said(
            "by",
            Wording::new(InputSays::NameTooLong).number("max", MAX_APPROVER_LEN),
        ));
    }
    let current = offer(tx, id)?;
    let refuse = |says: RefusalSays| {
        Wording::new(says)
            .text("offer", &current.number)
            .text("version", current.version)
    };
    if current.status != OfferStatus::Draft {
        let why = refuse(RefusalSays::ApproveOnlyDraft).offer_status("status", current.status);
        return Err(Error::in_use(why, Vec::new()));
    }
    if let Some(done) = &current.approval.approved {
        let why = refuse(RefusalSays::ApprovedAlready)
            .text("by", &done.by)
            .text("at", &done.at);
        return Err(Error::in_use(why, Vec::new()));
    }
    if current.approval.breaches.is_empty() {
        return Err(Error::in_use(
            refuse(RefusalSays::NoApprovalNeeded),
            Vec::new(),
        ));
    }
    store::set_offer_approval(
        tx,
        id,
        &Approval {
            by: by.to_owned(),
            at: now(),
        },
    )?;
    record(tx, id, OfferEventKind::Approved, Some(by))?;
    offer(tx, id)
}
