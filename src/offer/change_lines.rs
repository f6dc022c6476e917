//! What an offer is planned from: its new bookings and its changes to the
//! customer's instances, each planned against the inventory (nothing written),
//! and the lines they become. A change line carries the instance as it is
//! (`ChangedInstance`: its current amounts, the kind of change, when it takes
//! effect); its own amounts are the proposed ones, nothing for what ends.

use chrono::{Months, NaiveDate};
use rusqlite::{Connection, Transaction};
use rust_decimal::Decimal;
use std::collections::HashMap;

use super::lines::{plan_lines, plan_requests, Catalog};
use super::record::{BuiltLine, ChangedInstance};
use crate::booking::{
    plan_change_with, running_monthly, write_plan, ApplyAs, BookingPlan, BookingRequest,
    ChangeKind, CurrentInstance, CustomerSnapshot, InstanceChange, LinkedInstance, PlannedChange,
};
use crate::contract::LineTerms;
use crate::error::{InputSays, Wording};
use crate::pricing::{line_amounts, LineAmounts};
use crate::vocabulary::OfferType;
use crate::{Error, Result};

/// An offer's bookings and changes as planned, and the customer's running
/// monthly amount they were planned against.
pub(super) struct PlannedOffer {
    pub(super) plans: Vec<BookingPlan>,
    pub(super) changes: Vec<PlannedChange>,
    pub(super) current_monthly: Decimal,
}

/// Plans an offer's requests (in order, as acceptance applies them) and its
/// changes (each against the inventory as it is, as of `today`). Refused,
/// with every problem named by its place, when there is nothing to offer,
/// when an instance is changed twice, or when a request or change cannot be
/// planned.
pub(super) fn plan_offer(
    tx: &Transaction<'_>,
    customer_id: i64,
    requests: &[BookingRequest],
    changes: &[InstanceChange],
    today: NaiveDate,
) -> Result<PlannedOffer> {
    if requests.is_empty() && changes.is_empty() {
        return Err(Error::input_said(
            "requests",
            Wording::new(InputSays::OfferNeedsContent),
        ));
    }
    if let Some(other) = requests.iter().find(|r| r.customer_id != customer_id) {
        return Err(Error::input_said(
            "requests",
            Wording::new(InputSays::RequestOfAnotherCustomer)
                .text("request_customer", other.customer_id)
                .text("customer", customer_id),
        ));
    }
    let plans = plan_requests(tx, requests)?;
    // The changes are planned against one snapshot of the inventory; one that
    // provisions a basic service is written as planned (and rolled back) so the
    // ones after it see it, as acceptance will write them one after the other.
    tx.execute_batch("SAVEPOINT offer_changes")?;
    let planned = plan_changes(tx, customer_id, changes, today);
    tx.execute_batch("ROLLBACK TO offer_changes; RELEASE offer_changes")?;
    Ok(PlannedOffer {
        plans,
        changes: planned?,
        current_monthly: running_monthly(tx, customer_id)?,
    })
}

fn plan_changes(
    tx: &Transaction<'_>,
    customer_id: i64,
    changes: &[InstanceChange],
    today: NaiveDate,
) -> Result<Vec<PlannedChange>> {
    let mut snapshot = CustomerSnapshot::read(tx, customer_id)?;
    let mut planned: Vec<PlannedChange> = Vec::with_capacity(changes.len());
    for (index, change) in changes.iter().enumerate() {
        let place = |e: Error| match e {
            // The change's number before the field; what is wrong stays as it was said.
            Error::InvalidInput {
                field,
                reason,
                problem,
            } => Error::InvalidInput {
                field: crate::limits::clip_message(format!("change {}: {field}", index + 1)),
                reason,
                problem,
            },
            other => other,
        };
        if changes[..index]
            .iter()
            .any(|c| c.instance_id == change.instance_id)
        {
            return Err(Error::input_said(
                format!("change {}", index + 1),
                Wording::new(InputSays::InstanceChangedTwice).text("id", change.instance_id),
            ));
        }
        let next = plan_change_with(tx, &snapshot, customer_id, change, today).map_err(place)?;
        // A link that moves or ends with one change cannot be changed by another.
        if let Some(clash) = planned.iter().find(|p| {
            p.instance.links.iter().any(|l| l.id == change.instance_id)
                || next.instance.links.iter().any(|l| l.id == p.instance.id)
        }) {
            return Err(Error::input_said(
                format!("change {}", index + 1),
                Wording::new(InputSays::LinkedChanges)
                    .text("instance", next.instance.named())
                    .text("other", clash.instance.named()),
            ));
        }
        if next.provisions() {
            if let Some(replacement) = &next.replacement {
                write_plan(tx, replacement, ApplyAs::Planned)?;
            }
            snapshot = CustomerSnapshot::read(tx, customer_id)?;
        }
        planned.push(next);
    }
    Ok(planned)
}

/// The lines of a planned offer: its bookings', then its changes'.
pub(super) fn build_offer_lines(
    conn: &Connection,
    planned: &PlannedOffer,
) -> Result<Vec<BuiltLine>> {
    let mut catalog = Catalog::new(conn);
    let mut list_amounts = HashMap::new();
    let mut lines = Vec::new();
    for booking in &planned.plans {
        lines.extend(plan_lines(conn, &mut catalog, booking, &mut list_amounts)?);
    }
    for change in &planned.changes {
        lines.extend(change_lines(conn, &mut catalog, change, &mut list_amounts)?);
    }
    Ok(lines)
}

