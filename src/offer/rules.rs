//! The approval rules held against an offer (docs/offers.md, "Approvals"): the
//! deepest discount below list, the margin over the lines with a known cost,
//! the contract value; what breaks them, and whether an offer may be sent.

use super::record::Approval;
use super::record::OfferApproval;
use super::record::{Offer, OfferLineView};
use crate::contract::LineTerms;
use crate::error::{ApprovalRule, RuleBreach};
use crate::locale::Locale;
use crate::pricing::OfferCalculation;
use crate::settings::ApprovalRules;
use crate::vocabulary::OfferType;
use crate::{Error, Result};
use rust_decimal::{Decimal, RoundingStrategy};

/// The per-unit amount a line is sold at, as a price list sets it: the
/// rental's monthly price, the purchase price or the leasing's financed amount.
pub(super) fn unit_amount(terms: &LineTerms) -> Decimal {
    match terms.offer_type {
        OfferType::Rental => terms.monthly_per_unit,
        OfferType::Purchase => terms.one_time_per_unit,
        OfferType::Leasing => terms
            .leasing
            .as_ref()
            .map_or(terms.monthly_per_unit, |l| l.financed_amount),
    }
}

/// A percentage as compared and shown: to cents of a percent.
fn percent_of(part: Decimal, whole: Decimal) -> Option<Decimal> {
    part.checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|p| p.checked_div(whole))
        .map(|p| {
            p.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
                .normalize()
        })
}

/// "20 %".
fn percent_text(value: Decimal) -> String {
    format!("{} %", value.normalize())
}

/// A line's discount below its list price in percent; none when the list
/// amount is unknown or zero.
pub(super) fn line_discount(line: &OfferLineView) -> Option<Decimal> {
    let list = line.list_unit_amount.filter(|l| !l.is_zero())?;
    percent_of(list - unit_amount(&line.terms), list)
}

/// Checks lines and calculation against the rules. Pure: the caller reads
/// the rules and the approval.
pub(super) fn evaluate(
    rules: &ApprovalRules,
    lines: &[&OfferLineView],
    calculation: &OfferCalculation,
    currency: &str,
    approved: Option<Approval>,
) -> OfferApproval {
    let mut breaches = Vec::new();
    let lines_without_list_price = lines
        .iter()
        // A line that ends sells nothing: it has no price to discount.
        .filter(|l| {
            l.list_unit_amount.is_none() && !l.changed.as_ref().is_some_and(|c| c.kind.ends())
        })
        .count() as u32;
    if let Some(threshold) = rules.max_discount_percent {
        // The deepest discount stands for the offer; the first such line is named.
        let deepest = lines
            .iter()
            .filter_map(|l| line_discount(l).map(|d| (d, *l)))
            .fold(
                None::<(Decimal, &OfferLineView)>,
                |best, (d, l)| match best {
                    Some((b, _)) if b >= d => best,
                    _ => Some((d, l)),
                },
            );
        if let Some((figure, line)) = deepest.filter(|(d, _)| *d > threshold) {
            breaches.push(RuleBreach {
                rule: ApprovalRule::Discount,
                figure,
                threshold,
                line: Some(line.position),
                line_description: Some(line.description.clone()),
                message: format!(
                    "discount {} > {} (line {}: {})",
                    percent_text(figure),
                    percent_text(threshold),
                    line.position,
                    line.description
                ),
            });
        }
    }
    let margin = &calculation.margin;
    let priced = margin.lines_with_cost;
    if let Some(threshold) = rules.min_margin_percent {
        // Price of the lines with a known cost = their cost + their margin; with
        // no known cost there is no margin to hold against the rule.
        let figure = match (margin.cost_contract_value, margin.margin_contract_value) {
            (Some(cost), Some(earned)) => cost
                .checked_add(earned)
                .filter(|price| priced > 0 && !price.is_zero())
                .and_then(|price| percent_of(earned, price)),
            _ => None,
        };
        if let Some(figure) = figure.filter(|m| *m < threshold) {
            let without = if margin.lines_without_cost > 0 {
                format!("; {} without a known cost", margin.lines_without_cost)
            } else {
                String::new()
            };
            breaches.push(RuleBreach {
                rule: ApprovalRule::Margin,
                figure,
                threshold,
                line: None,
                line_description: None,
                message: format!(
                    "margin {} < {} (over {priced} of {} lines{without})",
                    percent_text(figure),
                    percent_text(threshold),
                    lines.len()
                ),
            });
        }
    }
    if let Some(threshold) = rules.max_contract_value {
        let figure = calculation.totals.net.contract_value;
        if figure > threshold {
            let money = |amount| Locale::En.money(amount, currency);
            breaches.push(RuleBreach {
                rule: ApprovalRule::ContractValue,
                figure,
                threshold,
                line: None,
                line_description: None,
                message: format!("contract value {} > {}", money(figure), money(threshold)),
            });
        }
    }
    OfferApproval {
        required: !breaches.is_empty() && approved.is_none(),
        breaches,
        approved,
        lines_without_cost: margin.lines_without_cost,
        lines_without_list_price,
    }
}

/// Refuses to send a version that needs an approval it does not have.
pub(super) fn check_may_be_sent(o: &Offer) -> Result<()> {
    if o.approval.required {
        return Err(Error::ApprovalRequired {
            offer: o.title(),
            breaches: o.approval.breaches.clone(),
        });
    }
    Ok(())
}
