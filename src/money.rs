//! Money is `Decimal`, stored in SQLite as its exact text form (never REAL).

use rust_decimal::Decimal;
use std::str::FromStr;

use crate::error::{InputSays, Wording};
use crate::limits::{MAX_AMOUNT_TEXT, MAX_QUANTITY, MAX_QUANTITY_TEXT};
use crate::{Error, Result};

/// 10^(12 + scale) for the scales at which a `Decimal` can exceed 10^12: the
/// bound as a mantissa. (Above scale 16, 10^(12 + scale) is beyond any
/// mantissa, 2^96.)
const BOUND_MANTISSA: [u128; 17] = {
    let mut table = [0u128; 17];
    let mut scale = 0;
    while scale < 17 {
        table[scale] = 10u128.pow(12 + scale as u32);
        scale += 1;
    }
    table
};

/// Whether `value` is an amount within [`MAX_AMOUNT`](crate::limits::MAX_AMOUNT) either way. Integer
/// arithmetic on the mantissa: this runs for every sum in an offer's totals.
pub fn within_bounds(value: Decimal) -> bool {
    let mantissa = value.mantissa().unsigned_abs();
    BOUND_MANTISSA
        .get(value.scale() as usize)
        .is_none_or(|bound| mantissa <= *bound)
}

/// Why an amount someone entered (a price, a fee, a delta) cannot be taken, if
/// it cannot: negative (unless `may_be_negative`, as for an option's delta, a
/// discount) or beyond [`MAX_AMOUNT`](crate::limits::MAX_AMOUNT). The caller names the field.
pub fn amount_problem(value: Decimal, may_be_negative: bool) -> Option<String> {
    amount_wording(value, may_be_negative).map(|w| w.english())
}

/// [`amount_problem`] as a sentence with its values (the UI says it in its language).
pub fn amount_wording(value: Decimal, may_be_negative: bool) -> Option<Wording> {
    if value.is_sign_negative() && !value.is_zero() && !may_be_negative {
        Some(Wording::new(InputSays::AmountNegative).amount("amount", value))
    } else if !within_bounds(value) {
        Some(Wording::new(InputSays::AmountBeyondBound).amount("amount", value))
    } else {
        None
    }
}

/// Why the content of a sales unit (how many content units one order unit
/// holds: BMEcat `NO_CU_PER_OU`, a portfolio's `sales_unit.content`) beyond
/// [`MAX_QUANTITY`] is refused.
pub fn content_beyond_bound(content: Decimal) -> String {
    format!(
        "{content} is beyond {MAX_QUANTITY_TEXT}, the most one sales unit may hold (the largest quantity)"
    )
}

/// Why a quantity cannot be taken, if it cannot: not positive, or beyond
/// [`MAX_QUANTITY`].
pub fn quantity_problem(quantity: i64) -> Option<String> {
    quantity_wording(quantity).map(|w| w.english())
}

/// [`quantity_problem`] as a sentence with its values (the UI says it in its language).
pub fn quantity_wording(quantity: i64) -> Option<Wording> {
    if quantity <= 0 {
        Some(Wording::new(InputSays::QuantityNotPositive).number("quantity", quantity))
    } else if quantity > MAX_QUANTITY {
        Some(Wording::new(InputSays::QuantityBeyondBound).number("quantity", quantity))
    } else {
        None
    }
}

/// A computed amount (`None` when `Decimal` itself overflowed, from a chain of
/// `checked_*` operations), refused beyond [`MAX_AMOUNT`](crate::limits::MAX_AMOUNT) with an error naming
/// `what` (built only when needed).
pub(crate) fn bounded(value: Option<Decimal>, what: impl FnOnce() -> String) -> Result<Decimal> {
    match value {
        Some(v) if within_bounds(v) => Ok(v),
        _ => Err(Error::AmountOutOfBounds { what: what() }),
    }
}

