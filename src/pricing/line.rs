//! The money of one offer line (docs/pricing.md §2): what the customer pays once
//! and monthly, what is due at the end of a lease, the contract value over the
//! line's own term, and (internal) its cost and margin. Every amount is rounded
//! to cents once, here, and never again.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::rounding::to_cents;
use crate::catalog::LeasingTerms;
use crate::contract::LineTerms;
use crate::error::{InputSays, Wording};
use crate::money::{bounded, quantity_wording};
use crate::vocabulary::{ContextRef, OfferType};
use crate::{Error, Result};

/// What one unit costs the provider (internal; never in customer documents).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct UnitCost {
    pub one_time: Decimal,
    pub monthly: Decimal,
}

/// One line of an offer: priced terms, quantity and where it lands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OfferLine {
    pub context: ContextRef,
    pub quantity: i64,
    pub terms: LineTerms,
    /// Unknown for most services (the catalog holds no service costs); such a line
    /// has no margin.
    pub unit_cost: Option<UnitCost>,
}

/// A line's cost to the provider, in cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct LineCost {
    pub one_time: Decimal,
    pub monthly: Decimal,
    /// one-time + monthly × term.
    pub contract_value: Decimal,
}

/// A line's money, every amount in cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct LineAmounts {
    pub offer_type: OfferType,
    /// Percent, as stored on the item (19 for 19 %).
    pub tax_rate: Decimal,
    /// Purchase price × quantity + setup fee.
    pub one_time: Decimal,
    /// Rental: monthly price × quantity; leasing: rate × quantity.
    pub monthly: Decimal,
    /// Leasing only: residual value × quantity, due once at the end of the term.
    pub residual: Decimal,
    /// The rental's minimum term or the leasing term; 0 for a purchase.
    pub term_months: u32,
    /// one-time + monthly × term + residual.
    pub contract_value: Decimal,
    pub cost: Option<LineCost>,
}

impl LineAmounts {
    /// Nothing due: the amounts of a line that ends (a cancelled contract, a
    /// linked item ending with it) on `terms`.
    pub fn nothing_due(terms: &LineTerms) -> LineAmounts {
        LineAmounts {
            offer_type: terms.offer_type,
            tax_rate: terms.tax_rate,
            one_time: Decimal::ZERO,
            monthly: Decimal::ZERO,
            residual: Decimal::ZERO,
            term_months: 0,
            contract_value: Decimal::ZERO,
            cost: None,
        }
    }

    /// Price − cost over the line's term; none when the cost is unknown. Both are
    /// within `limits::MAX_AMOUNT`, so the difference cannot overflow.
    pub fn margin(&self) -> Option<Decimal> {
        self.cost
            .and_then(|c| self.contract_value.checked_sub(c.contract_value))
    }
}

/// The monthly leasing rate per unit: financed amount × leasing factor / 100.
/// Exact; it is rounded once the quantity is applied. Refused beyond
/// `limits::MAX_AMOUNT`.
pub fn leasing_rate(leasing: &LeasingTerms) -> Result<Decimal> {
    bounded(
        leasing
            .financed_amount
            .checked_mul(leasing.leasing_factor_percent)
            .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED)),
        || {
            format!(
                "the leasing rate ({} × {} %)",
                leasing.financed_amount, leasing.leasing_factor_percent
            )
        },
    )
}

/// The residual value per unit: financed amount × residual value percent / 100.
pub fn leasing_residual(leasing: &LeasingTerms) -> Result<Decimal> {
    bounded(
        leasing
            .financed_amount
            .checked_mul(leasing.residual_value_percent)
            .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED)),
        || {
            format!(
                "the residual value ({} × {} %)",
                leasing.financed_amount, leasing.residual_value_percent
            )
        },
    )
}

/// The same terms sold at another per-unit amount, e.g. a customer price: the
/// rental's monthly price, the purchase price, or the leasing's financed amount
/// (whose rate follows). Setup fee and contract terms stay.
pub fn with_unit_amount(terms: &LineTerms, amount: Decimal) -> Result<LineTerms> {
    let mut terms = terms.clone();
    match terms.offer_type {
        OfferType::Rental => terms.monthly_per_unit = amount,
        OfferType::Purchase => terms.one_time_per_unit = amount,
        OfferType::Leasing => {
            if let Some(leasing) = terms.leasing.as_mut() {
                leasing.financed_amount = amount;
                terms.monthly_per_unit = leasing_rate(leasing)?;
            }
        }
    }
    Ok(terms)
}

/// The money of `quantity` units sold on `terms`. Quantities beyond
/// `limits::MAX_QUANTITY` are refused; so is any amount of the line beyond
/// `limits::MAX_AMOUNT` (a typed error naming it, never an overflow).
pub fn line_amounts(
    terms: &LineTerms,
    quantity: i64,
    unit_cost: Option<&UnitCost>,
) -> Result<LineAmounts> {
    if let Some(wording) = quantity_wording(quantity) {
        return Err(Error::input_said("quantity", wording));
    }
    let units = Decimal::from(quantity);
    let (monthly_per_unit, residual_per_unit, term_months) = match terms.offer_type {
        OfferType::Purchase => (Decimal::ZERO, Decimal::ZERO, 0),
        OfferType::Rental => (
            terms.monthly_per_unit,
            Decimal::ZERO,
            terms.minimum_term_months,
        ),
        // The rate comes from the leasing terms themselves, so the formula lives
        // here and nowhere else.
        OfferType::Leasing => {
            let leasing = terms.leasing.as_ref().ok_or_else(|| {
                Error::input_said("terms", Wording::new(InputSays::LeasingTermsMissing))
            })?;
            (
                leasing_rate(leasing)?,
                leasing_residual(leasing)?,
                leasing.term_months,
            )
        }
    };
    let times = |per_unit: Decimal, what: &str| {
        bounded(per_unit.checked_mul(units).map(to_cents), || {
            format!("the {what} of {quantity} × {per_unit}")
        })
    };
    let one_time = bounded(
        terms
            .one_time_per_unit
            .checked_mul(units)
            .and_then(|x| x.checked_add(terms.setup_fee))
            .map(to_cents),
        || {
            format!(
                "the one-time amount of {quantity} × {} + setup fee {}",
                terms.one_time_per_unit, terms.setup_fee
            )
        },
    )?;
    let monthly = times(monthly_per_unit, "monthly amount")?;
    let residual = times(residual_per_unit, "residual value")?;
    let months = Decimal::from(term_months);
    let over_term = |one_time: Decimal, monthly: Decimal, residual: Decimal, what: &str| {
        bounded(
            monthly
                .checked_mul(months)
                .and_then(|m| m.checked_add(one_time))
                .and_then(|v| v.checked_add(residual)),
            || format!("the {what} {one_time} + {monthly} × {term_months} months + {residual}"),
        )
    };
    let cost = unit_cost
        .map(|c| -> Result<LineCost> {
            let one_time = times(c.one_time, "one-time cost")?;
            let monthly = times(c.monthly, "monthly cost")?;
            Ok(LineCost {
                one_time,
                monthly,
                contract_value: over_term(one_time, monthly, Decimal::ZERO, "cost")?,
            })
        })
        .transpose()?;
    Ok(LineAmounts {
        offer_type: terms.offer_type,
        tax_rate: terms.tax_rate,
        one_time,
        monthly,
        residual,
        term_months,
        contract_value: over_term(one_time, monthly, residual, "contract value")?,
        cost,
    })
}
