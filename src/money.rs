//! Money is `Decimal`, stored in SQLite as its exact text form (never REAL).

use rust_decimal::Decimal;
use std::str::FromStr;

use crate::{Error, Result};

/// The largest amount Servicefolio accepts or computes, in any currency and for
/// anything: a unit price, a line, a total (10^12, a trillion). Beyond it an input
/// is refused with a clear reason instead of overflowing `Decimal` (which panics at
/// about 7.9 × 10^28) somewhere later in a product, a sum or a document. A real
/// offer stays many orders of magnitude below.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(0xD4A5_1000, 0xE8, 0, false, 0);

/// Whether `value` is an amount within [`MAX_AMOUNT`] either way.
pub fn within_bounds(value: Decimal) -> bool {
    value.abs() <= MAX_AMOUNT
}

/// Reads a decimal stored as text; a value that does not parse means damaged data.
pub(crate) fn decimal_from_text(text: &str, column: &str) -> Result<Decimal> {
    Decimal::from_str(text)
        .map_err(|e| Error::Corrupt(format!("{column} holds {text:?}, not a decimal: {e}")))
}

pub(crate) fn optional_decimal_from_text(
    text: Option<String>,
    column: &str,
) -> Result<Option<Decimal>> {
    text.map(|t| decimal_from_text(&t, column)).transpose()
}

/// An ISO 4217 currency code has exactly three upper-case Latin letters.
pub fn is_currency_code(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// A GTIN (EAN-8, UPC-A, EAN-13, GTIN-14) with a correct check digit.
pub fn is_valid_gtin(code: &str) -> bool {
    let digits: Vec<u32> = code.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != code.len() || ![8, 12, 13, 14].contains(&digits.len()) {
        return false;
    }
    let (body, check) = digits.split_at(digits.len() - 1);
    let sum: u32 = body
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| if i % 2 == 0 { d * 3 } else { *d })
        .sum();
    (10 - sum % 10) % 10 == check[0]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gtin_check_digits() {
        assert!(is_valid_gtin("4006381333931"));
        assert!(!is_valid_gtin("4006381333932"));
        assert!(is_valid_gtin("73513537"));
        assert!(is_valid_gtin("036000291452"));
        assert!(!is_valid_gtin("40063813339"));
        assert!(!is_valid_gtin("400638133393a"));
    }

    #[test]
    fn the_amount_bound_is_a_trillion() {
        assert_eq!(MAX_AMOUNT, Decimal::from(1_000_000_000_000_i64));
        assert!(within_bounds(MAX_AMOUNT));
        assert!(within_bounds(-MAX_AMOUNT));
        assert!(!within_bounds(MAX_AMOUNT + Decimal::new(1, 2)));
    }

    #[test]
    fn currency_codes() {
        assert!(is_currency_code("EUR"));
        assert!(!is_currency_code("eur"));
        assert!(!is_currency_code("EURO"));
    }

    #[test]
    fn decimals_round_trip_exactly_as_text() {
        let d = decimal_from_text("1299.90", "list_price").unwrap();
        assert_eq!(d.to_string(), "1299.90");
        assert!(decimal_from_text("12.3.4", "list_price").is_err());
    }
}
