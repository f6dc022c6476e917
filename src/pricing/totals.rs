//! The totals of an offer (docs/pricing.md §3): one-time, monthly, the total
//! contract value (each line over its own term), VAT per rate, gross, and the
//! breakdowns per context and per offer type. The internal margin is kept apart
//! so that customer documents cannot show it by accident.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::line::{line_amounts, LineAmounts, OfferLine};
use super::rounding::to_cents;
use crate::error::{InputSays, Wording};
use crate::money::{bounded, checked_sum};
use crate::vocabulary::{ContextRef, OfferType};
use crate::{Error, Result};

/// Net sums of a group of lines, in cents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct NetSums {
    pub one_time: Decimal,
    pub monthly: Decimal,
    /// Leasing residual values, due at the end of their terms.
    pub residual: Decimal,
    /// Σ of the lines' contract values, each over its own term: one-time +
    /// monthly × the line's minimum (or leasing) term + residual.
    pub contract_value: Decimal,
}

/// `a + b` within `limits::MAX_AMOUNT`, or an error naming `what`.
fn plus(a: Decimal, b: Decimal, what: &str) -> Result<Decimal> {
    bounded(a.checked_add(b), || what.to_owned())
}

impl NetSums {
    fn add(&mut self, line: &LineAmounts) -> Result<()> {
        self.merge(&NetSums {
            one_time: line.one_time,
            monthly: line.monthly,
            residual: line.residual,
            contract_value: line.contract_value,
        })
    }

    fn merge(&mut self, from: &NetSums) -> Result<()> {
        self.one_time = plus(self.one_time, from.one_time, "the offer's one-time total")?;
        self.monthly = plus(self.monthly, from.monthly, "the offer's monthly total")?;
        self.residual = plus(self.residual, from.residual, "the offer's residual values")?;
        self.contract_value = plus(
            self.contract_value,
            from.contract_value,
            "the offer's contract value",
        )?;
        Ok(())
    }
}

