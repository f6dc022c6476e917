//! Prices per sales unit: what a BMEcat price means, turned into the price of
//! one order unit (the unit the product is sold in), with checked arithmetic.
//!
//! A stated price is for `PRICE_QUANTITY` order units (BMEcat 1.x and 2005,
//! `ARTICLE_ORDER_DETAILS` / `PRODUCT_ORDER_DETAILS`) and is multiplied by its
//! `PRICE_FACTOR`:
//!
//! ```text
//! price per order unit = PRICE_AMOUNT × PRICE_FACTOR ÷ PRICE_QUANTITY
//! ```
//!
//! A BMEcat 2005 `PRICE_BASE` says the price is for `PRICE_UNIT_VALUE` of
//! `PRICE_UNIT` instead, and one order unit holds `PRICE_UNIT_FACTOR` of them:
//!
//! ```text
//! price per order unit = PRICE_AMOUNT × PRICE_FACTOR ÷ PRICE_UNIT_VALUE × PRICE_UNIT_FACTOR
//! ```
//!
//! Without `PRICE_UNIT_FACTOR` the price unit must be the order unit (factor 1)
//! or its content unit (factor `NO_CU_PER_OU`); anything else is not guessed:
//! the article is rejected with the reason. Of several tiers (`LOWER_BOUND`)
//! the one that applies to the smallest order (`QUANTITY_MIN`, else 1) is
//! taken; when every tier starts above it, the lowest tier.
//!
//! Division does not always end (10 for 3 units): a stored unit price keeps at
//! most [`UNIT_PRICE_DECIMALS`] decimals, rounded half away from zero. Cents
//! come later, once per offer line (quantity × unit price).

use rust_decimal::{Decimal, RoundingStrategy};

use super::record::{OrderDetails, PriceBase, PriceConversion, SupplierArticle, SupplierPrice};
use crate::catalog::SalesUnit;
use crate::limits::{MAX_AMOUNT, MAX_AMOUNT_TEXT};

/// Decimals a stored unit price keeps at most (a price of 1.23 for 1,000,000
/// units is 0.00000123 exactly).
pub const UNIT_PRICE_DECIMALS: u32 = 8;

/// Which price types to take, in order of preference, and the preferred
/// currency among an article's prices.
#[derive(Debug, Clone, Copy)]
pub struct PriceChoice<'o> {
    pub cost_types: &'o [String],
    pub list_types: &'o [String],
    pub currency: Option<&'o str>,
}

/// Why an article's prices cannot be taken: the element concerned and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceError {
    pub field: String,
    pub reason: String,
}

fn error(field: &str, reason: String) -> PriceError {
    PriceError {
        field: field.into(),
        reason,
    }
}

/// Sets the article's cost and list price (per order unit), their
/// conversions, currency and tax rate from its stated prices and order
/// details. An article without any price amount stays without prices (it is
/// imported unpriced); one whose prices are all of types not chosen is an error
/// that names them.
pub fn apply_prices(
    article: &mut SupplierArticle,
    choice: &PriceChoice<'_>,
) -> Result<(), PriceError> {
    article.cost_price = None;
    article.list_price = None;
    article.cost_conversion = None;
    article.list_conversion = None;
    let any_tax = article.prices.iter().find_map(|p| p.tax_rate);
    if !article.prices.iter().any(|p| p.amount.is_some()) {
        article.tax_rate = article.tax_rate.or(any_tax);
        return Ok(());
    }
    let minimum = article
        .order
        .quantity_min
        .filter(|q| *q > Decimal::ZERO)
        .unwrap_or(Decimal::ONE);
    let cost = pick(&article.prices, choice.cost_types, choice.currency, minimum);
    let list = pick(&article.prices, choice.list_types, choice.currency, minimum);
    if cost.is_none() && list.is_none() {
        return Err(no_chosen_type(&article.prices, choice));
    }
    let chosen = cost.or(list).map(|(p, _)| p);
    let currency = chosen.and_then(|p| p.currency.clone());
    let tax = chosen.and_then(|p| p.tax_rate).or(any_tax);
    let cost = cost
        .map(|(p, tiers)| convert(p, tiers, &article.order))
        .transpose()?;
    let list = list
        .map(|(p, tiers)| convert(p, tiers, &article.order))
        .transpose()?;
    if currency.is_some() {
        article.currency = currency;
    }
    article.tax_rate = tax.or(article.tax_rate);
    article.cost_price = cost.as_ref().map(|c| c.unit_price);
    article.list_price = list.as_ref().map(|c| c.unit_price);
    article.cost_conversion = cost;
    article.list_conversion = list;
    Ok(())
}

