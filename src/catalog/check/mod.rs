//! The catalog rules. They are checked on every import and every edit, over the
//! whole catalog, before anything is written; every violation names the item, the
//! field, the rule and the reason, and all of them are reported at once. This
//! module holds what every rule shares (the violation, the checker, the checks of
//! single fields); the rules of items, references, category rules and cycles are
//! its submodules.

mod category_rules;
mod cycles;
mod items;
mod references;
mod successors;

use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

use super::{CatalogRecords, CategoryRuleRecord, ItemKind};
use crate::error::{CatalogRule, RuleViolation};
use crate::limits::{MAX_QUANTITY, MAX_TERM_MONTHS};
use crate::money::{amount_problem, is_currency_code};
use crate::vocabulary::{BookingContext, ItemStatus};
use category_rules::check_category_rules;
use cycles::check_cycles;
use items::{check_add_on, check_product, check_service};
use successors::{check_successor_cycles, check_successors};

/// Which list of the catalog's records (and of a portfolio file) an item stands in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    Services,
    AddOns,
    Products,
    CategoryRules,
}

impl Section {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Section::Services => "services",
            Section::AddOns => "add_ons",
            Section::Products => "products",
            Section::CategoryRules => "category_rules",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Located {
    pub section: Section,
    pub index: usize,
    pub violation: RuleViolation,
}

struct Checker<'a> {
    found: Vec<Located>,
    section: Section,
    index: usize,
    code: &'a str,
}

impl<'a> Checker<'a> {
    fn at(&mut self, section: Section, index: usize, code: &'a str) {
        (self.section, self.index, self.code) = (section, index, code);
    }

    fn add(&mut self, field: impl Into<String>, rule: CatalogRule, message: impl Into<String>) {
        self.found.push(Located {
            section: self.section,
            index: self.index,
            violation: RuleViolation {
                item: self.code.to_owned(),
                // Filled in by `check_catalog`, which knows every item's name.
                item_name: String::new(),
                field: field.into(),
                rule,
                message: message.into(),
            },
        });
    }
}

/// Every violation in a catalog, in the order of the file (services, add-ons,
/// products, category rules).
pub(crate) fn check_catalog(catalog: &CatalogRecords) -> Vec<Located> {
    // Violations on a rule name it "category rule NAME".
    let labels: Vec<String> = catalog
        .category_rules
        .iter()
        .map(CategoryRuleRecord::label)
        .collect();
    let mut c = Checker {
        found: Vec::new(),
        section: Section::Services,
        index: 0,
        code: "",
    };
    let kinds = item_kinds(&mut c, catalog);
    for (i, s) in catalog.services.iter().enumerate() {
        c.at(Section::Services, i, &s.code);
        check_service(&mut c, s, &kinds);
        check_successors(&mut c, s.kind.item_kind(), &s.successors, &kinds);
    }
    for (i, a) in catalog.add_ons.iter().enumerate() {
        c.at(Section::AddOns, i, &a.code);
        check_add_on(&mut c, a, &kinds);
    }
    for (i, p) in catalog.products.iter().enumerate() {
        c.at(Section::Products, i, &p.code);
        check_product(&mut c, p, &kinds);
        check_successors(&mut c, ItemKind::Product, &p.successors, &kinds);
    }
    check_category_rules(&mut c, &catalog.category_rules, &labels, &kinds);
    check_cycles(&mut c, catalog, &labels);
    check_successor_cycles(&mut c, catalog);
    let mut found = c.found;
    name_items(catalog, &labels, &mut found);
    found
}

/// The successors that are not active, named by the items an action writes
/// (`touched`) or naming an item it writes: checked where a person names a
/// successor or changes an item's status (the designer, a portfolio file), not
/// over the whole catalog on every edit, so a product the supplier feed has
/// discontinued since it was named holds up no unrelated edit (the inventory
/// suggests only active successors).
pub(crate) fn check_successor_status(
    catalog: &CatalogRecords,
    touched: &dyn Fn(&str) -> bool,
) -> Vec<Located> {
    let mut c = Checker {
        found: Vec::new(),
        section: Section::Services,
        index: 0,
        code: "",
    };
    successors::check_status(&mut c, catalog, touched);
    let mut found = c.found;
    name_items(catalog, &[], &mut found);
    found
}

/// Fills in the name of the item each violation is on.
fn name_items(catalog: &CatalogRecords, labels: &[String], found: &mut [Located]) {
    let mut names: HashMap<&str, &str> = HashMap::new();
    for s in &catalog.services {
        names.insert(&s.code, &s.name);
    }
    for a in &catalog.add_ons {
        names.insert(&a.code, &a.name);
    }
    for p in &catalog.products {
        names.insert(&p.code, &p.name);
    }
    for (rule, label) in catalog.category_rules.iter().zip(labels) {
        names.insert(label, &rule.name);
    }
    for located in found {
        let v = &mut located.violation;
        v.item_name = names
            .get(v.item.as_str())
            .copied()
            .unwrap_or_default()
            .to_owned();
    }
}

type Kinds<'a> = HashMap<&'a str, (ItemKind, ItemStatus)>;

