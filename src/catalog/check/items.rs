//! The rules of one item: a product, a service with its variants, offer terms,
//! option groups and components, an add-on.

use rust_decimal::Decimal;
use std::collections::HashSet;

use super::references::{check_links, check_requirements};
use super::{
    check_amount, check_contexts, check_delta, check_money_fields, check_months, check_name,
    quantity_too_large, CatalogRule, CatalogSays, Checker, Kinds,
};
use crate::catalog::{
    AddOnRecord, ComponentRecord, ItemKind, OfferTerms, OptionGroupRecord, OptionSelection,
    ProductRecord, ServiceRecord,
};
use crate::limits::MAX_QUANTITY;
use crate::money::is_valid_gtin;
use crate::vocabulary::ItemStatus;

pub(super) fn check_product(c: &mut Checker<'_>, p: &ProductRecord, kinds: &Kinds<'_>) {
    check_name(c, &p.name);
    check_money_fields(c, &p.currency, p.tax_rate);
    // A product without contexts of its own takes its contexts and links from
    // the category rule that governs it (imported products).
    if p.allowed_contexts.is_empty() {
        if !p.links.is_empty() {
            let said = c.says(CatalogSays::ProductLinksWithoutContexts);
            c.add("links", CatalogRule::Contexts, said);
        }
    } else {
        check_contexts(c, &p.allowed_contexts);
    }
    if !matches!(p.status, ItemStatus::Active | ItemStatus::Discontinued) {
        let said = c.says(CatalogSays::ProductStatus);
        c.add("status", CatalogRule::Status, said);
    }
    if let Some(ean) = &p.ean {
        if !is_valid_gtin(ean) {
            let said = c.says(CatalogSays::EanInvalid).text("ean", ean);
            c.add("ean", CatalogRule::Ean, said);
        }
    }
    if let Some(list) = p.list_price {
        check_amount(c, "list_price", list);
    }
    if let Some(unit) = &p.sales_unit {
        if unit.unit.trim().is_empty() {
            let said = c.says(CatalogSays::SalesUnitWithoutUnit);
            c.add("sales_unit.unit", CatalogRule::Required, said);
        }
        let said = match unit.content {
            Some(n) if n <= Decimal::ZERO => Some(c.says(CatalogSays::SalesUnitContentNotPositive)),
            Some(n) if n > Decimal::from(MAX_QUANTITY) => Some(
                c.says(CatalogSays::SalesUnitContentBeyondBound)
                    .number("content", n),
            ),
            _ => None,
        };
        if let Some(said) = said {
            c.add("sales_unit.content", CatalogRule::Amount, said);
        }
    }
    if let Some(cost) = p.cost_price {
        check_amount(c, "cost_price", cost);
    }
    check_requirements(c, &p.requires, kinds);
    check_links(c, &p.links, kinds);
}

pub(super) fn check_service(c: &mut Checker<'_>, s: &ServiceRecord, kinds: &Kinds<'_>) {
    check_name(c, &s.name);
    check_money_fields(c, &s.currency, s.tax_rate);
    check_contexts(c, &s.allowed_contexts);
    if s.status == ItemStatus::Discontinued {
        let said = c.says(CatalogSays::ServiceStatus);
        c.add("status", CatalogRule::Status, said);
    }
    if s.variants.is_empty() {
        let said = c.says(CatalogSays::ServiceWithoutVariant);
        c.add("variants", CatalogRule::Variants, said);
    }
    let mut variant_codes = HashSet::new();
    for (j, variant) in s.variants.iter().enumerate() {
        let path = format!("variants[{j}]");
        if variant.code.trim().is_empty() {
            let said = c
                .says(CatalogSays::VariantWithoutCode)
                .number("number", j + 1);
            c.add(format!("{path}.code"), CatalogRule::Required, said);
        } else if !variant_codes.insert(variant.code.as_str()) {
            let said = c
                .says(CatalogSays::VariantCodeTwice)
                .text("variant", &variant.code);
            c.add(format!("{path}.code"), CatalogRule::UniqueCode, said);
        }
        if variant.name.trim().is_empty() {
            let said = c
                .says(CatalogSays::VariantWithoutName)
                .number("number", j + 1);
            c.add(format!("{path}.name"), CatalogRule::Required, said);
        }
        if let Some(fee) = variant.setup_fee {
            check_amount(c, &format!("{path}.setup_fee"), fee);
        }
        check_offers(
            c,
            &format!("{path}.offers"),
            &variant.code,
            &variant.offers,
            s.status,
        );
    }
    check_option_groups(c, s, &variant_codes);
    check_components(c, &s.components, kinds);
    check_requirements(c, &s.requires, kinds);
    check_links(c, &s.links, kinds);
}

