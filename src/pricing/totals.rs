//! The totals of an offer (docs/pricing.md §3): one-time, monthly, the total
//! contract value over the longest minimum term, VAT per rate, gross, and the
//! breakdowns per context and per offer type. The internal margin is kept apart
//! so that customer documents cannot show it by accident.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::line::{line_amounts, LineAmounts, OfferLine};
use super::rounding::to_cents;
use crate::booking::{ContextRef, OfferType};
use crate::{Error, Result};

/// Net sums of a group of lines, in cents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct NetSums {
    pub one_time: Decimal,
    pub monthly: Decimal,
    /// Leasing residual values, due at the end of their terms.
    pub residual: Decimal,
    /// one-time + monthly × the offer's longest minimum term + residual.
    pub contract_value: Decimal,
}

impl NetSums {
    fn add(&mut self, line: &LineAmounts) {
        self.one_time += line.one_time;
        self.monthly += line.monthly;
        self.residual += line.residual;
    }

    fn close(&mut self, months: Decimal) {
        self.contract_value = self.one_time + self.monthly * months + self.residual;
    }
}

/// VAT of the lines taxed at one rate. It follows the invoices: one for the
/// one-time amounts, one per month, one at the end of the leases; each is rounded
/// once per rate, and the contract value's VAT is built from them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct VatRow {
    /// Percent (19 for 19 %).
    pub rate: Decimal,
    pub net: NetSums,
    pub one_time_vat: Decimal,
    pub monthly_vat: Decimal,
    pub residual_vat: Decimal,
    /// one-time VAT + monthly VAT × the longest term + residual VAT.
    pub contract_value_vat: Decimal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ContextTotals {
    pub context: ContextRef,
    pub net: NetSums,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OfferTypeTotals {
    pub offer_type: OfferType,
    pub net: NetSums,
}

/// What the customer sees: net, VAT per rate, gross, breakdowns. No costs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OfferTotals {
    pub currency: String,
    pub line_count: u32,
    /// The longest minimum (or leasing) term among the lines; 0 for purchases only.
    pub longest_term_months: u32,
    pub net: NetSums,
    /// Σ of each line's contract value over its own term (what the customer is
    /// committed to), as opposed to `net.contract_value` over the longest term.
    pub committed_value: Decimal,
    /// By rate, ascending.
    pub vat: Vec<VatRow>,
    pub one_time_gross: Decimal,
    pub monthly_gross: Decimal,
    pub contract_value_gross: Decimal,
    /// In the order employee, location, cloud container, workplace, global.
    pub per_context: Vec<ContextTotals>,
    /// In the order rental, purchase, leasing; only types that occur.
    pub per_offer_type: Vec<OfferTypeTotals>,
}

/// Price − cost of the lines whose cost is known. Shown in the app, never in
/// customer documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct InternalMargin {
    pub cost_one_time: Decimal,
    pub cost_monthly: Decimal,
    /// Cost over the longest term, as `OfferTotals::net.contract_value`.
    pub cost_contract_value: Decimal,
    pub margin_one_time: Decimal,
    pub margin_monthly: Decimal,
    pub margin_contract_value: Decimal,
    /// Lines left out of the margin because their cost is unknown.
    pub lines_without_cost: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OfferCalculation {
    pub totals: OfferTotals,
    pub margin: InternalMargin,
}

