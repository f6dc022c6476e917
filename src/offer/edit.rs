//! Changing a draft (notes, validity, group order, its requests) and deleting
//! one; a sent (or later) version is frozen.

use chrono::NaiveDate;
use rusqlite::Transaction;
use serde::{Deserialize, Serialize};

use super::change_lines::{build_offer_lines, plan_offer};
use super::history::record;
use super::lines::{stored_lines, write_lines};
use super::read::offer;
use super::record::{Offer, OfferEventKind, OfferStatus};
use super::status::refuse_frozen;
use super::store::{self, json};
use super::validity::check_validity;
use crate::booking::{BookingRequest, InstanceChange};
use crate::error::{InputSays, RefusalSays, Wording};
use crate::vocabulary::{ContextRef, OfferType};
use crate::{Error, Result};

/// A change to a draft. Fields left out stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OfferUpdate {
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub valid_until: Option<NaiveDate>,
    /// Every context group of the offer, in the new order.
    #[serde(default)]
    pub group_order: Option<Vec<ContextRef>>,
    /// Plans the offer again from these requests (its lines are rebuilt; groups
    /// that stay keep their order, new ones come last).
    #[serde(default)]
    pub requests: Option<Vec<BookingRequest>>,
    /// Plans the offer's changes to existing instances again from these (the
    /// requests stay unless given too).
    #[serde(default)]
    pub changes: Option<Vec<InstanceChange>>,
}

/// Changes a draft: notes, validity, the order of its context groups, or its
/// requests (planned and priced again). A sent (or later) version is refused.
/// Planning the requests again voids an approval (the lines it covered are
/// gone); notes, validity and the order of groups leave it standing.
pub fn update_offer(tx: &Transaction<'_>, id: i64, update: &OfferUpdate) -> Result<Offer> {
    let head = store::head(tx, id)?;
    if head.status != OfferStatus::Draft {
        return Err(refuse_frozen(&head, RefusalSays::FrozenNotEdited));
    }
    if let Some(notes) = &update.notes {
        store::set_offer_notes(tx, id, notes.trim())?;
    }
    if let Some(until) = update.valid_until {
        check_validity(head.offer_date, until)?;
        store::set_offer_valid_until(tx, id, until)?;
    }
    let current = offer(tx, id)?;
    let mut order: Vec<ContextRef> = current.groups.iter().map(|g| g.context).collect();
    if let Some(wanted) = &update.group_order {
        let mut sorted_wanted = wanted.clone();
        sorted_wanted.sort();
        let mut sorted_have = order.clone();
        sorted_have.sort();
        if sorted_wanted != sorted_have {
            return Err(Error::input_said(
                "group_order",
                Wording::new(InputSays::GroupOrderIncomplete).number("count", order.len()),
            ));
        }
        order = wanted.clone();
    }
    let replan = update.requests.is_some() || update.changes.is_some();
    let (planned, lines) = match replan {
        true => {
            let requests = update.requests.as_ref().unwrap_or(&current.requests);
            let changes = update.changes.as_ref().unwrap_or(&current.changes);
            let planned = plan_offer(tx, head.customer_id, requests, changes, head.offer_date)?;
            let lines = build_offer_lines(tx, &planned)?;
            (Some(planned), lines)
        }
        false if update.group_order.is_some() => (None, stored_lines(tx, id)?),
        false => {
            if update.notes.is_some() || update.valid_until.is_some() {
                record(tx, id, OfferEventKind::Changed, None)?;
            }
            return offer(tx, id);
        }
    };
    store::delete_offer_lines(tx, id)?;
    if let Some(planned) = &planned {
        store::set_offer_plans(
            tx,
            id,
            &json(&planned.plans, "plans")?,
            &json(&planned.changes, "changes")?,
            planned.current_monthly,
        )?;
        store::clear_offer_approval(tx, id)?;
    }
    let event = if planned.is_some() {
        OfferEventKind::Replanned
    } else {
        OfferEventKind::Changed
    };
    record(tx, id, event, None)?;
    // Lines follow their group: a moved group takes its lines along.
    let mut lines = lines;
    lines.sort_by_key(|l| {
        order
            .iter()
            .position(|c| *c == l.context)
            .unwrap_or(usize::MAX)
    });
    write_lines(tx, id, &head.currency, &lines, &order)?;
    offer(tx, id)
}

/// Switches the offer type (rental, purchase, leasing) of the draft's booking
/// at `request` (0-based, as `Offer::requests` lists them) in place: that
/// booking is planned and priced again with the other type, the others as
/// they are. Refused, changing nothing, when the item has no terms for that
/// type (the planner's reason: "… is a product: it is purchased, not sold as
/// leasing"), when the draft is frozen, or when there is no such booking.
pub fn switch_offer_type(
    tx: &Transaction<'_>,
    id: i64,
    request: usize,
    offer_type: OfferType,
) -> Result<Offer> {
    let head = store::head(tx, id)?;
    if head.status != OfferStatus::Draft {
        return Err(refuse_frozen(&head, RefusalSays::FrozenNotEdited));
    }
    let current = offer(tx, id)?;
    let mut requests = current.requests.clone();
    let Some(booking) = requests.get_mut(request) else {
        return Err(Error::input_said(
            "request",
            Wording::new(InputSays::NoSuchBooking)
                .number("count", current.requests.len())
                .number("number", request + 1),
        ));
    };
    if booking.offer_type == offer_type {
        return Ok(current);
    }
    booking.offer_type = offer_type;
    update_offer(
        tx,
        id,
        &OfferUpdate {
            requests: Some(requests),
            ..OfferUpdate::default()
        },
    )
}

/// Deletes a draft (a sent version is kept as the record of what was sent).
pub fn delete_offer(tx: &Transaction<'_>, id: i64) -> Result<()> {
    let head = store::head(tx, id)?;
    if head.status != OfferStatus::Draft {
        return Err(refuse_frozen(&head, RefusalSays::FrozenNotDeleted));
    }
    store::delete_offer(tx, id)
}
