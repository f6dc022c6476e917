//! The terms a plan line is sold on: the offer type's terms of a product or a
//! service variant with its chosen options, at the catalog's prices (the
//! customer's price list is applied after).

use crate::booking::ChosenOption;
use crate::catalog::LeasingTerms;
use crate::catalog::{ItemRecord, OptionSelection, ServiceRecord};
use crate::contract::LineTerms;
use crate::error::{Refusal, RequestProblem};
use crate::vocabulary::OfferType;
use rust_decimal::Decimal;

pub(super) type Sale = (Option<String>, LineTerms, Vec<ChosenOption>);

/// The variant, terms and options of a sale; `auto` lines (prerequisites, linked
/// items) take the first choice of each required option group.
pub(super) fn sale_terms(
    record: &ItemRecord,
    variant: Option<&str>,
    offer_type: OfferType,
    chosen: &[ChosenOption],
    auto: bool,
) -> std::result::Result<Sale, Vec<RequestProblem>> {
    match record {
        ItemRecord::AddOn(a) => Err(vec![RequestProblem::new(Refusal::AddOn {
            item: a.name.clone(),
        })]),
        ItemRecord::Product(p) => {
            let mut errors = Vec::new();
            if offer_type != OfferType::Purchase {
                errors.push(RequestProblem::new(Refusal::ProductPurchasedOnly {
                    item: p.name.clone(),
                    offer_type,
                }));
            }
            if variant.is_some() || !chosen.is_empty() {
                errors.push(RequestProblem::new(Refusal::ProductHasNoVariants {
                    item: p.name.clone(),
                }));
            }
            // An unpriced product (imported without a price) is never sold at 0.
            let Some(price) = p.list_price else {
                errors.push(RequestProblem::new(Refusal::Unpriced {
                    item: p.name.clone(),
                }));
                return Err(errors);
            };
            // A price an older version or a feed stored out of bounds is not sold.
            if let Some(reason) = crate::money::amount_problem(price, false) {
                errors.push(RequestProblem::other(format!(
                    "{}: its price {reason}",
                    p.name
                )));
            }
            if !errors.is_empty() {
                return Err(errors);
            }
            Ok((
                None,
                LineTerms {
                    offer_type: OfferType::Purchase,
                    currency: p.currency.clone(),
                    tax_rate: p.tax_rate,
                    monthly_per_unit: Decimal::ZERO,
                    one_time_per_unit: price,
                    setup_fee: Decimal::ZERO,
                    minimum_term_months: 0,
                    notice_period_months: 0,
                    renewal_period_months: 0,
                    leasing: None,
                },
                Vec::new(),
            ))
        }
        ItemRecord::Service(s) => service_terms(s, variant, offer_type, chosen, auto),
    }
}