/// The offer terms of the variant `variant` of the current service.
fn check_offers(
    c: &mut Checker<'_>,
    path: &str,
    variant: &str,
    offers: &OfferTerms,
    status: ItemStatus,
) {
    if offers.is_empty() && status == ItemStatus::Active {
        let said = c
            .says(CatalogSays::VariantWithoutOffer)
            .text("variant", variant);
        c.add(path, CatalogRule::OfferTerms, said);
    }
    if let Some(r) = &offers.rental {
        check_amount(c, &format!("{path}.rental.monthly_price"), r.monthly_price);
        for (field, months) in [
            ("minimum_term_months", r.minimum_term_months),
            ("notice_period_months", r.notice_period_months),
            ("renewal_period_months", r.renewal_period_months),
        ] {
            check_months(c, format!("{path}.rental.{field}"), months);
        }
    }
    if let Some(p) = &offers.purchase {
        check_amount(c, &format!("{path}.purchase.price"), p.price);
    }
    if let Some(l) = &offers.leasing {
        check_amount(
            c,
            &format!("{path}.leasing.financed_amount"),
            l.financed_amount,
        );
        if l.term_months == 0 {
            let said = c
                .says(CatalogSays::LeasingTermZero)
                .text("variant", variant);
            c.add(
                format!("{path}.leasing.term_months"),
                CatalogRule::OfferTerms,
                said,
            );
        }
        check_months(c, format!("{path}.leasing.term_months"), l.term_months);
        if l.leasing_factor_percent <= Decimal::ZERO
            || l.leasing_factor_percent > Decimal::ONE_HUNDRED
        {
            let said = c
                .says(CatalogSays::LeasingFactorOutOfRange)
                .text("variant", variant)
                .number("factor", l.leasing_factor_percent);
            c.add(
                format!("{path}.leasing.leasing_factor_percent"),
                CatalogRule::OfferTerms,
                said,
            );
        }
        if l.residual_value_percent < Decimal::ZERO
            || l.residual_value_percent >= Decimal::ONE_HUNDRED
        {
            let said = c
                .says(CatalogSays::ResidualValueOutOfRange)
                .text("variant", variant);
            c.add(
                format!("{path}.leasing.residual_value_percent"),
                CatalogRule::OfferTerms,
                said,
            );
        }
    }
}

fn check_option_groups(c: &mut Checker<'_>, s: &ServiceRecord, variant_codes: &HashSet<&str>) {
    let mut group_codes = HashSet::new();
    for (g, group) in s.option_groups.iter().enumerate() {
        let path = format!("option_groups[{g}]");
        check_option_group(c, &path, group, variant_codes);
        if !group.code.trim().is_empty() && !group_codes.insert(group.code.as_str()) {
            let said = c
                .says(CatalogSays::OptionGroupCodeTwice)
                .text("group", &group.code);
            c.add(format!("{path}.code"), CatalogRule::UniqueCode, said);
        }
    }
}

