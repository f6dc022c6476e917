//! The catalog rules a portfolio must satisfy before anything is written. Every
//! violation names the JSON path, the item and the rule; all are reported at once.

use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

use super::format::{LinkRecord, PortfolioFile, RequirementRecord};
use crate::catalog::{BookingContext, ItemKind, ItemStatus, LinkMode, OfferTerms};
use crate::money::{is_currency_code, is_valid_gtin};
use crate::{Error, Result};

struct Violations(Vec<(String, String)>);

impl Violations {
    fn add(&mut self, path: impl Into<String>, reason: impl Into<String>) {
        self.0.push((path.into(), reason.into()));
    }
}

/// Checks every catalog rule; the error lists each violation with its path, in
/// the order of the file (services, add-ons, products).
pub fn validate(file: &PortfolioFile) -> Result<()> {
    let mut v = Violations(Vec::new());
    let catalog = &file.catalog;

    // Every code once, across products, services and add-ons.
    let mut kinds: HashMap<&str, (ItemKind, String)> = HashMap::new();
    let all_items = catalog
        .services
        .iter()
        .enumerate()
        .map(|(i, s)| {
            (
                format!("$.catalog.services[{i}]"),
                s.code.as_str(),
                s.kind.item_kind(),
            )
        })
        .chain(catalog.add_ons.iter().enumerate().map(|(i, a)| {
            (
                format!("$.catalog.add_ons[{i}]"),
                a.code.as_str(),
                ItemKind::AddOn,
            )
        }))
        .chain(catalog.products.iter().enumerate().map(|(i, p)| {
            (
                format!("$.catalog.products[{i}]"),
                p.code.as_str(),
                ItemKind::Product,
            )
        }));
    for (path, code, kind) in all_items {
        if code.trim().is_empty() {
            v.add(format!("{path}.code"), "the code is empty");
        } else if let Some((_, first)) = kinds.get(code) {
            v.add(
                format!("{path}.code"),
                format!("code {code:?} is already used at {first}"),
            );
        } else {
            kinds.insert(code, (kind, path));
        }
    }

    for (i, s) in catalog.services.iter().enumerate() {
        let path = format!("$.catalog.services[{i}]");
        check_common(
            &mut v,
            &path,
            &s.name,
            &s.currency,
            s.tax_rate,
            &s.allowed_contexts,
        );
        if s.status == ItemStatus::Discontinued {
            v.add(
                format!("{path}.status"),
                format!(
                    "service {}: a service is active, deprecated or retired",
                    s.code
                ),
            );
        }
        if s.variants.is_empty() {
            v.add(
                format!("{path}.variants"),
                format!("service {}: a service needs at least one variant", s.code),
            );
        }
        let mut variant_codes = HashSet::new();
        for (j, variant) in s.variants.iter().enumerate() {
            let vpath = format!("{path}.variants[{j}]");
            if variant.code.trim().is_empty() || variant.name.trim().is_empty() {
                v.add(
                    vpath.clone(),
                    format!("service {}: a variant needs a code and a name", s.code),
                );
            }
            if !variant_codes.insert(variant.code.as_str()) {
                v.add(
                    format!("{vpath}.code"),
                    format!(
                        "service {}: variant code {:?} is used twice",
                        s.code, variant.code
                    ),
                );
            }
            if let Some(fee) = variant.setup_fee {
                check_amount(&mut v, &format!("{vpath}.setup_fee"), &s.code, fee);
            }
            check_offers(
                &mut v,
                &format!("{vpath}.offers"),
                &format!("{} {}", s.code, variant.code),
                &variant.offers,
                s.status,
            );
        }
        check_requirements(&mut v, &path, &s.code, &s.requires, &kinds);
        check_links(&mut v, &path, &s.code, &s.links, &kinds);
    }

    for (i, a) in catalog.add_ons.iter().enumerate() {
        let path = format!("$.catalog.add_ons[{i}]");
        if a.name.trim().is_empty() {
            v.add(format!("{path}.name"), "the name is empty");
        }
        if !is_currency_code(&a.currency) {
            v.add(
                format!("{path}.currency"),
                format!("{:?} is not an ISO 4217 currency code", a.currency),
            );
        }
        check_tax_rate(&mut v, &format!("{path}.tax_rate"), a.tax_rate);
        check_amount(
            &mut v,
            &format!("{path}.one_time_price"),
            &a.code,
            a.one_time_price,
        );
        if a.status == ItemStatus::Discontinued {
            v.add(
                format!("{path}.status"),
                format!(
                    "add-on {}: an add-on is active, deprecated or retired",
                    a.code
                ),
            );
        }
        if a.applies_to.is_empty() {
            v.add(
                format!("{path}.applies_to"),
                format!("add-on {}: an add-on applies to at least one item", a.code),
            );
        }
        let mut seen = HashSet::new();
        for (j, target) in a.applies_to.iter().enumerate() {
            let tpath = format!("{path}.applies_to[{j}]");
            match kinds.get(target.as_str()) {
                None => v.add(
                    tpath,
                    format!("add-on {}: no item has the code {target:?}", a.code),
                ),
                Some((ItemKind::AddOn, _)) => v.add(
                    tpath,
                    format!(
                        "add-on {}: {target} is an add-on; add-ons apply to products and services",
                        a.code
                    ),
                ),
                Some(_) if !seen.insert(target) => v.add(
                    tpath,
                    format!("add-on {}: {target} is listed twice", a.code),
                ),
                Some(_) => {}
            }
        }
    }

    for (i, p) in catalog.products.iter().enumerate() {
        let path = format!("$.catalog.products[{i}]");
        check_common(
            &mut v,
            &path,
            &p.name,
            &p.currency,
            p.tax_rate,
            &p.allowed_contexts,
        );
        if !matches!(p.status, ItemStatus::Active | ItemStatus::Discontinued) {
            v.add(
                format!("{path}.status"),
                format!("product {}: a product is active or discontinued", p.code),
            );
        }
        if let Some(ean) = &p.ean {
            if !is_valid_gtin(ean) {
                v.add(format!("{path}.ean"), format!("product {}: {ean:?} is not a valid EAN/GTIN (8, 12, 13 or 14 digits with a correct check digit)", p.code));
            }
        }
        check_amount(&mut v, &format!("{path}.list_price"), &p.code, p.list_price);
        if let Some(cost) = p.cost_price {
            check_amount(&mut v, &format!("{path}.cost_price"), &p.code, cost);
        }
        check_requirements(&mut v, &path, &p.code, &p.requires, &kinds);
        check_links(&mut v, &path, &p.code, &p.links, &kinds);
    }

    check_cycles(&mut v, file);

    if v.0.is_empty() {
        return Ok(());
    }
    let (path, first) = v.0[0].clone();
    let reason = if v.0.len() == 1 {
        first
    } else {
        let rest: Vec<String> = v.0[1..].iter().map(|(p, r)| format!("{p}: {r}")).collect();
        format!("{first}; and {} more: {}", rest.len(), rest.join("; "))
    };
    Err(Error::invalid(path, reason))
}

