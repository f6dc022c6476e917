//! Contract terms as a line freezes them, for the date and amount rules that
//! only need terms (notice deadlines, renewals, earliest ends).

use rust_decimal::Decimal;
use servicefolio::contract::LineTerms;
use servicefolio::vocabulary::OfferType;

/// A rental at 10.00 a month net (19 % VAT), no one-time amounts, with the
/// minimum term, notice period and renewal period in months.
pub fn rental(minimum: u32, notice: u32, renewal: u32) -> LineTerms {
    LineTerms {
        offer_type: OfferType::Rental,
        currency: "EUR".into(),
        tax_rate: Decimal::from(19),
        monthly_per_unit: Decimal::from(10),
        one_time_per_unit: Decimal::ZERO,
        setup_fee: Decimal::ZERO,
        minimum_term_months: minimum,
        notice_period_months: notice,
        renewal_period_months: renewal,
        leasing: None,
    }
}
