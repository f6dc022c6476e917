//! The approval rules an offer breaks (issue 13, item 6; docs/offers.md), as
//! data for the offer's view and for the error that refuses to send it before
//! it is approved (`Error::ApprovalRequired`). Worked out in `offer::approval`;
//! defined here below the error.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The approval rules of the settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalRule {
    /// A line discounted below its list price by more than a percentage.
    Discount,
    /// A margin under a percentage, over the lines whose cost is known.
    Margin,
    /// A contract value (net) over an amount.
    ContractValue,
}

/// One rule an offer breaks: the offer's figure and the rule's threshold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct RuleBreach {
    pub rule: ApprovalRule,
    /// Percent (discount, margin; rounded to cents of a percent, as compared)
    /// or the amount in the offer's currency (contract value).
    pub figure: Decimal,
    pub threshold: Decimal,
    /// Discount: the deepest discounted line (its position and description).
    pub line: Option<u32>,
    pub line_description: Option<String>,
    /// "discount 20 % > 15 % (line 2: Managed365 Tenant)".
    pub message: String,
}
