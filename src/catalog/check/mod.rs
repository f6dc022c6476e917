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
use crate::error::{CatalogRule, CatalogSays, RuleViolation, Value, Wording};
use crate::limits::{MAX_QUANTITY, MAX_TERM_MONTHS};
use crate::money::{is_currency_code, within_bounds};
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

    /// The item the checker is at, as a sentence names it: its code, or the
    /// category rule (whose `code` is its label, "category rule NAME").
    fn item(&self) -> Value {
        match self.section {
            Section::CategoryRules => Value::Rule(
                self.code
                    .strip_prefix(RULE_LABEL_PREFIX)
                    .unwrap_or(self.code)
                    .to_owned(),
            ),
            _ => Value::Text(self.code.to_owned()),
        }
    }

    /// A sentence about the current item (`{item}`).
    fn says(&self, says: CatalogSays) -> Wording {
        Wording::new(says).value("item", self.item())
    }

    fn add(&mut self, field: impl Into<String>, rule: CatalogRule, wording: Wording) {
        self.found.push(Located {
            section: self.section,
            index: self.index,
            violation: RuleViolation {
                item: self.code.to_owned(),
                // Filled in by `check_catalog`, which knows every item's name.
                item_name: String::new(),
                field: field.into(),
                rule,
                message: wording.english(),
                wording,
            },
        });
    }
}

/// How a category rule's label begins (`catalog::rule_label`).
const RULE_LABEL_PREFIX: &str = "category rule ";

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
    // Each code's first item: its kind and where it is in a file.
    let mut first: HashMap<&str, (ItemKind, String)> = HashMap::new();
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
            let said = Wording::new(CatalogSays::CodeEmpty);
            c.add("code", CatalogRule::Required, said);
        } else if code.trim() != code {
            let said = Wording::new(CatalogSays::CodeSpaces).text("code", code);
            c.add("code", CatalogRule::Required, said);
        } else if let Some((kind, path)) = first.get(code) {
            let said = Wording::new(CatalogSays::CodeTaken)
                .text("code", code)
                .item_kind("kind", *kind)
                .text("path", path);
            c.add("code", CatalogRule::UniqueCode, said);
        } else {
            let path = format!("$.catalog.{}[{index}]", section.name());
            first.insert(code, (kind, path));
            kinds.insert(code, (kind, status));
        }
    }
    kinds
}

fn check_name(c: &mut Checker<'_>, name: &str) {
    if name.trim().is_empty() {
        let said = c.says(CatalogSays::NameEmpty);
        c.add("name", CatalogRule::Required, said);
    }
}

fn check_money_fields(c: &mut Checker<'_>, currency: &str, tax: Decimal) {
    if !is_currency_code(currency) {
        let said = c
            .says(CatalogSays::CurrencyInvalid)
            .text("currency", currency);
        c.add("currency", CatalogRule::Currency, said);
    }
    if tax < Decimal::ZERO || tax > Decimal::ONE_HUNDRED {
        let said = c.says(CatalogSays::TaxRateOutOfRange).number("rate", tax);
        c.add("tax_rate", CatalogRule::TaxRate, said);
    }
}

/// What is wrong with an amount, if anything: negative (unless it may be),
/// or beyond `limits::MAX_AMOUNT` (as `money::amount_problem` says it).
fn amount_says(amount: Decimal, may_be_negative: bool) -> Option<CatalogSays> {
    if amount.is_sign_negative() && !amount.is_zero() && !may_be_negative {
        Some(CatalogSays::AmountNegative)
    } else if !within_bounds(amount) {
        Some(CatalogSays::AmountBeyondBound)
    } else {
        None
    }
}

/// A price or fee: 0 to `limits::MAX_AMOUNT`.
fn check_amount(c: &mut Checker<'_>, field: &str, amount: Decimal) {
    if let Some(says) = amount_says(amount, false) {
        let said = c.says(says).amount("amount", amount);
        c.add(field, CatalogRule::Amount, said);
    }
}

/// An option's price delta: negative is a discount; either way within the bound.
fn check_delta(c: &mut Checker<'_>, field: &str, delta: Option<Decimal>) {
    if let Some(d) = delta {
        if let Some(says) = amount_says(d, true) {
            let said = c.says(says).amount("amount", d);
            c.add(field, CatalogRule::Amount, said);
        }
    }
}

