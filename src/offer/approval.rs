//! Approvals (issue 13, item 6; docs/offers.md): an offer is checked against
//! the approval rules of the settings (a line's discount below list, the
//! margin where the cost is known, the contract value); one that breaks a rule
//! cannot be sent until someone approves it. The approval is recorded on the
//! version (who and when) and in its history; planning the offer's requests
//! again voids it, since the lines it covered are gone.

use rusqlite::Transaction;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::history::{record, OfferEventKind};
use super::now;
use super::record::{offer, Offer, OfferLineView};
use super::status::OfferStatus;
use super::store;
use crate::contract::LineTerms;
use crate::error::{ApprovalRule, RuleBreach};
use crate::locale::Locale;
use crate::pricing::OfferCalculation;
use crate::settings::ApprovalRules;
use crate::vocabulary::OfferType;
use crate::{Error, Result};

/// A name longer than this is a mistake (a pasted text), not a person.
const MAX_APPROVER_LEN: usize = 200;

/// Who approved a version, and when (RFC 3339, UTC).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Approval {
    pub by: String,
    pub at: String,
}

/// An offer checked against the approval rules as the settings hold them now.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OfferApproval {
    /// The rules the offer breaks, in the order discount, margin, contract value.
    pub breaches: Vec<RuleBreach>,
    pub approved: Option<Approval>,
    /// Breaks a rule and is not approved: a draft cannot be sent.
    pub required: bool,
    /// Lines the margin rule leaves out: their cost is unknown.
    pub lines_without_cost: u32,
    /// Lines the discount rule leaves out: frozen before list prices were kept.
    pub lines_without_list_price: u32,
}

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
        .filter(|l| l.list_unit_amount.is_none())
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

/// The offer's name in a refusal: "offer ANG-2026-0001 version 1".
fn named(o: &Offer) -> String {
    format!("offer {} version {}", o.number, o.version)
}

/// Approves a draft that breaks approval rules, as `by`: who and when are
/// recorded on the version and in its history, and it may be sent. Refused
/// for an empty name, a version that is not a draft, one that breaks no rule
/// and one already approved.
pub fn approve_offer(tx: &Transaction<'_>, id: i64, by: &str) -> Result<Offer> {
    let by = by.trim();
    if by.is_empty() {
        return Err(Error::input("by", "name who approves the offer"));
    }
    if by.chars().count() > MAX_APPROVER_LEN {
        return Err(Error::input(
            "by",
            format!("a name has at most {MAX_APPROVER_LEN} characters"),
        ));
    }
    let current = offer(tx, id)?;
    let refuse = |reason: String| Error::InUse {
        what: named(&current),
        action: "approved",
        reason,
        instances: Vec::new(),
    };
    if current.status != OfferStatus::Draft {
        return Err(refuse(format!(
            "it is {}; only a draft is approved before it is sent",
            current.status.as_str()
        )));
    }
    if let Some(done) = &current.approval.approved {
        return Err(refuse(format!(
            "it is approved already, by {} at {}",
            done.by, done.at
        )));
    }
    if current.approval.breaches.is_empty() {
        return Err(refuse(
            "it breaks no approval rule; it can be sent as it is".into(),
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