/// An article whose prices are all of types not chosen: which types it has,
/// and how to choose them.
fn no_chosen_type(prices: &[SupplierPrice], choice: &PriceChoice<'_>) -> PriceError {
    let mut types: Vec<&str> = Vec::new();
    for p in prices.iter().filter(|p| p.amount.is_some()) {
        let name = p.price_type.trim();
        if !types.iter().any(|t| t.eq_ignore_ascii_case(name)) {
            types.push(name);
        }
    }
    let shown: Vec<String> = types.iter().map(|t| format!("{t:?}")).collect();
    let example = types.first().copied().unwrap_or("TYPE");
    error(
        "price_type",
        format!(
            "its prices are of type {}, and none of them is chosen as cost price ({}) or list \
             price ({}): choose them under Price types in the import wizard, or with \
             --price-type cost=TYPE and --price-type list=TYPE (for example --price-type cost={example})",
            shown.join(", "),
            list_text(choice.cost_types),
            list_text(choice.list_types),
        ),
    )
}

/// The price types an article's cost and list price are taken from (whether
/// or not their conversion succeeds).
pub fn taken_types<'p>(
    article: &'p SupplierArticle,
    choice: &PriceChoice<'_>,
) -> (Option<&'p str>, Option<&'p str>) {
    let minimum = article
        .order
        .quantity_min
        .filter(|q| *q > Decimal::ZERO)
        .unwrap_or(Decimal::ONE);
    let taken = |types: &[String]| {
        pick(&article.prices, types, choice.currency, minimum).map(|(p, _)| p.price_type.as_str())
    };
    (taken(choice.cost_types), taken(choice.list_types))
}

fn list_text(types: &[String]) -> String {
    if types.is_empty() {
        "none".into()
    } else {
        types.join(", ")
    }
}

/// The price of the first type in `types` that has an amount: in the preferred
/// currency if there is one, of the tier that applies to `minimum` order units
/// (the lowest tier if all start above it), with how many tiers the type has.
fn pick<'p>(
    prices: &'p [SupplierPrice],
    types: &[String],
    currency: Option<&str>,
    minimum: Decimal,
) -> Option<(&'p SupplierPrice, u32)> {
    types.iter().find_map(|wanted| {
        let wanted = wanted.trim();
        let candidates: Vec<&SupplierPrice> = prices
            .iter()
            .filter(|p| p.price_type.trim().eq_ignore_ascii_case(wanted) && p.amount.is_some())
            .collect();
        let in_currency: Vec<&SupplierPrice> = candidates
            .iter()
            .copied()
            .filter(|p| currency.is_some() && p.currency.as_deref() == currency)
            .collect();
        let pool = if in_currency.is_empty() {
            candidates
        } else {
            in_currency
        };
        // The first in file order among equals.
        let mut applies: Option<&SupplierPrice> = None;
        let mut lowest: Option<&SupplierPrice> = None;
        for p in &pool {
            if p.lower_bound <= minimum && applies.is_none_or(|a| p.lower_bound > a.lower_bound) {
                applies = Some(p);
            }
            if lowest.is_none_or(|l| p.lower_bound < l.lower_bound) {
                lowest = Some(p);
            }
        }
        let tiers = u32::try_from(pool.len()).unwrap_or(u32::MAX);
        applies.or(lowest).map(|p| (p, tiers))
    })
}