/// A term in months: at most `limits::MAX_TERM_MONTHS`.
fn check_months(c: &mut Checker<'_>, field: String, months: u32) {
    if months > MAX_TERM_MONTHS {
        let said = c
            .says(CatalogSays::TermBeyondBound)
            .number("months", months)
            .number("max", MAX_TERM_MONTHS);
        c.add(field, CatalogRule::OfferTerms, said);
    }
}

/// A quantity per unit or per link: at most `limits::MAX_QUANTITY`.
fn quantity_too_large(count: u32) -> bool {
    i64::from(count) > MAX_QUANTITY
}

fn check_contexts(c: &mut Checker<'_>, contexts: &[BookingContext]) {
    if contexts.is_empty() {
        let said = c.says(CatalogSays::ContextsEmpty);
        c.add("allowed_contexts", CatalogRule::Contexts, said);
    }
    check_contexts_once(c, contexts);
}

/// No context listed twice (an item's or a category rule's).
fn check_contexts_once(c: &mut Checker<'_>, contexts: &[BookingContext]) {
    let mut seen = HashSet::new();
    for (i, context) in contexts.iter().enumerate() {
        if !seen.insert(context) {
            let said = c
                .says(CatalogSays::ContextTwice)
                .context("context", *context);
            c.add(
                format!("allowed_contexts[{i}]"),
                CatalogRule::Contexts,
                said,
            );
        }
    }
}

/// Which text `check_text` checks: its sentences when empty and when it has
/// blanks at its ends.
#[derive(Clone, Copy)]
enum TextField {
    Name,
    Manufacturer,
    Category,
}

/// A name or category as a file or the rules view may write it: not empty, no
/// blanks at its ends.
fn check_text(c: &mut Checker<'_>, field: &str, what: TextField, text: &str) -> bool {
    let (empty, spaces) = match what {
        TextField::Name => (CatalogSays::NameEmpty, CatalogSays::NameSpaces),
        TextField::Manufacturer => (
            CatalogSays::ManufacturerEmpty,
            CatalogSays::ManufacturerSpaces,
        ),
        TextField::Category => (CatalogSays::CategoryEmpty, CatalogSays::CategorySpaces),
    };
    if text.trim().is_empty() {
        let said = c.says(empty);
        c.add(field, CatalogRule::Required, said);
        false
    } else if text.trim() != text {
        let said = c.says(spaces).text("text", text);
        c.add(field, CatalogRule::Required, said);
        false
    } else {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::{MAX_AMOUNT, MAX_AMOUNT_TEXT, MAX_QUANTITY_TEXT};

    #[test]
    fn the_bounds_the_sentences_write_out_are_the_limits() {
        let beyond = format!("beyond {MAX_AMOUNT_TEXT},");
        assert!(CatalogSays::AmountBeyondBound.english().contains(&beyond));
        assert_eq!(MAX_AMOUNT_TEXT.replace(',', ""), MAX_AMOUNT.to_string());
        for says in [
            CatalogSays::SalesUnitContentBeyondBound,
            CatalogSays::GoodsQuantityBeyondBound,
            CatalogSays::LinkQuantityBeyondBound,
        ] {
            let beyond = format!("beyond {MAX_QUANTITY_TEXT},");
            assert!(says.english().contains(&beyond), "{says:?}");
        }
        assert_eq!(MAX_QUANTITY_TEXT.replace(',', ""), MAX_QUANTITY.to_string());
    }

    #[test]
    fn a_rule_is_named_as_its_label_names_it() {
        let said = Wording::new(CatalogSays::NameEmpty).rule("item", "Notebooks");
        let label = crate::catalog::rule_label("Notebooks");
        assert_eq!(said.english(), format!("{label}: the name is empty"));
        assert!(label.starts_with(RULE_LABEL_PREFIX));
    }

    #[test]
    fn the_amount_sentences_say_what_money_says() {
        // The same reasons as `money::amount_problem`, as sentences.
        for (value, may_be_negative) in [
            (Decimal::NEGATIVE_ONE, false),
            (Decimal::NEGATIVE_ONE, true),
            (MAX_AMOUNT + Decimal::ONE, false),
            (Decimal::ZERO, false),
        ] {
            let said = amount_says(value, may_be_negative).map(|s| {
                Wording::new(s)
                    .text("item", "X")
                    .amount("amount", value)
                    .english()
            });
            let money =
                crate::money::amount_problem(value, may_be_negative).map(|r| format!("X: {r}"));
            assert_eq!(said, money);
        }
    }
}
