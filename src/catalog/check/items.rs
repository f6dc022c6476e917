//! The rules of one item: a product, a service with its variants, offer terms,
//! option groups and components, an add-on.

use rust_decimal::Decimal;
use std::collections::HashSet;

use super::references::{check_links, check_requirements};
use super::{
    check_amount, check_contexts, check_delta, check_money_fields, check_months, check_name,
    quantity_too_large, with_article, CatalogRule, Checker, Kinds,
};
use crate::catalog::{
    AddOnRecord, ComponentRecord, ItemKind, OfferTerms, OptionGroupRecord, OptionSelection,
    ProductRecord, ServiceRecord,
};
use crate::limits::{MAX_QUANTITY, MAX_QUANTITY_TEXT};
use crate::money::{content_beyond_bound, is_valid_gtin};
use crate::vocabulary::ItemStatus;

pub(super) fn check_product(c: &mut Checker<'_>, p: &ProductRecord, kinds: &Kinds<'_>) {
    check_name(c, &p.name);
    check_money_fields(c, &p.currency, p.tax_rate);
    // A product without contexts of its own takes its contexts and links from
    // the category rule that governs it (imported products).
    if p.allowed_contexts.is_empty() {
        if !p.links.is_empty() {
            c.add(
                "links",
                CatalogRule::Contexts,
                format!(
                    "product {}: a product without booking contexts of its own takes its contexts and links from its category rule; give it contexts to give it links of its own",
                    p.code
                ),
            );
        }
    } else {
        check_contexts(c, &p.allowed_contexts);
    }
    if !matches!(p.status, ItemStatus::Active | ItemStatus::Discontinued) {
        c.add(
            "status",
            CatalogRule::Status,
            format!("product {}: a product is active or discontinued", p.code),
        );
    }
    if let Some(ean) = &p.ean {
        if !is_valid_gtin(ean) {
            c.add("ean", CatalogRule::Ean, format!("product {}: {ean:?} is not a valid EAN/GTIN (8, 12, 13 or 14 digits with a correct check digit)", p.code));
        }
    }
    if let Some(list) = p.list_price {
        check_amount(c, "list_price", list);
    }
    if let Some(unit) = &p.sales_unit {
        if unit.unit.trim().is_empty() {
            c.add(
                "sales_unit.unit",
                CatalogRule::Required,
                format!(
                    "product {}: a sales unit needs a unit (PK, MTR, ...)",
                    p.code
                ),
            );
        }
        match unit.content {
            Some(n) if n <= Decimal::ZERO => c.add(
                "sales_unit.content",
                CatalogRule::Amount,
                format!(
                    "product {}: the content of a sales unit must be greater than zero",
                    p.code
                ),
            ),
            Some(n) if n > Decimal::from(MAX_QUANTITY) => c.add(
                "sales_unit.content",
                CatalogRule::Amount,
                format!("product {}: {}", p.code, content_beyond_bound(n)),
            ),
            _ => {}
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
        c.add(
            "status",
            CatalogRule::Status,
            format!(
                "service {}: a service is active, deprecated or retired",
                s.code
            ),
        );
    }
    if s.variants.is_empty() {
        c.add(
            "variants",
            CatalogRule::Variants,
            format!("service {}: a service needs at least one variant", s.code),
        );
    }
    let mut variant_codes = HashSet::new();
    for (j, variant) in s.variants.iter().enumerate() {
        let path = format!("variants[{j}]");
        if variant.code.trim().is_empty() {
            c.add(
                format!("{path}.code"),
                CatalogRule::Required,
                format!("service {}: variant {} has no code", s.code, j + 1),
            );
        } else if !variant_codes.insert(variant.code.as_str()) {
            c.add(
                format!("{path}.code"),
                CatalogRule::UniqueCode,
                format!(
                    "service {}: the variant code {} is used twice",
                    s.code, variant.code
                ),
            );
        }
        if variant.name.trim().is_empty() {
            c.add(
                format!("{path}.name"),
                CatalogRule::Required,
                format!("service {}: variant {} has no name", s.code, j + 1),
            );
        }
        if let Some(fee) = variant.setup_fee {
            check_amount(c, &format!("{path}.setup_fee"), fee);
        }
        let what = format!("{} {}", s.code, variant.code);
        check_offers(
            c,
            &format!("{path}.offers"),
            &what,
            &variant.offers,
            s.status,
        );
    }
    check_option_groups(c, s, &variant_codes);
    check_components(c, &s.components, kinds);
    check_requirements(c, &s.requires, kinds);
    check_links(c, &s.links, kinds);
}

fn check_offers(
    c: &mut Checker<'_>,
    path: &str,
    what: &str,
    offers: &OfferTerms,
    status: ItemStatus,
) {
    if offers.is_empty() && status == ItemStatus::Active {
        c.add(path, CatalogRule::OfferTerms, format!("variant {what}: an active variant needs at least one offer type (rental, purchase or leasing)"));
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
            c.add(
                format!("{path}.leasing.term_months"),
                CatalogRule::OfferTerms,
                format!("variant {what}: a leasing term is at least one month"),
            );
        }
        check_months(c, format!("{path}.leasing.term_months"), l.term_months);
        if l.leasing_factor_percent <= Decimal::ZERO
            || l.leasing_factor_percent > Decimal::ONE_HUNDRED
        {
            c.add(
                format!("{path}.leasing.leasing_factor_percent"),
                CatalogRule::OfferTerms,
                format!(
                    "variant {what}: the leasing factor is a percentage of the financed amount per month, above 0 and at most 100, not {}",
                    l.leasing_factor_percent
                ),
            );
        }
        if l.residual_value_percent < Decimal::ZERO
            || l.residual_value_percent >= Decimal::ONE_HUNDRED
        {
            c.add(
                format!("{path}.leasing.residual_value_percent"),
                CatalogRule::OfferTerms,
                format!("variant {what}: the residual value is a percentage from 0 to below 100"),
            );
        }
    }
}