/// The instance's side of a change line.
fn changed(
    instance_id: i64,
    item: String,
    quantity: i64,
    terms: &LineTerms,
    kind: ChangeKind,
    effective: NaiveDate,
    moves: Vec<String>,
) -> Result<ChangedInstance> {
    let current = line_amounts(terms, quantity, None)?;
    let notice_by = (kind.ends() && terms.offer_type == OfferType::Rental)
        .then(|| effective.checked_sub_months(Months::new(terms.notice_period_months)))
        .flatten();
    Ok(ChangedInstance {
        instance_id,
        kind,
        item,
        quantity,
        offer_type: terms.offer_type,
        current_one_time: current.one_time,
        current_monthly: current.monthly,
        effective,
        notice_by,
        moves,
    })
}

fn ending_line(
    catalog: &mut Catalog<'_>,
    instance: &CurrentInstance,
    kind: ChangeKind,
    effective: NaiveDate,
) -> Result<BuiltLine> {
    let (description, unit_cost) = catalog.describe(
        &instance.item_code,
        &instance.item_name,
        instance.variant_code.as_deref(),
        &instance.options,
    )?;
    Ok(BuiltLine {
        context: instance.context,
        context_label: instance.context_label.clone(),
        item_code: instance.item_code.clone(),
        description: description.clone(),
        variant: instance.variant_code.clone(),
        options: instance.options.clone(),
        quantity: instance.quantity,
        terms: instance.terms.clone(),
        unit_cost,
        amounts: LineAmounts::nothing_due(&instance.terms),
        explanation: format!("cancelled: ends on {effective}"),
        reason: None,
        list_unit_amount: None,
        changed: Some(changed(
            instance.id,
            description,
            instance.quantity,
            &instance.terms,
            kind,
            effective,
            Vec::new(),
        )?),
    })
}

fn ending_link_line(
    catalog: &mut Catalog<'_>,
    instance: &CurrentInstance,
    link: &LinkedInstance,
    end: NaiveDate,
) -> Result<BuiltLine> {
    let (description, unit_cost) = catalog.describe(&link.item_code, &link.item_name, None, &[])?;
    Ok(BuiltLine {
        context: instance.context,
        context_label: instance.context_label.clone(),
        item_code: link.item_code.clone(),
        description: description.clone(),
        variant: None,
        options: Vec::new(),
        quantity: link.quantity,
        terms: link.terms.clone(),
        unit_cost,
        amounts: LineAmounts::nothing_due(&link.terms),
        explanation: format!("ends with {} on {end}", instance.item_name),
        reason: None,
        list_unit_amount: None,
        changed: Some(changed(
            link.id,
            description,
            link.quantity,
            &link.terms,
            ChangeKind::EndsWith,
            end,
            Vec::new(),
        )?),
    })
}

/// The lines of one change: the instance's line (what it becomes, or its end),
/// what its replacement brings new, and the links that end with it.
fn change_lines(
    conn: &Connection,
    catalog: &mut Catalog<'_>,
    change: &PlannedChange,
    list_amounts: &mut HashMap<super::lines::Sale, Decimal>,
) -> Result<Vec<BuiltLine>> {
    let instance = &change.instance;
    let mut lines = Vec::new();
    match &change.replacement {
        None => lines.push(ending_line(
            catalog,
            instance,
            change.kind,
            change.effective,
        )?),
        Some(replacement) => {
            let mut built = plan_lines(conn, catalog, replacement, list_amounts)?;
            if let Some(first) = built.first_mut() {
                let (was, _) = catalog.describe(
                    &instance.item_code,
                    &instance.item_name,
                    instance.variant_code.as_deref(),
                    &instance.options,
                )?;
                let moves: Vec<String> =
                    change.moving.iter().map(|l| l.item_name.clone()).collect();
                first.explanation = match change.kind {
                    ChangeKind::Order => format!("planned, ordered from {}", change.effective),
                    _ => format!(
                        "{} of {was} from {}{}",
                        change.kind.as_str().replace('_', " "),
                        change.effective,
                        if moves.is_empty() {
                            String::new()
                        } else {
                            format!("; {} move(s) over", moves.join(", "))
                        }
                    ),
                };
                let mut current = changed(
                    instance.id,
                    was,
                    instance.quantity,
                    &instance.terms,
                    change.kind,
                    change.effective,
                    moves,
                )?;
                if change.kind == ChangeKind::Order {
                    // A planned instance costs nothing yet.
                    current.current_one_time = Decimal::ZERO;
                    current.current_monthly = Decimal::ZERO;
                }
                first.changed = Some(current);
                // The change line says what it changes, not why a plan made it.
                first.reason = None;
            }
            lines.extend(built);
        }
    }
    for link in &change.ending {
        if change.kind == ChangeKind::Order {
            // Planned links are replaced by the ordered plan's own: no line.
            continue;
        }
        lines.push(ending_link_line(
            catalog,
            instance,
            &link.instance,
            link.end,
        )?);
    }
    Ok(lines)
}