/// VAT of the lines taxed at one rate, each figure rounded once per rate: the
/// one-time amounts (one invoice), a month (one invoice a month), the residuals
/// (at the end of the leases) and the contract value. The contract value's VAT
/// is rounded on its own because the lines' terms differ: no single "monthly
/// VAT × months" exists. Gross = net + these figures, exactly as printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct VatRow {
    /// Percent (19 for 19 %).
    pub rate: Decimal,
    pub net: NetSums,
    pub one_time_vat: Decimal,
    pub monthly_vat: Decimal,
    pub residual_vat: Decimal,
    /// The rate's contract value × rate, rounded once.
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
    pub net: NetSums,
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
/// customer documents. Every figure is `None` when no line has a known cost:
/// an unknown cost is not a cost of 0.00, and a margin over nothing is none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct InternalMargin {
    pub cost_one_time: Option<Decimal>,
    pub cost_monthly: Option<Decimal>,
    /// Σ of the lines' costs, each over its own term, as `NetSums::contract_value`.
    pub cost_contract_value: Option<Decimal>,
    pub margin_one_time: Option<Decimal>,
    pub margin_monthly: Option<Decimal>,
    pub margin_contract_value: Option<Decimal>,
    /// The lines the figures above cover.
    pub lines_with_cost: u32,
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
    let mut by_rate: BTreeMap<Decimal, NetSums> = BTreeMap::new();
    let mut by_context: BTreeMap<ContextRef, NetSums> = BTreeMap::new();
    let mut by_type = [NetSums::default(); 3];
    let mut seen_type = [false; 3];
    // Priced part (the lines with a known cost) and their cost.
    let mut priced = NetSums::default();
    let mut cost_one_time = Decimal::ZERO;
    let mut cost_monthly = Decimal::ZERO;
    let mut cost_contract_value = Decimal::ZERO;
    let mut without_cost = 0u32;
    // Consecutive lines often share a context (one employee's bundle); keep its
    // entry at hand instead of looking it up again.
    let mut current: Option<(ContextRef, NetSums)> = None;

    for (index, line) in lines.iter().enumerate() {
        if line.terms.currency != currency {
            return Err(Error::input_said(
                "currency",
                Wording::new(InputSays::LineNumberCurrencyDiffers)
                    .text("line", index + 1)
                    .text("line_currency", &line.terms.currency)
                    .text("currency", currency),
            ));
        }
        let amounts = line_amounts(&line.terms, line.quantity, line.unit_cost.as_ref()).map_err(
            |e| match e {
                // The line's number before the field; what is wrong stays as it was said.
                Error::InvalidInput {
                    field,
                    reason,
                    problem,
                } => Error::InvalidInput {
                    field: crate::limits::clip_message(format!("line {} {field}", index + 1)),
                    reason,
                    problem,
                },
                other => other,
            },
        )?;
        net.add(&amounts)?;
        by_rate.entry(amounts.tax_rate).or_default().add(&amounts)?;
        let slot = type_index(amounts.offer_type);
        by_type[slot].add(&amounts)?;
        seen_type[slot] = true;
        match &mut current {
            Some((context, sums)) if *context == line.context => sums.add(&amounts)?,
            _ => {
                if let Some((context, sums)) = current.take() {
                    by_context.entry(context).or_default().merge(&sums)?;
                }
                let mut sums = NetSums::default();
                sums.add(&amounts)?;
                current = Some((line.context, sums));
            }
        }
        match amounts.cost {
            Some(cost) => {
                priced.add(&amounts)?;
                cost_one_time = plus(cost_one_time, cost.one_time, "the offer's one-time cost")?;
                cost_monthly = plus(cost_monthly, cost.monthly, "the offer's monthly cost")?;
                cost_contract_value = plus(
                    cost_contract_value,
                    cost.contract_value,
                    "the offer's cost over the terms",
                )?;
            }
            None => without_cost += 1,
        }
    }
    if let Some((context, sums)) = current.take() {
        by_context.entry(context).or_default().merge(&sums)?;
    }

    let vat = by_rate
        .into_iter()
        .map(|(rate, sums)| {
            let tax = |amount: Decimal| {
                bounded(
                    amount
                        .checked_mul(rate)
                        .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
                        .map(to_cents),
                    || format!("the VAT at {rate} % of {amount}"),
                )
            };
            Ok(VatRow {
                rate,
                one_time_vat: tax(sums.one_time)?,
                monthly_vat: tax(sums.monthly)?,
                residual_vat: tax(sums.residual)?,
                contract_value_vat: tax(sums.contract_value)?,
                net: sums,
            })
        })
        .collect::<Result<Vec<VatRow>>>()?;
    let per_context = by_context
        .into_iter()
        .map(|(context, net)| ContextTotals { context, net })
        .collect();
    let per_offer_type = [OfferType::Rental, OfferType::Purchase, OfferType::Leasing]
        .into_iter()
        .filter(|t| seen_type[type_index(*t)])
        .map(|offer_type| OfferTypeTotals {
            offer_type,
            net: by_type[type_index(offer_type)],
        })
        .collect();
    let gross = |net: Decimal, vat_part: &dyn Fn(&VatRow) -> Decimal, what: &str| {
        bounded(
            checked_sum(vat.iter().map(vat_part)).and_then(|v| v.checked_add(net)),
            || what.to_owned(),
        )
    };
    // Every operand below is within MAX_AMOUNT, so a difference cannot overflow.
    let minus = |a: Decimal, b: Decimal, what: &str| bounded(a.checked_sub(b), || what.to_owned());
    let totals = OfferTotals {
        currency: currency.to_owned(),
        line_count: u32::try_from(lines.len())
            .map_err(|_| Error::input_said("lines", Wording::new(InputSays::TooManyLines)))?,
        one_time_gross: gross(
            net.one_time,
            &|v| v.one_time_vat,
            "the one-time gross total",
        )?,
        monthly_gross: gross(net.monthly, &|v| v.monthly_vat, "the monthly gross total")?,
        contract_value_gross: gross(
            net.contract_value,
            &|v| v.contract_value_vat,
            "the gross contract value",
        )?,
        net,
        vat,
        per_context,
        per_offer_type,
    };
    let with_cost = totals.line_count - without_cost;
    let known = |x: Decimal| (with_cost > 0).then_some(x);
    let margin = InternalMargin {
        cost_one_time: known(cost_one_time),
        cost_monthly: known(cost_monthly),
        cost_contract_value: known(cost_contract_value),
        margin_one_time: known(minus(
            priced.one_time,
            cost_one_time,
            "the one-time margin",
        )?),
        margin_monthly: known(minus(priced.monthly, cost_monthly, "the monthly margin")?),
        margin_contract_value: known(minus(
            priced.contract_value,
            cost_contract_value,
            "the margin over the terms",
        )?),
        lines_with_cost: with_cost,
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
