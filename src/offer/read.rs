//! Reading an offer version back from the store: its customer, its groups and
//! frozen lines in document order, every line checked against the line math,
//! its calculation, its approval and its history.

use super::record::Offer;
use super::record::OfferCustomer;
use super::record::OfferGroup;
use super::record::{MonthlyChange, OfferLineView};
use super::rules::evaluate;
use super::store::{self, from_json};
use crate::booking::{BookingPlan, PlannedChange};
use crate::pricing::{line_amounts, offer_totals, OfferLine};
use crate::{Error, Result};
use rusqlite::Connection;
use std::collections::HashMap;

/// "ANG-2026-0001".
pub fn offer_number(year: i32, seq: i64) -> String {
    format!("ANG-{year}-{seq:04}")
}

/// One offer version with its lines in document order and its calculation.
pub fn offer(conn: &Connection, id: i64) -> Result<Offer> {
    let head = store::head(conn, id)?;
    let customer = conn
        .prepare_cached(
            "SELECT name, street, postal_code, city, country FROM customer WHERE id = ?1",
        )?
        .query_row([head.customer_id], |r| {
            Ok(OfferCustomer {
                id: head.customer_id,
                name: r.get(0)?,
                street: r.get(1)?,
                postal_code: r.get(2)?,
                city: r.get(3)?,
                country: r.get(4)?,
            })
        })?;
    let mut groups: Vec<OfferGroup> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (key, group) in store::groups(conn, id)? {
        index.insert(key, groups.len());
        groups.push(group);
    }
    for line in store::lines(conn, id)? {
        // A line that ends costs nothing from then on; the others are what
        // their terms make of their units.
        let amounts = match &line.changed {
            Some(c) if c.kind.ends() => crate::pricing::LineAmounts::nothing_due(&line.terms),
            _ => line_amounts(&line.terms, line.quantity, line.unit_cost.as_ref())?,
        };
        // The stored amounts are what the customer was shown; they must still agree.
        if line.one_time != amounts.one_time || line.monthly != amounts.monthly {
            return Err(Error::Corrupt(format!(
                "a line of offer {id} no longer adds up to its stored amounts"
            )));
        }
        let group = *index
            .get(&line.key)
            .ok_or_else(|| Error::Corrupt(format!("offer {id} has a line outside its groups")))?;
        groups[group].lines.push(OfferLineView {
            position: 0,
            context: line.context,
            item_code: line.item_code,
            description: line.description,
            variant: line.variant,
            options: line.options,
            quantity: line.quantity,
            offer_type: line.terms.offer_type,
            terms: line.terms,
            unit_cost: line.unit_cost,
            amounts,
            explanation: line.explanation,
            reason: line.reason,
            list_unit_amount: line.list_unit_amount,
            changed: line.changed,
        });
    }
    let mut position = 0u32;
    let mut offer_lines = Vec::new();
    for group in &mut groups {
        for line in &mut group.lines {
            position += 1;
            line.position = position;
            if line.changed.as_ref().is_some_and(|c| c.kind.ends()) {
                continue;
            }
            offer_lines.push(OfferLine {
                context: line.context,
                quantity: line.quantity,
                terms: line.terms.clone(),
                unit_cost: line.unit_cost,
            });
        }
    }
    let calculation = offer_totals(&head.currency, &offer_lines)?;
    let plans: Vec<BookingPlan> = from_json(&head.plans, "offer.plans")?;
    let changes: Vec<PlannedChange> = from_json(&head.changes, "offer.changes")?;
    let monthly_change = head
        .current_monthly
        .map(|current| monthly_change(current, &groups))
        .transpose()?;
    let all_lines: Vec<&OfferLineView> = groups.iter().flat_map(|g| g.lines.iter()).collect();
    let approval = evaluate(
        &crate::settings::approval_rules(conn)?,
        &all_lines,
        &calculation,
        &head.currency,
        head.approval,
    );
    Ok(Offer {
        id,
        number: head.number,
        version: head.version,
        status: head.status,
        customer,
        currency: head.currency,
        offer_date: head.offer_date,
        valid_until: head.valid_until,
        notes: head.notes,
        previous_id: head.previous_id,
        groups,
        calculation,
        requests: plans.into_iter().map(|p| p.request).collect(),
        changes: changes.into_iter().map(|c| c.change).collect(),
        monthly_change,
        approval,
        history: store::offer_events(conn, id)?,
    })
}

/// The customer's monthly amount with the offer: the running contracts' as
/// they were when it was planned, plus what each line adds (a new booking: its
/// monthly amount; a change: proposed less current).
fn monthly_change(current: rust_decimal::Decimal, groups: &[OfferGroup]) -> Result<MonthlyChange> {
    let mut new = current;
    for line in groups.iter().flat_map(|g| g.lines.iter()) {
        let was = line
            .changed
            .as_ref()
            .map_or(rust_decimal::Decimal::ZERO, |c| c.current_monthly);
        new = crate::money::bounded(
            new.checked_add(line.amounts.monthly)
                .and_then(|n| n.checked_sub(was)),
            || "the customer's new monthly amount".to_string(),
        )?;
    }
    Ok(MonthlyChange {
        current,
        new,
        difference: new - current,
    })
}
