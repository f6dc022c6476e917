//! Customer price lists of the demo catalog, as docs/pricing.md works them out.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use servicefolio::pricing::{DiscountTarget, PriceListDraft, PriceListEntry};
use servicefolio::vocabulary::OfferType;

fn amount(text: &str) -> Decimal {
    text.parse().expect("test literal")
}

/// A variant's own price in the list.
pub fn variant(service: &str, variant: &str, offer_type: OfferType, price: &str) -> PriceListEntry {
    PriceListEntry::Variant {
        service: service.into(),
        variant: variant.into(),
        offer_type,
        amount: amount(price),
    }
}

/// An option's own rental delta in the list.
pub fn option(service: &str, group: &str, choice: &str, price: &str) -> PriceListEntry {
    PriceListEntry::Option {
        service: service.into(),
        group: group.into(),
        choice: choice.into(),
        offer_type: OfferType::Rental,
        amount: amount(price),
    }
}

/// A discount in percent on a service or a category.
pub fn discount(target: DiscountTarget, percent: &str) -> PriceListEntry {
    PriceListEntry::Discount {
        target,
        percent: amount(percent),
    }
}

/// "ACME 2026" of docs/pricing.md §4.1, valid through 2026: Managed365 E3
/// rental 17.50, option Support 24x7 2.00, 10 % on Managed365, 20 % on the
/// category Modern Workplace, 5 % on the category Security (in that order).
pub fn acme_2026(customer: i64) -> PriceListDraft {
    PriceListDraft {
        customer_id: customer,
        name: "ACME 2026".into(),
        valid_from: NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"),
        valid_until: Some(NaiveDate::from_ymd_opt(2026, 12, 31).expect("date")),
        entries: vec![
            variant("SVC-M365", "E3", OfferType::Rental, "17.50"),
            option("SVC-M365", "SUPPORT", "24X7", "2.00"),
            discount(DiscountTarget::Service("SVC-M365".into()), "10"),
            discount(DiscountTarget::Category("Modern Workplace".into()), "20"),
            discount(DiscountTarget::Category("Security".into()), "5"),
        ],
    }
}