/// Totals the lines of one offer. All lines must share one currency; an empty
/// offer totals to zero in `currency`.
pub fn offer_totals(currency: &str, lines: &[OfferLine]) -> Result<OfferCalculation> {
    let mut net = NetSums::default();
    let mut committed = Decimal::ZERO;
    let mut longest = 0u32;
    let mut by_rate: BTreeMap<Decimal, NetSums> = BTreeMap::new();
    let mut by_context: BTreeMap<ContextRef, NetSums> = BTreeMap::new();
    let mut by_type = [NetSums::default(); 3];
    let mut seen_type = [false; 3];
    // Priced part (the lines with a known cost) and their cost.
    let mut priced = NetSums::default();
    let mut cost_one_time = Decimal::ZERO;
    let mut cost_monthly = Decimal::ZERO;
    let mut without_cost = 0u32;
    // Consecutive lines often share a context (one employee's bundle); keep its
    // entry at hand instead of looking it up again.
    let mut current: Option<(ContextRef, NetSums)> = None;

    for (index, line) in lines.iter().enumerate() {
        if line.terms.currency != currency {
            return Err(Error::input(
                "currency",
                format!(
                    "line {} is in {}, the offer in {currency}",
                    index + 1,
                    line.terms.currency
                ),
            ));
        }
        let amounts = line_amounts(&line.terms, line.quantity, line.unit_cost.as_ref()).map_err(
            |e| match e {
                Error::InvalidInput { field, reason } => {
                    Error::input(format!("line {} {field}", index + 1), reason)
                }
                other => other,
            },
        )?;
        net.add(&amounts);
        committed += amounts.contract_value;
        longest = longest.max(amounts.term_months);
        by_rate.entry(amounts.tax_rate).or_default().add(&amounts);
        let slot = type_index(amounts.offer_type);
        by_type[slot].add(&amounts);
        seen_type[slot] = true;
        match &mut current {
            Some((context, sums)) if *context == line.context => sums.add(&amounts),
            _ => {
                if let Some((context, sums)) = current.take() {
                    merge(by_context.entry(context).or_default(), &sums);
                }
                let mut sums = NetSums::default();
                sums.add(&amounts);
                current = Some((line.context, sums));
            }
        }
        match amounts.cost {
            Some(cost) => {
                priced.add(&amounts);
                cost_one_time += cost.one_time;
                cost_monthly += cost.monthly;
            }
            None => without_cost += 1,
        }
    }
    if let Some((context, sums)) = current.take() {
        merge(by_context.entry(context).or_default(), &sums);
    }

    let months = Decimal::from(longest);
    net.close(months);
    priced.close(months);
    let vat: Vec<VatRow> = by_rate
        .into_iter()
        .map(|(rate, mut sums)| {
            sums.close(months);
            let tax = |amount: Decimal| to_cents(amount * rate / Decimal::ONE_HUNDRED);
            let (one_time_vat, monthly_vat, residual_vat) =
                (tax(sums.one_time), tax(sums.monthly), tax(sums.residual));
            VatRow {
                rate,
                one_time_vat,
                monthly_vat,
                residual_vat,
                contract_value_vat: one_time_vat + monthly_vat * months + residual_vat,
                net: sums,
            }
        })
        .collect();
    let per_context = by_context
        .into_iter()
        .map(|(context, mut net)| {
            net.close(months);
            ContextTotals { context, net }
        })
        .collect();
    let per_offer_type = [OfferType::Rental, OfferType::Purchase, OfferType::Leasing]
        .into_iter()
        .filter(|t| seen_type[type_index(*t)])
        .map(|offer_type| {
            let mut net = by_type[type_index(offer_type)];
            net.close(months);
            OfferTypeTotals { offer_type, net }
        })
        .collect();
    let cost_contract_value = cost_one_time + cost_monthly * months;
    let totals = OfferTotals {
        currency: currency.to_owned(),
        line_count: u32::try_from(lines.len())
            .map_err(|_| Error::input("lines", "more than 4,294,967,295 lines"))?,
        longest_term_months: longest,
        committed_value: committed,
        one_time_gross: net.one_time + vat.iter().map(|v| v.one_time_vat).sum::<Decimal>(),
        monthly_gross: net.monthly + vat.iter().map(|v| v.monthly_vat).sum::<Decimal>(),
        contract_value_gross: net.contract_value
            + vat.iter().map(|v| v.contract_value_vat).sum::<Decimal>(),
        net,
        vat,
        per_context,
        per_offer_type,
    };
    let margin = InternalMargin {
        cost_one_time,
        cost_monthly,
        cost_contract_value,
        margin_one_time: priced.one_time - cost_one_time,
        margin_monthly: priced.monthly - cost_monthly,
        margin_contract_value: priced.contract_value - cost_contract_value,
        lines_without_cost: without_cost,
    };
    Ok(OfferCalculation { totals, margin })
}

fn type_index(offer_type: OfferType) -> usize {
    match offer_type {
        OfferType::Rental => 0,
        OfferType::Purchase => 1,
        OfferType::Leasing => 2,
    }
}

fn merge(into: &mut NetSums, from: &NetSums) {
    into.one_time += from.one_time;
    into.monthly += from.monthly;
    into.residual += from.residual;
}