/// Every code once, across services, add-ons and products.
fn item_kinds<'a>(c: &mut Checker<'a>, catalog: &'a CatalogRecords) -> Kinds<'a> {
    let mut kinds: Kinds<'a> = HashMap::new();
    let mut first: HashMap<&str, String> = HashMap::new();
    let items = catalog
        .services
        .iter()
        .enumerate()
        .map(|(i, s)| {
            (
                Section::Services,
                i,
                s.code.as_str(),
                s.kind.item_kind(),
                s.status,
            )
        })
        .chain(catalog.add_ons.iter().enumerate().map(|(i, a)| {
            (
                Section::AddOns,
                i,
                a.code.as_str(),
                ItemKind::AddOn,
                a.status,
            )
        }))
        .chain(catalog.products.iter().enumerate().map(|(i, p)| {
            (
                Section::Products,
                i,
                p.code.as_str(),
                ItemKind::Product,
                p.status,
            )
        }));
    for (section, index, code, kind, status) in items {
        c.at(section, index, code);
        if code.trim().is_empty() {
            c.add("code", CatalogRule::Required, "the code is empty");
        } else if code.trim() != code {
            c.add(
                "code",
                CatalogRule::Required,
                format!("the code {code:?} has spaces at its ends"),
            );
        } else if let Some(other) = first.get(code) {
            c.add(
                "code",
                CatalogRule::UniqueCode,
                format!("the code {code} is already used by {other}"),
            );
        } else {
            first.insert(
                code,
                format!(
                    "the {} at $.catalog.{}[{index}]",
                    kind_name(kind),
                    section.name()
                ),
            );
            kinds.insert(code, (kind, status));
        }
    }
    kinds
}

fn kind_name(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Product => "product",
        ItemKind::Service => "service",
        ItemKind::BasicService => "basic service",
        ItemKind::AddOn => "add-on",
    }
}

fn with_article(kind: ItemKind) -> String {
    let name = kind_name(kind);
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {name}")
}

fn check_name(c: &mut Checker<'_>, name: &str) {
    if name.trim().is_empty() {
        c.add(
            "name",
            CatalogRule::Required,
            format!("{}: the name is empty", c.code),
        );
    }
}

fn check_money_fields(c: &mut Checker<'_>, currency: &str, tax: Decimal) {
    if !is_currency_code(currency) {
        c.add("currency", CatalogRule::Currency, format!("{}: {currency:?} is not an ISO 4217 currency code (three capital letters, e.g. EUR)", c.code));
    }
    if tax < Decimal::ZERO || tax > Decimal::ONE_HUNDRED {
        c.add(
            "tax_rate",
            CatalogRule::TaxRate,
            format!(
                "{}: the tax rate {tax} is not a percentage between 0 and 100",
                c.code
            ),
        );
    }
}

/// A price or fee: 0 to `limits::MAX_AMOUNT`.
fn check_amount(c: &mut Checker<'_>, field: &str, amount: Decimal) {
    if let Some(reason) = amount_problem(amount, false) {
        c.add(field, CatalogRule::Amount, format!("{}: {reason}", c.code));
    }
}

/// An option's price delta: negative is a discount; either way within the bound.
fn check_delta(c: &mut Checker<'_>, field: &str, delta: Option<Decimal>) {
    if let Some(reason) = delta.and_then(|d| amount_problem(d, true)) {
        c.add(field, CatalogRule::Amount, format!("{}: {reason}", c.code));
    }
}

/// A term in months: at most `limits::MAX_TERM_MONTHS`.
fn check_months(c: &mut Checker<'_>, field: String, months: u32) {
    if months > MAX_TERM_MONTHS {
        c.add(
            field,
            CatalogRule::OfferTerms,
            format!(
                "{}: {months} months is beyond {MAX_TERM_MONTHS}, the longest term",
                c.code
            ),
        );
    }
}

/// A quantity per unit or per link: at most `limits::MAX_QUANTITY`.
fn quantity_too_large(count: u32) -> bool {
    i64::from(count) > MAX_QUANTITY
}

fn check_contexts(c: &mut Checker<'_>, contexts: &[BookingContext]) {
    if contexts.is_empty() {
        c.add(
            "allowed_contexts",
            CatalogRule::Contexts,
            format!(
                "{}: an item must allow at least one booking context",
                c.code
            ),
        );
    }
    let mut seen = HashSet::new();
    for (i, context) in contexts.iter().enumerate() {
        if !seen.insert(context) {
            c.add(
                format!("allowed_contexts[{i}]"),
                CatalogRule::Contexts,
                format!("{}: {} is listed twice", c.code, context.as_str()),
            );
        }
    }
}

/// A name or category as a file or the rules view may write it: not empty, no
/// blanks at its ends.
fn check_text(c: &mut Checker<'_>, field: &str, what: &str, text: &str) -> bool {
    if text.trim().is_empty() {
        c.add(
            field,
            CatalogRule::Required,
            format!("{}: the {what} is empty", c.code),
        );
        false
    } else if text.trim() != text {
        c.add(
            field,
            CatalogRule::Required,
            format!("{}: the {what} {text:?} has spaces at its ends", c.code),
        );
        false
    } else {
        true
    }
}