fn check_option_group(
    c: &mut Checker<'_>,
    path: &str,
    group: &OptionGroupRecord,
    variant_codes: &HashSet<&str>,
) {
    let group_says = |c: &Checker<'_>, says| c.says(says).text("group", &group.code);
    if group.code.trim().is_empty() {
        let said = c.says(CatalogSays::OptionGroupWithoutCode);
        c.add(format!("{path}.code"), CatalogRule::Required, said);
    }
    if group.name.trim().is_empty() {
        let said = group_says(c, CatalogSays::OptionGroupWithoutName);
        c.add(format!("{path}.name"), CatalogRule::Required, said);
    }
    if group.choices.is_empty() {
        let said = group_says(c, CatalogSays::OptionGroupWithoutChoices);
        c.add(format!("{path}.choices"), CatalogRule::Options, said);
    }
    if group.required && group.selection == OptionSelection::Multiple {
        let said = c.says(CatalogSays::RequiredGroupMultiple);
        c.add(format!("{path}.required"), CatalogRule::Options, said);
    }
    for (v, variant) in group.variants.iter().enumerate() {
        if !variant_codes.contains(variant.as_str()) {
            let said =
                group_says(c, CatalogSays::OptionGroupUnknownVariant).text("variant", variant);
            c.add(
                format!("{path}.variants[{v}]"),
                CatalogRule::MissingReference,
                said,
            );
        }
    }
    let mut choice_codes = HashSet::new();
    for (k, choice) in group.choices.iter().enumerate() {
        let cpath = format!("{path}.choices[{k}]");
        if choice.code.trim().is_empty() {
            let said = group_says(c, CatalogSays::ChoiceWithoutCode);
            c.add(format!("{cpath}.code"), CatalogRule::Required, said);
        } else if !choice_codes.insert(choice.code.as_str()) {
            let said = group_says(c, CatalogSays::ChoiceCodeTwice).text("choice", &choice.code);
            c.add(format!("{cpath}.code"), CatalogRule::UniqueCode, said);
        }
        let deltas = &choice.price_deltas;
        check_delta(
            c,
            &format!("{cpath}.price_deltas.rental_monthly"),
            deltas.rental_monthly,
        );
        check_delta(
            c,
            &format!("{cpath}.price_deltas.purchase"),
            deltas.purchase,
        );
        check_delta(
            c,
            &format!("{cpath}.price_deltas.leasing_amount"),
            deltas.leasing_amount,
        );
        if choice.name.trim().is_empty() {
            let said = group_says(c, CatalogSays::ChoiceWithoutName).number("number", k + 1);
            c.add(format!("{cpath}.name"), CatalogRule::Required, said);
        }
    }
}

fn check_components(c: &mut Checker<'_>, components: &[ComponentRecord], kinds: &Kinds<'_>) {
    for (i, component) in components.iter().enumerate() {
        let path = format!("components[{i}]");
        match component {
            ComponentRecord::Goods {
                product,
                quantity_per_unit,
            } => {
                let found = match kinds.get(product.as_str()) {
                    None => Some((
                        CatalogRule::MissingReference,
                        c.says(CatalogSays::GoodsUnknown),
                    )),
                    Some((ItemKind::Product, _)) => None,
                    Some((kind, _)) => Some((
                        CatalogRule::Components,
                        c.says(CatalogSays::GoodsNotProduct)
                            .item_kind("kind", *kind),
                    )),
                };
                if let Some((rule, said)) = found {
                    c.add(
                        format!("{path}.product"),
                        rule,
                        said.text("product", product),
                    );
                }
                let said = if *quantity_per_unit == 0 {
                    Some(c.says(CatalogSays::GoodsQuantityZero))
                } else if quantity_too_large(*quantity_per_unit) {
                    Some(
                        c.says(CatalogSays::GoodsQuantityBeyondBound)
                            .number("quantity", quantity_per_unit),
                    )
                } else {
                    None
                };
                if let Some(said) = said {
                    c.add(
                        format!("{path}.quantity_per_unit"),
                        CatalogRule::Components,
                        said,
                    );
                }
            }
            ComponentRecord::Resource { description } | ComponentRecord::Action { description } => {
                if description.trim().is_empty() {
                    let said = c.says(CatalogSays::ComponentWithoutDescription);
                    c.add(format!("{path}.description"), CatalogRule::Required, said);
                }
            }
        }
    }
}

pub(super) fn check_add_on(c: &mut Checker<'_>, a: &AddOnRecord, kinds: &Kinds<'_>) {
    check_name(c, &a.name);
    check_money_fields(c, &a.currency, a.tax_rate);
    check_amount(c, "one_time_price", a.one_time_price);
    if a.status == ItemStatus::Discontinued {
        let said = c.says(CatalogSays::AddOnStatus);
        c.add("status", CatalogRule::Status, said);
    }
    if a.applies_to.is_empty() {
        let said = c.says(CatalogSays::AddOnWithoutTargets);
        c.add("applies_to", CatalogRule::AddOnTargets, said);
    }
    let mut seen = HashSet::new();
    for (j, target) in a.applies_to.iter().enumerate() {
        let field = format!("applies_to[{j}]");
        let found = match kinds.get(target.as_str()) {
            None => Some((
                CatalogRule::MissingReference,
                CatalogSays::AddOnTargetUnknown,
            )),
            Some((ItemKind::AddOn, _)) => {
                Some((CatalogRule::AddOnTargets, CatalogSays::AddOnTargetIsAddOn))
            }
            Some(_) if !seen.insert(target) => {
                Some((CatalogRule::AddOnTargets, CatalogSays::AddOnTargetTwice))
            }
            Some(_) => None,
        };
        if let Some((rule, says)) = found {
            let said = c.says(says).text("target", target);
            c.add(field, rule, said);
        }
    }
}