/// One price as the price of one order unit.
pub fn convert(
    price: &SupplierPrice,
    tiers: u32,
    order: &OrderDetails,
) -> Result<PriceConversion, PriceError> {
    let amount = price
        .amount
        .ok_or_else(|| error("PRICE_AMOUNT", "the price has no amount".into()))?;
    let ty = &price.price_type;
    let mut steps = format!("{amount}");
    let too_large = |field: &str, steps: &str| {
        error(
            field,
            format!(
                "the {ty:?} price {steps} is beyond {MAX_AMOUNT_TEXT}, the largest amount Servicefolio accepts"
            ),
        )
    };
    let mut value = amount;
    if price.factor != Decimal::ONE {
        steps.push_str(&format!(" × PRICE_FACTOR {}", price.factor));
        value = value
            .checked_mul(price.factor)
            .ok_or_else(|| too_large("PRICE_FACTOR", &steps))?;
    }
    let price_quantity = order.price_quantity.unwrap_or(Decimal::ONE);
    let mut units_per_order_unit = None;
    let mut divided = false;
    match &price.base {
        Some(base) => {
            if price_quantity != Decimal::ONE {
                return Err(error(
                    "PRICE_QUANTITY",
                    format!(
                        "the {ty:?} price states both PRICE_QUANTITY {price_quantity} and a PRICE_BASE \
                         ({} {}): which quantity it is for is not guessed",
                        base.value,
                        base.unit.as_deref().unwrap_or("units")
                    ),
                ));
            }
            let per = per_order_unit(ty, base, order)?;
            if base.value != Decimal::ONE {
                steps.push_str(&format!(" ÷ PRICE_UNIT_VALUE {}", base.value));
                divided = true;
                value = value
                    .checked_div(base.value)
                    .ok_or_else(|| too_large("PRICE_UNIT_VALUE", &steps))?;
            }
            if per != Decimal::ONE {
                steps.push_str(&format!(" × {per} (price units per order unit)"));
                value = value
                    .checked_mul(per)
                    .ok_or_else(|| too_large("PRICE_UNIT_FACTOR", &steps))?;
            }
            units_per_order_unit = Some(per);
        }
        None if price_quantity != Decimal::ONE => {
            steps.push_str(&format!(" ÷ PRICE_QUANTITY {price_quantity}"));
            divided = true;
            value = value
                .checked_div(price_quantity)
                .ok_or_else(|| too_large("PRICE_QUANTITY", &steps))?;
        }
        None => {}
    }
    if value.scale() > UNIT_PRICE_DECIMALS {
        value = value
            .round_dp_with_strategy(UNIT_PRICE_DECIMALS, RoundingStrategy::MidpointAwayFromZero);
    }
    if divided {
        // 10.50 ÷ 100 is 0.105, not 0.1050.
        value = value.normalize();
    }
    if value > MAX_AMOUNT {
        let field = if price.factor != Decimal::ONE {
            "PRICE_FACTOR"
        } else {
            "PRICE_AMOUNT"
        };
        return Err(too_large(field, &format!("{steps} = {value}")));
    }
    if value < Decimal::ZERO {
        return Err(error(
            "PRICE_AMOUNT",
            format!("the {ty:?} price {steps} is negative: a price cannot be below zero"),
        ));
    }
    Ok(PriceConversion {
        price_type: price.price_type.clone(),
        amount,
        currency: price.currency.clone(),
        factor: price.factor,
        lower_bound: price.lower_bound,
        tiers,
        quantity_min: order.quantity_min,
        price_quantity,
        base: price.base.clone(),
        units_per_order_unit,
        order_unit: order.order_unit.clone(),
        unit_price: value,
    })
}

