//! Pricing (issue 5, docs/pricing.md): the line math of each offer type, offer
//! totals with VAT per rate and an internal margin, customer price lists, and
//! price rules that turn a cost price into a list price.

mod line;
mod price_list;
mod price_rule;
mod rounding;
pub(crate) mod store;
mod totals;

pub use line::{
    leasing_rate, leasing_residual, line_amounts, with_unit_amount, LineAmounts, LineCost,
    OfferLine, UnitCost,
};
pub use price_list::{
    create_price_list, customer_price, delete_price_list, price_list, price_lists,
    update_price_list, CustomerPrice, DiscountTarget, PriceList, PriceListDraft, PriceListEntry,
    PriceSource, PriceTarget,
};
pub use price_rule::{
    apply_price_rules, delete_price_rule, list_price, list_price_from_rule, price_rules,
    save_price_rule, PriceRule, PriceRuleDraft, RepricedProducts, RuleScope,
};
pub use rounding::{round_to_ending, to_cents, PriceEnding};
pub(crate) use store::price_lists::list_in_force;
pub use totals::{
    offer_totals, ContextTotals, InternalMargin, NetSums, OfferCalculation, OfferTotals,
    OfferTypeTotals, VatRow,
};