fn check_common(
    v: &mut Violations,
    path: &str,
    name: &str,
    currency: &str,
    tax: Decimal,
    contexts: &[BookingContext],
) {
    if name.trim().is_empty() {
        v.add(format!("{path}.name"), "the name is empty");
    }
    if !is_currency_code(currency) {
        v.add(
            format!("{path}.currency"),
            format!("{currency:?} is not an ISO 4217 currency code"),
        );
    }
    check_tax_rate(v, &format!("{path}.tax_rate"), tax);
    if contexts.is_empty() {
        v.add(
            format!("{path}.allowed_contexts"),
            "an item must allow at least one booking context",
        );
    }
    let mut seen = HashSet::new();
    for (i, c) in contexts.iter().enumerate() {
        if !seen.insert(c) {
            v.add(
                format!("{path}.allowed_contexts[{i}]"),
                format!("{} is listed twice", c.as_str()),
            );
        }
    }
}

fn check_tax_rate(v: &mut Violations, path: &str, tax: Decimal) {
    if tax < Decimal::ZERO || tax > Decimal::ONE_HUNDRED {
        v.add(
            path,
            format!("tax rate {tax} is not a percentage between 0 and 100"),
        );
    }
}

fn check_amount(v: &mut Violations, path: &str, code: &str, amount: Decimal) {
    if amount < Decimal::ZERO {
        v.add(path, format!("{code}: the amount {amount} is negative"));
    }
}

fn check_offers(
    v: &mut Violations,
    path: &str,
    what: &str,
    offers: &OfferTerms,
    status: ItemStatus,
) {
    if offers.is_empty() && status == ItemStatus::Active {
        v.add(path, format!("variant {what}: an active variant needs at least one offer type (rental, purchase or leasing)"));
    }
    if let Some(r) = &offers.rental {
        check_amount(
            v,
            &format!("{path}.rental.monthly_price"),
            what,
            r.monthly_price,
        );
    }
    if let Some(p) = &offers.purchase {
        check_amount(v, &format!("{path}.purchase.price"), what, p.price);
    }
    if let Some(l) = &offers.leasing {
        check_amount(
            v,
            &format!("{path}.leasing.financed_amount"),
            what,
            l.financed_amount,
        );
        if l.term_months == 0 {
            v.add(
                format!("{path}.leasing.term_months"),
                format!("variant {what}: a leasing term is at least one month"),
            );
        }
        if l.leasing_factor_percent <= Decimal::ZERO {
            v.add(
                format!("{path}.leasing.leasing_factor_percent"),
                format!("variant {what}: the leasing factor must be positive"),
            );
        }
        if l.residual_value_percent < Decimal::ZERO
            || l.residual_value_percent >= Decimal::ONE_HUNDRED
        {
            v.add(
                format!("{path}.leasing.residual_value_percent"),
                format!("variant {what}: the residual value is a percentage from 0 to below 100"),
            );
        }
    }
}

