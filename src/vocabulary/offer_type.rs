//! How a booking is sold: rented, purchased or leased.

use serde::{Deserialize, Serialize};

/// How a booking is sold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum OfferType {
    Rental,
    Purchase,
    Leasing,
}

impl OfferType {
    pub fn as_str(self) -> &'static str {
        match self {
            OfferType::Rental => "rental",
            OfferType::Purchase => "purchase",
            OfferType::Leasing => "leasing",
        }
    }
}
