//! Pricing (issue 5, docs/pricing.md): the line math of each offer type, offer
//! totals with VAT per rate and an internal margin, customer price lists, and
//! price rules that turn a cost price into a list price.

mod line;
mod rounding;
mod totals;

pub use line::{
    leasing_rate, leasing_residual, line_amounts, with_unit_amount, LineAmounts, LineCost,
    OfferLine, UnitCost,
};
pub use rounding::{round_to_ending, to_cents, PriceEnding};
pub use totals::{
    offer_totals, ContextTotals, InternalMargin, NetSums, OfferCalculation, OfferTotals,
    OfferTypeTotals, VatRow,
};
