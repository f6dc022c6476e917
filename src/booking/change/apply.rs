//! Writing a planned change on acceptance: the change is planned again
//! against the inventory as it is now; if the instance or what is linked to it
//! changed since, or the replacement would book something else, nothing is
//! written and the reason is given. Otherwise the replacement is ordered, the
//! links that move are hung below it, and the instance (with the links that do
//! not move) ends the day it takes effect.

use chrono::{NaiveDate, Utc};
use rusqlite::Transaction;
use serde::{Deserialize, Serialize};

use super::super::apply::{write_plan, ApplyAs};
use super::super::plan::CustomerSnapshot;
use super::super::store;
use super::{plan_change_with, ChangeKind, CurrentInstance, PlannedChange};
use crate::error::{RefusalSays, Wording};
use crate::vocabulary::InstanceStatus;
use crate::{Error, Result};

/// What accepting a change wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct AppliedChange {
    pub instance_id: i64,
    pub kind: ChangeKind,
    /// The day it took effect (a cancellation: the instance's end).
    pub effective: NaiveDate,
    /// The instances ordered for it (its replacement first).
    pub ordered: Vec<i64>,
}

/// Applies a planned change as of `today` in the caller's transaction; `note`
/// says why in the instances' logs ("offer ANG-2026-0007 v1").
pub fn apply_change(
    tx: &Transaction<'_>,
    planned: &PlannedChange,
    today: NaiveDate,
    note: &str,
) -> Result<AppliedChange> {
    let mut applied = apply_changes(tx, std::slice::from_ref(planned), today, note)?;
    applied
        .pop()
        .ok_or_else(|| Error::Corrupt("a change applied to nothing".into()))
}

/// Applies an offer's planned changes (all of one customer) as of `today`, in
/// the caller's transaction: every instance is checked against what the offer
/// saw, every change planned again against one snapshot of the inventory as it
/// is now, and only then is anything written — all of them, or none.
pub fn apply_changes(
    tx: &Transaction<'_>,
    changes: &[PlannedChange],
    today: NaiveDate,
    note: &str,
) -> Result<Vec<AppliedChange>> {
    let Some(first) = changes.first() else {
        return Ok(Vec::new());
    };
    let customer = first.instance.customer_id;
    for planned in changes {
        let now = CurrentInstance::read(tx, planned.instance.id).map_err(|e| match e {
            Error::NotFound { .. } => Error::InventoryChanged {
                what: planned.instance.wording(RefusalSays::InstanceAt),
                reason: Wording::new(RefusalSays::ChangedDeleted),
            },
            other => other,
        })?;
        if let Some(reason) = what_changed(&planned.instance, &now) {
            return Err(Error::InventoryChanged {
                what: planned.instance.wording(RefusalSays::InstanceAt),
                reason,
            });
        }
    }
    // Planned again and written one after the other: a plan is made against a
    // snapshot of the inventory, read again only after a change that provisioned
    // a basic service the next ones may need. Whatever is refused rolls the
    // caller's transaction back: all of the changes, or none.
    crate::store::advance_revision(tx)?;
    let stamp = Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let lines = |p: &PlannedChange| p.replacement.as_ref().map(|r| r.booked_lines());
    let mut snapshot = CustomerSnapshot::read(tx, customer)?;
    let mut applied = Vec::with_capacity(changes.len());
    for planned in changes {
        let now = plan_change_with(tx, &snapshot, customer, &planned.change, today)?;
        if now.kind != planned.kind
            || lines(&now) != lines(planned)
            || now.moving != planned.moving
            || now.ending.iter().map(|e| e.instance.id).collect::<Vec<_>>()
                != planned
                    .ending
                    .iter()
                    .map(|e| e.instance.id)
                    .collect::<Vec<_>>()
        {
            return Err(Error::StalePlan);
        }
        applied.push(write_change(tx, &now, &stamp, note)?);
        if now.provisions() {
            snapshot = CustomerSnapshot::read(tx, customer)?;
        }
    }
    Ok(applied)
}

/// Writes one change planned again just now.
fn write_change(
    tx: &Transaction<'_>,
    again: &PlannedChange,
    stamp: &str,
    note: &str,
) -> Result<AppliedChange> {
    let effective = again.effective;
    let ordered = match &again.replacement {
        Some(replacement) => write_plan(tx, replacement, ApplyAs::Ordered)?,
        None => Vec::new(),
    };
    let instance = &again.instance;
    let why = match ordered.first() {
        Some(new) if again.kind == ChangeKind::Order => format!("ordered as #{new}; {note}"),
        Some(new) => format!("{} by #{new} from {effective}; {note}", again.kind.as_str()),
        None => format!("cancelled; {note}"),
    };
    // A planned instance is not a contract: it is retired, its replacement
    // ordered; a running one ends the day the change takes effect.
    let (to, end) = match again.kind {
        ChangeKind::Order => (InstanceStatus::Retired, None),
        _ => (InstanceStatus::Cancelled, Some(effective)),
    };
    store::set_instance_status(tx, instance.id, instance.status, to, end, stamp, &why)?;
    for link in &again.ending {
        let to = match again.kind {
            ChangeKind::Order => InstanceStatus::Retired,
            _ => InstanceStatus::Cancelled,
        };
        let end = (to == InstanceStatus::Cancelled).then_some(link.end);
        store::set_instance_status(
            tx,
            link.instance.id,
            link.instance.status,
            to,
            end,
            stamp,
            &format!("ends with {} #{}", instance.item_name, instance.id),
        )?;
    }
    if let Some(&new) = ordered.first() {
        for link in &again.moving {
            store::set_parent(tx, link.id, new)?;
        }
        // What needed the instance needs what takes its place.
        store::repoint_prerequisites(tx, instance.id, new)?;
    }
    Ok(AppliedChange {
        instance_id: instance.id,
        kind: again.kind,
        effective,
        ordered,
    })
}

/// Why the instance is no longer as the offer saw it, if it is not.
fn what_changed(then: &CurrentInstance, now: &CurrentInstance) -> Option<Wording> {
    let said = Wording::new;
    if now.status != then.status {
        return Some(
            said(RefusalSays::ChangedStatus)
                .instance_status("was", then.status)
                .instance_status("now", now.status),
        );
    }
    if now.end != then.end {
        return Some(match now.end {
            Some(end) => said(RefusalSays::ChangedEnd).date("end", end),
            None => said(RefusalSays::ChangedEndTakenBack),
        });
    }
    if now.variant_code != then.variant_code || now.options != then.options {
        return Some(said(RefusalSays::ChangedVariant).text("variant", now.item_with_variant()));
    }
    if now.quantity != then.quantity {
        return Some(
            said(RefusalSays::ChangedQuantity)
                .number("was", then.quantity)
                .number("now", now.quantity),
        );
    }
    if now.terms != then.terms || now.start != then.start {
        return Some(said(RefusalSays::ChangedTerms));
    }
    if now.links != then.links {
        return Some(said(RefusalSays::ChangedLinks));
    }
    (now != then).then(|| said(RefusalSays::ChangedOther))
}