fn check_option_groups(c: &mut Checker<'_>, s: &ServiceRecord, variant_codes: &HashSet<&str>) {
    let mut group_codes = HashSet::new();
    for (g, group) in s.option_groups.iter().enumerate() {
        let path = format!("option_groups[{g}]");
        check_option_group(c, s, &path, group, variant_codes);
        if !group.code.trim().is_empty() && !group_codes.insert(group.code.as_str()) {
            c.add(
                format!("{path}.code"),
                CatalogRule::UniqueCode,
                format!(
                    "service {}: the option group code {} is used twice",
                    s.code, group.code
                ),
            );
        }
    }
}

fn check_option_group(
    c: &mut Checker<'_>,
    s: &ServiceRecord,
    path: &str,
    group: &OptionGroupRecord,
    variant_codes: &HashSet<&str>,
) {
    if group.code.trim().is_empty() {
        c.add(
            format!("{path}.code"),
            CatalogRule::Required,
            format!("service {}: an option group has no code", s.code),
        );
    }
    if group.name.trim().is_empty() {
        c.add(
            format!("{path}.name"),
            CatalogRule::Required,
            format!(
                "service {}: option group {} has no name",
                s.code, group.code
            ),
        );
    }
    if group.choices.is_empty() {
        c.add(
            format!("{path}.choices"),
            CatalogRule::Options,
            format!(
                "service {}: option group {} has no choices",
                s.code, group.code
            ),
        );
    }
    if group.required && group.selection == OptionSelection::Multiple {
        c.add(
            format!("{path}.required"),
            CatalogRule::Options,
            format!(
                "service {}: only a single-choice group can be required",
                s.code
            ),
        );
    }
    for (v, variant) in group.variants.iter().enumerate() {
        if !variant_codes.contains(variant.as_str()) {
            c.add(format!("{path}.variants[{v}]"), CatalogRule::MissingReference, format!("service {}: option group {} names the variant {variant:?}, which the service does not have", s.code, group.code));
        }
    }
    let mut choice_codes = HashSet::new();
    for (k, choice) in group.choices.iter().enumerate() {
        let cpath = format!("{path}.choices[{k}]");
        if choice.code.trim().is_empty() {
            c.add(
                format!("{cpath}.code"),
                CatalogRule::Required,
                format!("service {}: a choice of {} has no code", s.code, group.code),
            );
        } else if !choice_codes.insert(choice.code.as_str()) {
            c.add(
                format!("{cpath}.code"),
                CatalogRule::UniqueCode,
                format!(
                    "service {}: the choice code {} is used twice in {}",
                    s.code, choice.code, group.code
                ),
            );
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
            c.add(
                format!("{cpath}.name"),
                CatalogRule::Required,
                format!(
                    "service {}: choice {} of {} has no name",
                    s.code,
                    k + 1,
                    group.code
                ),
            );
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
                match kinds.get(product.as_str()) {
                    None => c.add(format!("{path}.product"), CatalogRule::MissingReference, format!("{}: the goods component names {product:?}, which is not in the catalog", c.code)),
                    Some((ItemKind::Product, _)) => {}
                    Some((kind, _)) => c.add(format!("{path}.product"), CatalogRule::Components, format!("{}: goods are products; {product} is {}", c.code, with_article(*kind))),
                }
                if *quantity_per_unit == 0 {
                    c.add(
                        format!("{path}.quantity_per_unit"),
                        CatalogRule::Components,
                        format!("{}: goods come at least once per unit", c.code),
                    );
                } else if quantity_too_large(*quantity_per_unit) {
                    c.add(
                        format!("{path}.quantity_per_unit"),
                        CatalogRule::Components,
                        format!(
                            "{}: {quantity_per_unit} per unit is beyond {MAX_QUANTITY_TEXT}, the largest quantity",
                            c.code
                        ),
                    );
                }
            }
            ComponentRecord::Resource { description } | ComponentRecord::Action { description } => {
                if description.trim().is_empty() {
                    c.add(
                        format!("{path}.description"),
                        CatalogRule::Required,
                        format!("{}: a component needs a description", c.code),
                    );
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
        c.add(
            "status",
            CatalogRule::Status,
            format!(
                "add-on {}: an add-on is active, deprecated or retired",
                a.code
            ),
        );
    }
    if a.applies_to.is_empty() {
        c.add(
            "applies_to",
            CatalogRule::AddOnTargets,
            format!("add-on {}: an add-on applies to at least one item", a.code),
        );
    }
    let mut seen = HashSet::new();
    for (j, target) in a.applies_to.iter().enumerate() {
        let field = format!("applies_to[{j}]");
        match kinds.get(target.as_str()) {
            None => c.add(
                field,
                CatalogRule::MissingReference,
                format!("add-on {}: no item has the code {target:?}", a.code),
            ),
            Some((ItemKind::AddOn, _)) => c.add(
                field,
                CatalogRule::AddOnTargets,
                format!(
                    "add-on {}: {target} is an add-on; add-ons apply to products and services",
                    a.code
                ),
            ),
            Some(_) if !seen.insert(target) => c.add(
                field,
                CatalogRule::AddOnTargets,
                format!("add-on {}: {target} is listed twice", a.code),
            ),
            Some(_) => {}
        }
    }
}
