//! The crate's two roundings: commercial rounding to cents (once per line), and
//! the price endings of price rules (.90, .99, whole euros).

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::money::bounded;
use crate::Result;

/// Rounds an amount to cents, half away from zero (commercial rounding): once, per line.
pub fn to_cents(amount: Decimal) -> Decimal {
    let mut cents = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    // Always two decimals, so 0 reads "0.00" and 12.9 reads "12.90".
    cents.rescale(2);
    cents
}

/// How a price rule ends the list price it computes; stored as its snake_case name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum PriceEnding {
    /// No ending: commercial rounding to cents.
    Cents,
    /// x.90
    Ninety,
    /// x.99
    NinetyNine,
    /// x.00
    Whole,
}

impl PriceEnding {
    pub const ALL: &'static [PriceEnding] = &[
        PriceEnding::Cents,
        PriceEnding::Ninety,
        PriceEnding::NinetyNine,
        PriceEnding::Whole,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PriceEnding::Cents => "cents",
            PriceEnding::Ninety => "ninety",
            PriceEnding::NinetyNine => "ninety_nine",
            PriceEnding::Whole => "whole",
        }
    }

    pub fn parse(text: &str) -> Option<PriceEnding> {
        PriceEnding::ALL
            .iter()
            .copied()
            .find(|e| e.as_str() == text)
    }

    /// The cents an ending puts after the whole euros.
    fn cents(self) -> Option<Decimal> {
        match self {
            PriceEnding::Cents => None,
            PriceEnding::Ninety => Some(Decimal::new(90, 2)),
            PriceEnding::NinetyNine => Some(Decimal::new(99, 2)),
            PriceEnding::Whole => Some(Decimal::new(0, 2)),
        }
    }
}

/// The smallest price with this ending that is not below `price`: always upwards,
/// so a rule never sells under the markup it promises (12.91 → 13.90 with .90,
/// 12.90 stays 12.90). `Cents` rounds commercially instead. Price rules only see
/// non-negative amounts; a negative one is rounded the same way (towards +∞).
/// A price beyond `limits::MAX_AMOUNT` is refused, not rounded.
pub fn round_to_ending(price: Decimal, ending: PriceEnding) -> Result<Decimal> {
    bounded(ended(price, ending), || {
        format!("the price {price} ended as {}", ending.as_str())
    })
}

/// [`round_to_ending`] without the bound: `None` only when `Decimal` itself
/// overflows (a message may name what a rule would make of a price).
pub(crate) fn ended(price: Decimal, ending: PriceEnding) -> Option<Decimal> {
    let Some(cents) = ending.cents() else {
        return Some(to_cents(price));
    };
    let mut candidate = price.floor().checked_add(cents);
    if candidate.is_some_and(|c| c < price) {
        candidate = candidate.and_then(|c| c.checked_add(Decimal::ONE));
    }
    candidate.map(|mut c| {
        c.rescale(2);
        c
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn endings_round_up() {
        assert_eq!(
            round_to_ending(d("12.91"), PriceEnding::Ninety).unwrap(),
            d("13.90")
        );
        assert_eq!(
            round_to_ending(d("12.90"), PriceEnding::Ninety).unwrap(),
            d("12.90")
        );
        assert_eq!(
            round_to_ending(d("12.10"), PriceEnding::Ninety).unwrap(),
            d("12.90")
        );
        assert_eq!(
            round_to_ending(d("12.991"), PriceEnding::NinetyNine).unwrap(),
            d("13.99")
        );
        assert_eq!(
            round_to_ending(d("12.00"), PriceEnding::Whole).unwrap(),
            d("12.00")
        );
        assert_eq!(
            round_to_ending(d("12.001"), PriceEnding::Whole).unwrap(),
            d("13.00")
        );
        assert_eq!(
            round_to_ending(d("12.345"), PriceEnding::Cents).unwrap(),
            d("12.35")
        );
        // Beyond the bound nothing is rounded (and nothing overflows).
        for e in PriceEnding::ALL {
            assert!(round_to_ending(Decimal::MAX, *e).is_err());
            assert!(round_to_ending(crate::limits::MAX_AMOUNT - Decimal::ONE, *e).is_ok());
        }
        for e in PriceEnding::ALL {
            assert_eq!(PriceEnding::parse(e.as_str()), Some(*e));
            // The stored name and the serde name are the same word.
            assert_eq!(
                serde_json::to_string(e).unwrap(),
                format!("\"{}\"", e.as_str())
            );
        }
    }
}