fn check_requirements(
    v: &mut Violations,
    path: &str,
    code: &str,
    requires: &[RequirementRecord],
    kinds: &HashMap<&str, (ItemKind, String)>,
) {
    let mut seen = HashSet::new();
    for (i, r) in requires.iter().enumerate() {
        let rpath = format!("{path}.requires[{i}].service");
        match kinds.get(r.service.as_str()) {
            None => v.add(
                rpath,
                format!(
                    "{code} requires {:?}, which is not in the catalog",
                    r.service
                ),
            ),
            Some((ItemKind::BasicService, _)) if r.service == code => {
                v.add(rpath, format!("{code} requires itself"))
            }
            Some((ItemKind::BasicService, _)) if !seen.insert(&r.service) => {
                v.add(rpath, format!("{code} requires {} twice", r.service))
            }
            Some((ItemKind::BasicService, _)) => {}
            Some((kind, _)) => v.add(
                rpath,
                format!(
                    "{code} requires {}, which is a {}, not a basic service",
                    r.service,
                    kind.as_str().replace('_', " ")
                ),
            ),
        }
    }
}

fn check_links(
    v: &mut Violations,
    path: &str,
    code: &str,
    links: &[LinkRecord],
    kinds: &HashMap<&str, (ItemKind, String)>,
) {
    let mut seen = HashSet::new();
    for (i, l) in links.iter().enumerate() {
        let lpath = format!("{path}.links[{i}]");
        match kinds.get(l.item.as_str()) {
            None => v.add(
                format!("{lpath}.item"),
                format!("{code} links {:?}, which is not in the catalog", l.item),
            ),
            Some((ItemKind::AddOn, _)) => v.add(
                format!("{lpath}.item"),
                format!(
                    "{code} links the add-on {}; add-ons are ordered for instances, not linked",
                    l.item
                ),
            ),
            Some(_) if l.item == code => {
                v.add(format!("{lpath}.item"), format!("{code} links itself"))
            }
            Some(_) if !seen.insert(&l.item) => v.add(
                format!("{lpath}.item"),
                format!("{code} links {} twice", l.item),
            ),
            Some(_) => {}
        }
        if l.quantity.count() == 0 {
            v.add(
                format!("{lpath}.quantity"),
                format!("{code} → {}: a link quantity is at least 1", l.item),
            );
        }
    }
}

/// Requirements and mandatory links must form no cycle: booking anything on a
/// cycle would pull in itself.
fn check_cycles(v: &mut Violations, file: &PortfolioFile) {
    let mut edges: HashMap<&str, Vec<(&str, String)>> = HashMap::new();
    let items = file
        .catalog
        .services
        .iter()
        .enumerate()
        .map(|(i, s)| {
            (
                format!("$.catalog.services[{i}]"),
                s.code.as_str(),
                &s.requires,
                &s.links,
            )
        })
        .chain(file.catalog.products.iter().enumerate().map(|(i, p)| {
            (
                format!("$.catalog.products[{i}]"),
                p.code.as_str(),
                &p.requires,
                &p.links,
            )
        }));
    for (path, code, requires, links) in items {
        let out = edges.entry(code).or_default();
        out.extend(
            requires
                .iter()
                .enumerate()
                .map(|(j, r)| (r.service.as_str(), format!("{path}.requires[{j}]"))),
        );
        out.extend(
            links
                .iter()
                .enumerate()
                .filter(|(_, l)| l.mode == LinkMode::Mandatory)
                .map(|(j, l)| (l.item.as_str(), format!("{path}.links[{j}]"))),
        );
    }

    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    let mut marks: HashMap<&str, Mark> = HashMap::new();
    let mut starts: Vec<&str> = edges.keys().copied().collect();
    starts.sort_unstable();
    for start in starts {
        if marks.contains_key(start) {
            continue;
        }
        // Iterative depth-first search; `stack` is the current path.
        let mut stack: Vec<(&str, usize)> = vec![(start, 0)];
        marks.insert(start, Mark::Open);
        while let Some((node, next)) = stack.last().copied() {
            let out = edges.get(node).map(Vec::as_slice).unwrap_or(&[]);
            if next == out.len() {
                marks.insert(node, Mark::Done);
                stack.pop();
                continue;
            }
            stack.last_mut().expect("non-empty").1 += 1;
            let (target, path) = &out[next];
            match marks.get(target) {
                Some(Mark::Open) => {
                    let from = stack.iter().position(|(n, _)| n == target).unwrap_or(0);
                    let mut cycle: Vec<&str> = stack[from..].iter().map(|(n, _)| *n).collect();
                    cycle.push(target);
                    v.add(
                        path.clone(),
                        format!(
                            "requirements and mandatory links form a cycle: {}",
                            cycle.join(" → ")
                        ),
                    );
                }
                Some(Mark::Done) => {}
                None => {
                    marks.insert(target, Mark::Open);
                    stack.push((target, 0));
                }
            }
        }
    }
}