/// How many of the price base's unit one order unit holds.
fn per_order_unit(ty: &str, base: &PriceBase, order: &OrderDetails) -> Result<Decimal, PriceError> {
    if let Some(factor) = base.factor {
        return Ok(factor);
    }
    let Some(unit) = base
        .unit
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
    else {
        // A base without a unit is an amount of order units.
        return Ok(Decimal::ONE);
    };
    let order_unit = order
        .order_unit
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty());
    if order_unit.is_some_and(|o| SalesUnit::same_code(o, unit)) {
        return Ok(Decimal::ONE);
    }
    if let (Some(content_unit), Some(content)) =
        (order.content_unit.as_deref(), order.content_per_order_unit)
    {
        if SalesUnit::same_code(content_unit, unit) {
            return Ok(content);
        }
    }
    Err(error(
        "PRICE_UNIT",
        match order_unit {
            Some(o) => format!(
                "the {ty:?} price is for {} {unit}, the article is ordered per {o}{}, and no \
                 PRICE_UNIT_FACTOR says how many {unit} one {o} holds: the price per {o} is not guessed",
                base.value,
                match (&order.content_unit, order.content_per_order_unit) {
                    (Some(cu), Some(n)) => format!(" (of {n} {cu})"),
                    _ => String::new(),
                }
            ),
            None => format!(
                "the {ty:?} price is for {} {unit}, but the article states no ORDER_UNIT and no \
                 PRICE_UNIT_FACTOR: the price per unit it is sold in is not guessed",
                base.value
            ),
        },
    ))
}