/// Σ `values` with checked additions; `None` if `Decimal` overflows.
pub(crate) fn checked_sum(values: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    values
        .into_iter()
        .try_fold(Decimal::ZERO, |sum, v| sum.checked_add(v))
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

/// Why `text` is not a decimal as a portfolio file writes one, if it is not:
/// digits, optionally a leading `-` and a point with more digits (`"1299.00"`,
/// `"-2.50"`, `"19"`). No exponent (`"1e5"`), no `+`, no spaces, no grouping,
/// no more digits than `Decimal` keeps exactly (28 after the point).
pub fn strict_decimal(text: &str) -> std::result::Result<Decimal, String> {
    let quoted = crate::limits::quote(text);
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (unsigned, None),
    };
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !fraction.is_none_or(digits) {
        let hint = if unsigned.contains(['e', 'E']) {
            " (no exponent: write 100000.00, not 1e5)"
        } else {
            ""
        };
        return Err(format!(
            "{quoted} is not a decimal number as the format writes it: digits with an optional point, e.g. \"1299.00\"{hint}"
        ));
    }
    if fraction.is_some_and(|f| f.len() > 28) {
        return Err(format!(
            "{quoted} has more than 28 digits after the point; an amount keeps at most 28"
        ));
    }
    Decimal::from_str(text).map_err(|_| {
        format!("{quoted} is too large a number (far beyond {MAX_AMOUNT_TEXT}, the largest amount)")
    })
}

/// Serde helpers for decimals in portfolio records: a string as
/// [`strict_decimal`] reads it; a JSON number is refused (it would pass through
/// a float, and `1e5` would be accepted).
pub mod strict {
    use rust_decimal::Decimal;
    use serde::de::{self, Deserializer, Visitor};
    use std::fmt;

    struct Strict;

    impl<'de> Visitor<'de> for Strict {
        type Value = Decimal;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a decimal number written as a string, e.g. \"1299.00\"")
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<Decimal, E> {
            super::strict_decimal(text).map_err(E::custom)
        }

        fn visit_u64<E: de::Error>(self, n: u64) -> Result<Decimal, E> {
            Err(E::custom(format!(
                "the JSON number {n} is not read as an amount: write it as a string, \"{n}\""
            )))
        }