pub(super) fn service_terms(
    s: &ServiceRecord,
    variant: Option<&str>,
    offer_type: OfferType,
    chosen: &[ChosenOption],
    auto: bool,
) -> std::result::Result<Sale, Vec<RequestProblem>> {
    let mut errors = Vec::new();
    let Some(code) = variant else {
        return Err(vec![RequestProblem::new(Refusal::NeedsVariant {
            item: s.name.clone(),
            variants: s.variants.iter().map(|v| v.code.clone()).collect(),
        })]);
    };
    let Some(v) = s.variants.iter().find(|v| v.code == code) else {
        return Err(vec![RequestProblem::new(Refusal::NoSuchVariant {
            item: s.name.clone(),
            variant: code.to_owned(),
        })]);
    };
    let groups: Vec<_> = s
        .option_groups
        .iter()
        .filter(|g| g.variants.is_empty() || g.variants.iter().any(|c| c == code))
        .collect();
    let mut options: Vec<ChosenOption> = Vec::new();
    for option in chosen {
        match s.option_groups.iter().find(|g| g.code == option.group) {
            None => errors.push(RequestProblem::new(Refusal::NoSuchOptionGroup {
                item: s.name.clone(),
                group: option.group.clone(),
            })),
            Some(g) if !groups.iter().any(|x| x.code == g.code) => {
                errors.push(RequestProblem::new(Refusal::GroupNotOffered {
                    item: s.name.clone(),
                    variant: v.name.clone(),
                    group: g.name.clone(),
                }))
            }
            Some(g) if !g.choices.iter().any(|c| c.code == option.choice) => {
                errors.push(RequestProblem::new(Refusal::NoSuchChoice {
                    group: g.name.clone(),
                    choice: option.choice.clone(),
                }))
            }
            Some(_) if options.contains(option) => {}
            Some(_) => options.push(option.clone()),
        }
    }
    for g in &groups {
        let picked = options.iter().filter(|o| o.group == g.code).count();
        if g.selection == OptionSelection::Single && picked > 1 {
            errors.push(RequestProblem::new(Refusal::OneChoice {
                group: g.name.clone(),
                picked: u32::try_from(picked).unwrap_or(u32::MAX),
            }));
        }
        if g.required && picked == 0 {
            match (auto, g.choices.first()) {
                (true, Some(first)) => options.push(ChosenOption {
                    group: g.code.clone(),
                    choice: first.code.clone(),
                }),
                _ => errors.push(RequestProblem::new(Refusal::NeedsChoice {
                    item: s.name.clone(),
                    group: g.name.clone(),
                })),
            }
        }
    }
    // The unit price with the chosen options' deltas: 0 to MAX_AMOUNT, or the
    // request is refused (deltas may be negative, the sum may not).
    let with_deltas = |price: Decimal,
                       pick: &dyn Fn(&crate::catalog::PriceDeltas) -> Option<Decimal>|
     -> std::result::Result<Decimal, String> {
        let sum = crate::money::checked_sum(
            options
                .iter()
                .filter_map(|o| {
                    s.option_groups
                        .iter()
                        .find(|g| g.code == o.group)?
                        .choices
                        .iter()
                        .find(|c| c.code == o.choice)
                })
                .filter_map(|c| pick(&c.price_deltas)),
        )
        .and_then(|deltas| price.checked_add(deltas));
        match sum.map(|p| crate::money::amount_problem(p, false)) {
            Some(None) => Ok(sum.unwrap_or_default()),
            Some(Some(reason)) => Err(format!(
                "{} {} with these options: the unit price {reason}",
                s.name, v.name
            )),
            None => Err(format!(
                "{} {} with these options: the unit price is beyond {}",
                s.name,
                v.name,
                crate::limits::MAX_AMOUNT_TEXT
            )),
        }
    };
    let base = LineTerms {
        offer_type,
        currency: s.currency.clone(),
        tax_rate: s.tax_rate,
        monthly_per_unit: Decimal::ZERO,
        one_time_per_unit: Decimal::ZERO,
        setup_fee: v.setup_fee.unwrap_or_default(),
        minimum_term_months: 0,
        notice_period_months: 0,
        renewal_period_months: 0,
        leasing: None,
    };
    let terms: Option<std::result::Result<LineTerms, String>> = match offer_type {
        OfferType::Rental => v.offers.rental.as_ref().map(|r| {
            Ok(LineTerms {
                monthly_per_unit: with_deltas(r.monthly_price, &|d| d.rental_monthly)?,
                minimum_term_months: r.minimum_term_months,
                notice_period_months: r.notice_period_months,
                renewal_period_months: r.renewal_period_months,
                ..base.clone()
            })
        }),
        OfferType::Purchase => v.offers.purchase.as_ref().map(|p| {
            Ok(LineTerms {
                one_time_per_unit: with_deltas(p.price, &|d| d.purchase)?,
                ..base.clone()
            })
        }),
        OfferType::Leasing => v.offers.leasing.as_ref().map(|l| {
            let leasing = LeasingTerms {
                financed_amount: with_deltas(l.financed_amount, &|d| d.leasing_amount)?,
                ..l.clone()
            };
            Ok(LineTerms {
                minimum_term_months: l.term_months,
                monthly_per_unit: crate::pricing::leasing_rate(&leasing)
                    .map_err(|e| format!("{} {}: {e}", s.name, v.name))?,
                leasing: Some(leasing),
                ..base.clone()
            })
        }),
    };
    let terms = match terms.transpose() {
        Ok(terms) => terms,
        Err(reason) => {
            errors.push(RequestProblem::other(reason));
            return Err(errors);
        }
    };
    let Some(terms) = terms else {
        errors.push(RequestProblem::new(Refusal::OfferTypeNotOffered {
            item: s.name.clone(),
            variant: v.name.clone(),
            offer_type,
        }));
        return Err(errors);
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    options.sort();
    Ok((Some(code.to_owned()), terms, options))
}

/// The sale of an item added by the engine: a product is purchased; a service
/// takes its first variant, sold like the line it comes with if it can be.
pub(super) fn default_sale(
    record: &ItemRecord,
    preferred: OfferType,
) -> std::result::Result<Sale, Vec<RequestProblem>> {
    match record {
        ItemRecord::Service(s) => {
            let Some(v) = s.variants.first() else {
                return Err(vec![RequestProblem::other(format!(
                    "{} has no variant",
                    s.name
                ))]);
            };
            let offered = |t: OfferType| match t {
                OfferType::Rental => v.offers.rental.is_some(),
                OfferType::Purchase => v.offers.purchase.is_some(),
                OfferType::Leasing => v.offers.leasing.is_some(),
            };
            let offer_type = [
                preferred,
                OfferType::Rental,
                OfferType::Purchase,
                OfferType::Leasing,
            ]
            .into_iter()
            .find(|t| offered(*t))
            .unwrap_or(preferred);
            service_terms(s, Some(&v.code), offer_type, &[], true)
        }
        other => sale_terms(other, None, OfferType::Purchase, &[], true),
    }
}
