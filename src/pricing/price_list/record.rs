//! The types of a price list: its entries (a variant's or option's own amount,
//! a discount on a service or a category), the draft a user edits, and the
//! customer price it yields with where it came from. Types only, so the store
//! that maps their rows and the rules that check them both stand on them.

use crate::vocabulary::OfferType;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What a discount applies to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(tag = "target", content = "key", rename_all = "snake_case")]
pub enum DiscountTarget {
    /// A service, by code.
    Service(String),
    /// Every service of this catalog category.
    Category(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "entry", rename_all = "snake_case")]
pub enum PriceListEntry {
    /// The variant's own per-unit amount for one offer type: the rental's monthly
    /// price, the purchase price or the leasing's financed amount.
    Variant {
        service: String,
        variant: String,
        offer_type: OfferType,
        amount: Decimal,
    },
    /// The option choice's own per-unit delta for one offer type.
    Option {
        service: String,
        group: String,
        choice: String,
        offer_type: OfferType,
        amount: Decimal,
    },
    /// Percent off (0 to 100).
    Discount {
        target: DiscountTarget,
        percent: Decimal,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PriceListDraft {
    pub customer_id: i64,
    pub name: String,
    pub valid_from: NaiveDate,
    /// Inclusive; none means open-ended.
    pub valid_until: Option<NaiveDate>,
    pub entries: Vec<PriceListEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PriceList {
    pub id: i64,
    pub customer_id: i64,
    pub name: String,
    pub valid_from: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    /// Variants, then options, then discounts, each by code.
    pub entries: Vec<PriceListEntry>,
}

/// Whose price a lookup asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "target", rename_all = "snake_case")]
pub enum PriceTarget {
    Variant {
        service: String,
        variant: String,
    },
    Option {
        service: String,
        group: String,
        choice: String,
    },
}

/// Where a customer price came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "source", rename_all = "snake_case")]
pub enum PriceSource {
    Catalog,
    Override,
    ServiceDiscount { percent: Decimal },
    CategoryDiscount { percent: Decimal },
}

/// A per-unit amount (monthly price, purchase price or financed amount; or an
/// option's delta) as this customer pays it. Exact: it is rounded per line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct CustomerPrice {
    pub catalog: Decimal,
    pub price: Decimal,
    pub source: PriceSource,
    /// The price list in force, if any.
    pub price_list_id: Option<i64>,
}
