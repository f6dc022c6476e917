//! The price terms of a booked line, frozen when it is booked.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::catalog::LeasingTerms;
use crate::vocabulary::OfferType;

/// The price terms of a line, frozen when it is booked. Amounts are exact; they
/// are rounded to cents once, per line, when an offer totals them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, specta::Type)]
pub struct LineTerms {
    pub offer_type: OfferType,
    pub currency: String,
    pub tax_rate: Decimal,
    /// Per unit and month: the rental price with option deltas, or the leasing rate
    /// (financed amount × leasing factor / 100); zero for a purchase.
    pub monthly_per_unit: Decimal,
    /// Per unit, once: the purchase price with option deltas; zero otherwise.
    pub one_time_per_unit: Decimal,
    /// Once per line.
    pub setup_fee: Decimal,
    pub minimum_term_months: u32,
    pub notice_period_months: u32,
    pub renewal_period_months: u32,
    /// For leasing: the terms with the financed amount per unit including option deltas.
    pub leasing: Option<LeasingTerms>,
}