        fn visit_i64<E: de::Error>(self, n: i64) -> Result<Decimal, E> {
            Err(E::custom(format!(
                "the JSON number {n} is not read as an amount: write it as a string, \"{n}\""
            )))
        }

        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Decimal, E> {
            Err(E::custom(
                "a JSON number is not read as an amount (it would pass through a float): write the decimal as a string, e.g. \"1299.00\"",
            ))
        }
    }

    /// For a `Decimal` field.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        d.deserialize_any(Strict)
    }

    /// For an `Option<Decimal>` field (`null` is none).
    pub fn option<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        struct Optional;
        impl<'de> Visitor<'de> for Optional {
            type Value = Option<Decimal>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                Strict.expecting(f)
            }

            fn visit_none<E: de::Error>(self) -> Result<Option<Decimal>, E> {
                Ok(None)
            }

            fn visit_unit<E: de::Error>(self) -> Result<Option<Decimal>, E> {
                Ok(None)
            }

            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<Decimal>, D::Error> {
                deserialize(d).map(Some)
            }
        }
        d.deserialize_option(Optional)
    }
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
    use crate::limits::MAX_AMOUNT;

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
        // At every scale, exactly as a comparison of the values would say.
        for scale in 0..=28u32 {
            let at = MAX_AMOUNT.round_dp(scale).trunc_with_scale(scale);
            let mut exact = at;
            exact.rescale(scale);
            assert!(within_bounds(exact), "{exact}");
            assert!(within_bounds(-exact), "{exact}");
            let step = Decimal::new(1, scale);
            if let Some(over) = exact.checked_add(step) {
                assert_eq!(within_bounds(over), over <= MAX_AMOUNT, "{over}");
            }
        }
        assert!(!within_bounds(Decimal::MAX));
        assert!(!within_bounds(Decimal::MIN));
        assert!(within_bounds(Decimal::new(1, 28)));
    }

    #[test]
    fn amounts_and_quantities_are_checked_where_they_enter() {
        let over = MAX_AMOUNT + Decimal::new(1, 2);
        assert_eq!(amount_problem(Decimal::new(129_900, 2), false), None);
        assert_eq!(amount_problem(MAX_AMOUNT, false), None);
        assert_eq!(amount_problem(Decimal::ZERO, false), None);
        assert_eq!(amount_problem(Decimal::new(-0, 2), false), None);
        assert!(amount_problem(Decimal::new(-1, 2), false)
            .unwrap()
            .contains("negative"));
        assert_eq!(amount_problem(Decimal::new(-1, 2), true), None);
        assert!(amount_problem(over, false)
            .unwrap()
            .contains("beyond 1,000,000,000,000"));
        assert!(amount_problem(-over, true).is_some());
        assert_eq!(quantity_problem(1), None);
        assert_eq!(quantity_problem(MAX_QUANTITY), None);
        assert!(quantity_problem(0).is_some());
        assert!(quantity_problem(MAX_QUANTITY + 1)
            .unwrap()
            .contains("beyond 1,000,000"));
        assert_eq!(
            MAX_AMOUNT_TEXT.replace(',', ""),
            MAX_AMOUNT.to_string(),
            "the text says the bound"
        );
        assert_eq!(MAX_QUANTITY_TEXT.replace(',', ""), MAX_QUANTITY.to_string());
        // The sentences write the bounds out: they say the same as the constants.
        assert!(InputSays::AmountBeyondBound
            .english()
            .contains(&format!("beyond {MAX_AMOUNT_TEXT},")));
        assert!(InputSays::QuantityBeyondBound
            .english()
            .contains(&format!("beyond {MAX_QUANTITY_TEXT},")));
    }

    #[test]
    fn computed_amounts_are_bounded_not_overflowed() {
        let what = || "the total".to_owned();
        assert_eq!(bounded(Some(MAX_AMOUNT), what).unwrap(), MAX_AMOUNT);
        let err = bounded(Some(MAX_AMOUNT + Decimal::ONE), what).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::AmountOutOfBounds);
        assert!(err.to_string().starts_with("the total "), "{err}");
        assert!(bounded(Decimal::MAX.checked_add(Decimal::ONE), what).is_err());
        assert_eq!(
            checked_sum([Decimal::ONE, Decimal::TWO]),
            Some(Decimal::from(3))
        );
        assert_eq!(checked_sum([Decimal::MAX, Decimal::ONE]), None);
    }

    #[test]
    fn decimals_in_files_are_strict() {
        for ok in ["1299.00", "0", "-2.50", "19", "0.0000001", "-0.00"] {
            assert_eq!(
                strict_decimal(ok).unwrap(),
                Decimal::from_str(ok).unwrap(),
                "{ok}"
            );
        }
        assert_eq!(strict_decimal("7.90").unwrap().to_string(), "7.90");
        for bad in [
            "1e5", "1E5", "+5", " 5", "5 ", "1_000", "1,5", ".5", "5.", "", "-", "--5", "0x10",
            "١٢",
        ] {
            assert!(strict_decimal(bad).is_err(), "{bad:?} was taken");
        }
        assert!(strict_decimal("1e5").unwrap_err().contains("no exponent"));
        assert!(strict_decimal("0.12345678901234567890123456789").is_err());
        assert!(strict_decimal("792281625142643375935439503350").is_err());
        // Decimal's own maximum parses; the bound refuses it where it enters.
        assert_eq!(
            strict_decimal("79228162514264337593543950335").unwrap(),
            Decimal::MAX
        );
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
