//! The price terms of the offer types a service variant allows.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Subscription: a monthly price per unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct RentalTerms {
    #[serde(deserialize_with = "crate::money::strict::deserialize")]
    pub monthly_price: Decimal,
    pub minimum_term_months: u32,
    pub notice_period_months: u32,
    /// Auto-renewal period after the minimum term; 0 means no auto-renewal.
    pub renewal_period_months: u32,
}

/// One-time price per unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct PurchaseTerms {
    #[serde(deserialize_with = "crate::money::strict::deserialize")]
    pub price: Decimal,
}

/// Financing: monthly rate = financed amount × leasing factor / 100, for the term,
/// with an optional residual value in percent of the financed amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct LeasingTerms {
    #[serde(deserialize_with = "crate::money::strict::deserialize")]
    pub financed_amount: Decimal,
    pub term_months: u32,
    #[serde(deserialize_with = "crate::money::strict::deserialize")]
    pub leasing_factor_percent: Decimal,
    #[serde(deserialize_with = "crate::money::strict::deserialize")]
    pub residual_value_percent: Decimal,
}

/// The offer types a variant allows; an absent one is not offered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct OfferTerms {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rental: Option<RentalTerms>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purchase: Option<PurchaseTerms>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leasing: Option<LeasingTerms>,
}

impl OfferTerms {
    pub fn is_empty(&self) -> bool {
        self.rental.is_none() && self.purchase.is_none() && self.leasing.is_none()
    }
}