/// The unit a product with these order details is sold in, when it is not a
/// piece: the order unit, with its content when that says more than "one".
pub fn sales_unit(order: &OrderDetails) -> Option<SalesUnit> {
    let unit = order
        .order_unit
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())?;
    let content_unit = order
        .content_unit
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty());
    let content = order
        .content_per_order_unit
        .filter(|n| *n > Decimal::ZERO)
        .filter(|n| {
            *n != Decimal::ONE || content_unit.is_some_and(|c| !SalesUnit::same_code(c, unit))
        });
    if SalesUnit::is_piece_code(unit) && content.is_none() {
        return None;
    }
    Some(SalesUnit {
        unit: unit.to_owned(),
        content: content.map(|n| n.normalize()),
        content_unit: content.and(content_unit.map(str::to_owned)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("test literal")
    }

    fn price(ty: &str, amount: &str) -> SupplierPrice {
        SupplierPrice {
            price_type: ty.into(),
            amount: Some(d(amount)),
            currency: Some("EUR".into()),
            tax_rate: None,
            factor: Decimal::ONE,
            lower_bound: Decimal::ONE,
            base: None,
        }
    }

    fn order(quantity: Option<&str>) -> OrderDetails {
        OrderDetails {
            order_unit: Some("C62".into()),
            price_quantity: quantity.map(d),
            ..OrderDetails::default()
        }
    }

    #[test]
    fn a_price_for_a_quantity_is_divided_by_it() {
        let c = convert(&price("net_list", "10.50"), 1, &order(Some("100"))).unwrap();
        assert_eq!(c.unit_price, d("0.105"));
        assert_eq!(c.unit_price.to_string(), "0.105");
        assert_eq!(c.kinds(), [crate::feed::ConversionKind::PriceQuantity]);
    }

    #[test]
    fn division_that_does_not_end_keeps_eight_decimals_rounded_half_away_from_zero() {
        let c = convert(&price("net_list", "10"), 1, &order(Some("3"))).unwrap();
        assert_eq!(c.unit_price.to_string(), "3.33333333");
        let c = convert(&price("net_list", "20"), 1, &order(Some("3"))).unwrap();
        assert_eq!(c.unit_price.to_string(), "6.66666667");
        let c = convert(&price("net_list", "1.23"), 1, &order(Some("1000000"))).unwrap();
        assert_eq!(c.unit_price.to_string(), "0.00000123");
    }

    #[test]
    fn a_huge_factor_is_an_error_not_a_panic() {
        let mut p = price("net_list", "12.50");
        p.factor = d("10000000000000000000000000000");
        let e = convert(&p, 1, &order(None)).unwrap_err();
        assert_eq!(e.field, "PRICE_FACTOR");
        assert!(
            e.reason
                .contains("12.50 × PRICE_FACTOR 10000000000000000000000000000"),
            "{}",
            e.reason
        );
        assert!(e.reason.contains("1000000000000"), "{}", e.reason);
        p.factor = d("100000000000");
        let e = convert(&p, 1, &order(None)).unwrap_err();
        assert_eq!(e.field, "PRICE_FACTOR", "within Decimal, beyond the bound");
        p.factor = d("1000000");
        assert_eq!(
            convert(&p, 1, &order(None)).unwrap().unit_price,
            d("12500000")
        );
    }

    #[test]
    fn price_base_converts_to_the_order_unit_or_refuses() {
        // A roll of 50 m, priced per 100 m.
        let mut p = price("net_list", "80");
        p.base = Some(PriceBase {
            value: d("100"),
            unit: Some("MTR".into()),
            factor: Some(d("50")),
        });
        let roll = OrderDetails {
            order_unit: Some("RO".into()),
            ..OrderDetails::default()
        };
        assert_eq!(convert(&p, 1, &roll).unwrap().unit_price, d("40"));
        // Without the factor, metres are neither the order unit nor its content.
        p.base.as_mut().unwrap().factor = None;
        let e = convert(&p, 1, &roll).unwrap_err();
        assert_eq!(e.field, "PRICE_UNIT");
        assert!(e.reason.contains("not guessed"), "{}", e.reason);
        // ... unless the roll says it holds 50 MTR.
        let with_content = OrderDetails {
            content_unit: Some("MTR".into()),
            content_per_order_unit: Some(d("50")),
            ..roll
        };
        assert_eq!(convert(&p, 1, &with_content).unwrap().unit_price, d("40"));
    }

    #[test]
    fn tiers_take_the_one_for_the_minimum_order() {
        let tier = |amount: &str, from: &str| SupplierPrice {
            lower_bound: d(from),
            ..price("net_list", amount)
        };
        let prices = vec![tier("8", "100"), tier("10", "1"), tier("9", "10")];
        let types = vec!["net_list".to_owned()];
        let (p, tiers) = pick(&prices, &types, None, Decimal::ONE).unwrap();
        assert_eq!((p.amount, tiers), (Some(d("10")), 3));
        let (p, _) = pick(&prices, &types, None, d("10")).unwrap();
        assert_eq!(p.amount, Some(d("9")));
        let (p, _) = pick(&prices, &types, None, d("50")).unwrap();
        assert_eq!(p.amount, Some(d("9")));
        // Every tier above the minimum: the lowest.
        let (p, _) = pick(&prices[..1], &types, None, Decimal::ONE).unwrap();
        assert_eq!(p.amount, Some(d("8")));
    }

    #[test]
    fn sales_units() {
        let o = |unit: &str, content: Option<&str>, cu: Option<&str>| OrderDetails {
            order_unit: Some(unit.into()),
            content_per_order_unit: content.map(d),
            content_unit: cu.map(Into::into),
            ..OrderDetails::default()
        };
        assert_eq!(sales_unit(&o("C62", None, None)), None);
        assert_eq!(sales_unit(&o("C62", None, Some("C62"))), None);
        assert_eq!(sales_unit(&o("PCE", Some("1"), Some("C62"))), None);
        assert_eq!(
            sales_unit(&o("PK", Some("10"), Some("C62"))),
            Some(SalesUnit {
                unit: "PK".into(),
                content: Some(d("10")),
                content_unit: Some("C62".into())
            })
        );
        assert_eq!(
            sales_unit(&o("MTR", None, None)),
            Some(SalesUnit {
                unit: "MTR".into(),
                content: None,
                content_unit: None
            })
        );
        assert_eq!(sales_unit(&OrderDetails::default()), None);
    }
}
