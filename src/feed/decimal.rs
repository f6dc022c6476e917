//! Strict decimal numbers as suppliers write them: `1.234,56` with a decimal
//! comma, `1,234.56` with a decimal point. Anything that could be read two ways
//! (`12.3.4`, a thousands mark after the decimal mark, a currency sign) is
//! refused rather than guessed.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

use crate::limits::quote;

/// Which character separates the fraction; the other one may group thousands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum DecimalMark {
    /// `1.234,56` (German exports, ITScope).
    Comma,
    /// `1,234.56`.
    Point,
}

impl DecimalMark {
    fn chars(self) -> (char, char) {
        match self {
            DecimalMark::Comma => (',', '.'),
            DecimalMark::Point => ('.', ','),
        }
    }

    /// The mark a single value shows unambiguously, if any: the later of `,`/`.`
    /// when both occur; a lone mark unless it is followed by exactly three digits
    /// (`1,234` could be a thousand or one point two three four).
    pub fn evident_in(value: &str) -> Option<DecimalMark> {
        let value = value.trim();
        let comma = value.rfind(',');
        let point = value.rfind('.');
        match (comma, point) {
            (Some(c), Some(p)) => Some(if c > p {
                DecimalMark::Comma
            } else {
                DecimalMark::Point
            }),
            (Some(c), None) if value.matches(',').count() == 1 && value.len() - c - 1 != 3 => {
                Some(DecimalMark::Comma)
            }
            (None, Some(p)) if value.matches('.').count() == 1 && value.len() - p - 1 != 3 => {
                Some(DecimalMark::Point)
            }
            _ => None,
        }
    }
}

/// Parses `text` with the given decimal mark; the other mark is accepted only as
/// a thousands separator in groups of three before the decimal mark.
pub fn parse_decimal(text: &str, mark: DecimalMark) -> Result<Decimal, String> {
    let text = text.trim();
    let (decimal, thousands) = mark.chars();
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if unsigned.is_empty() {
        return Err("is empty, not a number".into());
    }
    if let Some(bad) = unsigned
        .chars()
        .find(|c| !c.is_ascii_digit() && *c != decimal && *c != thousands)
    {
        return Err(format!(
            "{} is not a number ({bad:?} is not allowed)",
            quote(text)
        ));
    }
    if unsigned.matches(decimal).count() > 1 {
        return Err(format!(
            "{} is not a number (more than one decimal mark {decimal:?})",
            quote(text)
        ));
    }
    let (integer, fraction) = match unsigned.split_once(decimal) {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    if let Some(fraction) = fraction {
        if fraction.is_empty() || fraction.contains(thousands) {
            return Err(format!(
                "{} is not a number with decimal mark {decimal:?}",
                quote(text)
            ));
        }
    }
    if integer.contains(thousands) {
        let mut groups = integer.split(thousands);
        let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
        if !first_ok || !groups.all(|g| g.len() == 3) {
            return Err(format!(
                "{} is not a number with decimal mark {decimal:?} ({thousands:?} groups thousands only)",
                quote(text)
            ));
        }
    }
    if integer.is_empty() && fraction.is_none() {
        return Err(format!("{} is not a number", quote(text)));
    }
    let digits: String = integer.chars().filter(|c| *c != thousands).collect();
    let normal = format!(
        "{}{}{}",
        if text.starts_with('-') { "-" } else { "" },
        if digits.is_empty() { "0" } else { &digits },
        fraction.map(|f| format!(".{f}")).unwrap_or_default()
    );
    Decimal::from_str(&normal).map_err(|e| format!("{} is not a number: {e}", quote(text)))
}

/// Parses a number whose mark is not declared (BMEcat says point, but real files
/// write `17,23` and `,8`): the mark evident in the value, else a point.
pub fn parse_decimal_any(text: &str) -> Result<Decimal, String> {
    let mark = DecimalMark::evident_in(text).unwrap_or(if text.contains(',') {
        DecimalMark::Comma
    } else {
        DecimalMark::Point
    });
    parse_decimal(text, mark)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("test literal")
    }

    #[test]
    fn comma_mark_reads_german_amounts() {
        assert_eq!(
            parse_decimal("1.234,56", DecimalMark::Comma),
            Ok(d("1234.56"))
        );
        assert_eq!(parse_decimal("17,23", DecimalMark::Comma), Ok(d("17.23")));
        assert_eq!(
            parse_decimal("1.234.567", DecimalMark::Comma),
            Ok(d("1234567"))
        );
        assert_eq!(parse_decimal(",8", DecimalMark::Comma), Ok(d("0.8")));
        assert_eq!(parse_decimal("-3,5", DecimalMark::Comma), Ok(d("-3.5")));
    }

    #[test]
    fn point_mark_reads_english_amounts() {
        assert_eq!(
            parse_decimal("1,234.56", DecimalMark::Point),
            Ok(d("1234.56"))
        );
        assert_eq!(parse_decimal("1499.5", DecimalMark::Point), Ok(d("1499.5")));
        assert_eq!(parse_decimal(" 42 ", DecimalMark::Point), Ok(d("42")));
    }

    #[test]
    fn ambiguous_or_broken_numbers_are_refused() {
        assert!(parse_decimal("12.3.4", DecimalMark::Point).is_err());
        assert!(parse_decimal("12.3.4", DecimalMark::Comma).is_err());
        assert!(parse_decimal("1.234,56", DecimalMark::Point).is_err());
        assert!(parse_decimal("1,234.56", DecimalMark::Comma).is_err());
        assert!(parse_decimal("12,34,5", DecimalMark::Point).is_err());
        assert!(parse_decimal("12 €", DecimalMark::Comma).is_err());
        assert!(parse_decimal("1e5", DecimalMark::Point).is_err());
        assert!(parse_decimal("", DecimalMark::Point).is_err());
        assert!(parse_decimal("-", DecimalMark::Point).is_err());
        assert!(parse_decimal("5,", DecimalMark::Comma).is_err());
    }

    #[test]
    fn evident_marks() {
        assert_eq!(
            DecimalMark::evident_in("1.234,56"),
            Some(DecimalMark::Comma)
        );
        assert_eq!(DecimalMark::evident_in("17,23"), Some(DecimalMark::Comma));
        assert_eq!(DecimalMark::evident_in("17.5"), Some(DecimalMark::Point));
        assert_eq!(DecimalMark::evident_in("1,234"), None);
        assert_eq!(DecimalMark::evident_in("42"), None);
        assert_eq!(parse_decimal_any("17,23"), Ok(d("17.23")));
        assert_eq!(parse_decimal_any(",8"), Ok(d("0.8")));
        assert_eq!(parse_decimal_any("0.19"), Ok(d("0.19")));
    }
}
