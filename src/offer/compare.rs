//! Two offer versions side by side, line by line.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use super::{offer, Offer, OfferLineView};
use crate::booking::ChosenOption;
use crate::pricing::NetSums;
use crate::vocabulary::{ContextRef, OfferType};
use crate::Result;
use rusqlite::Connection;

/// A difference between two versions. Lines are matched by context, item,
/// variant, options and offer type (the n-th such line of one with the n-th of
/// the other); a line left over on each side with the same context, item,
/// variant and options is the same line with another offer type: one change
/// (rental → leasing), not a removal and an addition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum LineChange {
    Added {
        context_label: String,
        description: String,
        offer_type: OfferType,
        quantity: i64,
        one_time: Decimal,
        monthly: Decimal,
    },
    Removed {
        context_label: String,
        description: String,
        offer_type: OfferType,
        quantity: i64,
        one_time: Decimal,
        monthly: Decimal,
    },
    /// Offer type, quantity or price changed.
    Changed {
        context_label: String,
        description: String,
        offer_type_from: OfferType,
        offer_type_to: OfferType,
        quantity_from: i64,
        quantity_to: i64,
        /// Per unit: the one-time price (purchase) or the monthly price/rate.
        unit_price_from: Decimal,
        unit_price_to: Decimal,
        one_time_from: Decimal,
        one_time_to: Decimal,
        monthly_from: Decimal,
        monthly_to: Decimal,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OfferComparison {
    /// "ANG-2026-0001 v1".
    pub from: String,
    pub to: String,
    pub changes: Vec<LineChange>,
    pub unchanged: u32,
    pub net_from: NetSums,
    pub net_to: NetSums,
}

/// A line's identity without its offer type: what stays when the type changes.
type Loose<'a> = (ContextRef, &'a str, Option<&'a str>, &'a [ChosenOption]);

fn loose(line: &OfferLineView) -> Loose<'_> {
    (
        line.context,
        &line.item_code,
        line.variant.as_deref(),
        &line.options,
    )
}

/// A line's identity without its occurrence count.
type Identity<'a> = (
    ContextRef,
    &'a str,
    Option<&'a str>,
    &'a [ChosenOption],
    OfferType,
);

type Key = (
    ContextRef,
    String,
    Option<String>,
    Vec<ChosenOption>,
    OfferType,
    usize,
);

fn unit_price(line: &OfferLineView) -> Decimal {
    match line.offer_type {
        OfferType::Purchase => line.terms.one_time_per_unit,
        _ => line.terms.monthly_per_unit,
    }
}

fn keyed(offer: &Offer) -> Vec<(Key, &OfferLineView, &str)> {
    let mut seen: HashMap<Identity<'_>, usize> = HashMap::new();
    let mut out = Vec::new();
    for group in &offer.groups {
        for line in &group.lines {
            let n = seen
                .entry((
                    line.context,
                    &line.item_code,
                    line.variant.as_deref(),
                    &line.options,
                    line.offer_type,
                ))
                .or_default();
            out.push((
                (
                    line.context,
                    line.item_code.clone(),
                    line.variant.clone(),
                    line.options.clone(),
                    line.offer_type,
                    *n,
                ),
                line,
                group.label.as_str(),
            ));
            *n += 1;
        }
    }
    out
}

/// The change from `before` to `line`, or none when they are the same.
fn changed(before: &OfferLineView, line: &OfferLineView, label: &str) -> Option<LineChange> {
    let same = before.offer_type == line.offer_type
        && before.quantity == line.quantity
        && before.terms == line.terms
        && before.amounts.one_time == line.amounts.one_time
        && before.amounts.monthly == line.amounts.monthly;
    (!same).then(|| LineChange::Changed {
        context_label: label.to_owned(),
        description: line.description.clone(),
        offer_type_from: before.offer_type,
        offer_type_to: line.offer_type,
        quantity_from: before.quantity,
        quantity_to: line.quantity,
        unit_price_from: unit_price(before),
        unit_price_to: unit_price(line),
        one_time_from: before.amounts.one_time,
        one_time_to: line.amounts.one_time,
        monthly_from: before.amounts.monthly,
        monthly_to: line.amounts.monthly,
    })
}

/// What changed from offer `from_id` to offer `to_id` (usually two versions of
/// one offer; any two offers can be compared). Changes in the order of `to`,
/// removed lines last.
pub fn compare_offers(conn: &Connection, from_id: i64, to_id: i64) -> Result<OfferComparison> {
    let from = offer(conn, from_id)?;
    let to = offer(conn, to_id)?;
    Ok(compare(&from, &to))
}

/// `compare_offers` on two loaded offers.
fn compare(from: &Offer, to: &Offer) -> OfferComparison {
    let old = keyed(from);
    let new = keyed(to);
    let mut old_by_key: HashMap<&Key, (&OfferLineView, &str)> =
        old.iter().map(|(k, l, g)| (k, (*l, *g))).collect();
    let new_keys: std::collections::HashSet<&Key> = new.iter().map(|(k, _, _)| k).collect();
    // Lines of `from` without an exact match in `to`, by identity without the
    // offer type, in document order: a line of `to` left over takes the first
    // one of its context, item, variant and options (its offer type changed).
    let mut retyped: HashMap<Loose<'_>, std::collections::VecDeque<(&OfferLineView, &str)>> =
        HashMap::new();
    for (key, line, label) in &old {
        if !new_keys.contains(key) {
            retyped
                .entry(loose(line))
                .or_default()
                .push_back((*line, *label));
        }
    }
    let mut changes = Vec::new();
    let mut unchanged = 0u32;
    let mut matched_by_type: Vec<&OfferLineView> = Vec::new();
    for (key, line, label) in &new {
        if let Some((before, _)) = old_by_key.remove(key) {
            match changed(before, line, label) {
                Some(change) => changes.push(change),
                None => unchanged += 1,
            }
            continue;
        }
        match retyped.get_mut(&loose(line)).and_then(|q| q.pop_front()) {
            Some((before, _)) => {
                matched_by_type.push(before);
                changes.extend(changed(before, line, label));
            }
            None => changes.push(LineChange::Added {
                context_label: (*label).to_owned(),
                description: line.description.clone(),
                offer_type: line.offer_type,
                quantity: line.quantity,
                one_time: line.amounts.one_time,
                monthly: line.amounts.monthly,
            }),
        }
    }
    for (key, line, label) in &old {
        let paired = matched_by_type.iter().any(|l| std::ptr::eq(*l, *line));
        if old_by_key.contains_key(key) && !paired {
            changes.push(LineChange::Removed {
                context_label: (*label).to_owned(),
                description: line.description.clone(),
                offer_type: line.offer_type,
                quantity: line.quantity,
                one_time: line.amounts.one_time,
                monthly: line.amounts.monthly,
            });
        }
    }
    OfferComparison {
        from: from.title(),
        to: to.title(),
        changes,
        unchanged,
        net_from: from.calculation.totals.net,
        net_to: to.calculation.totals.net,
    }
}
