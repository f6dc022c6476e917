//! The catalog rules. They are checked on every import and every edit, over the
//! whole catalog, before anything is written; every violation names the item, the
//! field, the rule and the reason, and all of them are reported at once.

use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

use super::{
    AddOnRecord, BookingContext, CatalogRecords, CategoryRuleRecord, ComponentRecord, ItemKind,
    ItemStatus, LinkMode, LinkRecord, OfferTerms, OptionGroupRecord, OptionSelection,
    ProductRecord, RequirementRecord, ServiceRecord,
};
use crate::money::{
    amount_problem, content_beyond_bound, is_currency_code, is_valid_gtin, MAX_QUANTITY,
    MAX_QUANTITY_TEXT, MAX_TERM_MONTHS,
};

/// Which rule a violation breaks; the UI may group or style by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum CatalogRule {
    UniqueCode,
    Required,
    Currency,
    TaxRate,
    Amount,
    Ean,
    Contexts,
    Status,
    Variants,
    OfferTerms,
    RequirementTarget,
    MissingReference,
    LinkTarget,
    AddOnTargets,
    Components,
    Options,
    Cycle,
    DeprecatedLink,
}

/// One broken rule, on one field of one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct RuleViolation {
    /// Code of the item ("category rule NAME" for a category rule).
    pub item: String,
    /// Name of the item (the rule's name for a category rule); empty when the
    /// code names no item.
    pub item_name: String,
    /// The field within the item (`variants[0].offers.rental.monthly_price`); empty
    /// when the rule concerns the item as a whole.
    pub field: String,
    pub rule: CatalogRule,
    pub message: String,
}

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
    }
    for (i, a) in catalog.add_ons.iter().enumerate() {
        c.at(Section::AddOns, i, &a.code);
        check_add_on(&mut c, a, &kinds);
    }
    for (i, p) in catalog.products.iter().enumerate() {
        c.at(Section::Products, i, &p.code);
        check_product(&mut c, p, &kinds);
    }
    check_category_rules(&mut c, &catalog.category_rules, &labels, &kinds);
    check_cycles(&mut c, catalog, &labels);
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
    for (rule, label) in catalog.category_rules.iter().zip(&labels) {
        names.insert(label, &rule.name);
    }
    let mut found = c.found;
    for located in &mut found {
        let v = &mut located.violation;
        v.item_name = names
            .get(v.item.as_str())
            .copied()
            .unwrap_or_default()
            .to_owned();
    }
    found
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

/// A price or fee: 0 to `money::MAX_AMOUNT`.
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

/// A term in months: at most `money::MAX_TERM_MONTHS`.
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

/// A quantity per unit or per link: at most `money::MAX_QUANTITY`.
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

fn check_product(c: &mut Checker<'_>, p: &ProductRecord, kinds: &Kinds<'_>) {
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

fn check_service(c: &mut Checker<'_>, s: &ServiceRecord, kinds: &Kinds<'_>) {
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

fn check_requirements(c: &mut Checker<'_>, requires: &[RequirementRecord], kinds: &Kinds<'_>) {
    let mut seen = HashSet::new();
    let code = c.code;
    for (i, r) in requires.iter().enumerate() {
        let field = format!("requires[{i}].service");
        match kinds.get(r.service.as_str()) {
            None => c.add(
                field,
                CatalogRule::MissingReference,
                format!(
                    "{code} requires {:?}, which is not in the catalog",
                    r.service
                ),
            ),
            Some(_) if r.service == code => c.add(
                field,
                CatalogRule::RequirementTarget,
                format!("{code} requires itself"),
            ),
            Some((ItemKind::BasicService, _)) if !seen.insert(&r.service) => c.add(
                field,
                CatalogRule::RequirementTarget,
                format!("{code} requires {} twice", r.service),
            ),
            Some((ItemKind::BasicService, _)) => {}
            Some((kind, _)) => c.add(
                field,
                CatalogRule::RequirementTarget,
                format!(
                    "{code} requires {}, which is {}, not a basic service",
                    r.service,
                    with_article(*kind)
                ),
            ),
        }
    }
}

fn check_links(c: &mut Checker<'_>, links: &[LinkRecord], kinds: &Kinds<'_>) {
    let mut seen = HashSet::new();
    let code = c.code;
    for (i, l) in links.iter().enumerate() {
        let field = format!("links[{i}].item");
        match kinds.get(l.item.as_str()) {
            None => c.add(
                field,
                CatalogRule::MissingReference,
                format!("{code} links {:?}, which is not in the catalog", l.item),
            ),
            Some((ItemKind::AddOn, _)) => c.add(
                field,
                CatalogRule::LinkTarget,
                format!(
                    "{code} links the add-on {}; add-ons are ordered for instances, not linked",
                    l.item
                ),
            ),
            Some(_) if l.item == code => c.add(
                field,
                CatalogRule::LinkTarget,
                format!("{code} links itself"),
            ),
            Some(_) if !seen.insert(&l.item) => c.add(
                field,
                CatalogRule::LinkTarget,
                format!("{code} links {} twice", l.item),
            ),
            Some(_) => {}
        }
        if l.quantity.count() == 0 {
            c.add(
                format!("links[{i}].quantity"),
                CatalogRule::LinkTarget,
                format!("{code} → {}: a link quantity is at least 1", l.item),
            );
        } else if quantity_too_large(l.quantity.count()) {
            c.add(
                format!("links[{i}].quantity"),
                CatalogRule::LinkTarget,
                format!(
                    "{code} → {}: {} is beyond {MAX_QUANTITY_TEXT}, the largest quantity",
                    l.item,
                    l.quantity.count()
                ),
            );
        }
    }
}

fn check_add_on(c: &mut Checker<'_>, a: &AddOnRecord, kinds: &Kinds<'_>) {
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

/// Category rules: a unique name, categories and manufacturer as products state
/// them, at least one context, links like an item's, and no two rules claiming
/// the same products (the same category for the same manufacturer, the same
/// manufacturer, or two default rules).
fn check_category_rules<'a>(
    c: &mut Checker<'a>,
    rules: &'a [CategoryRuleRecord],
    labels: &'a [String],
    kinds: &Kinds<'_>,
) {
    let mut names: HashMap<String, usize> = HashMap::new();
    // (category, manufacturer), lower-case, "" for any → the rule that claims it.
    let mut claimed: HashMap<(String, String), usize> = HashMap::new();
    for (i, rule) in rules.iter().enumerate() {
        c.at(Section::CategoryRules, i, &labels[i]);
        if check_text(c, "name", "name", &rule.name) {
            if let Some(first) = names.get(&rule.name.to_ascii_lowercase()) {
                c.add(
                    "name",
                    CatalogRule::UniqueCode,
                    format!(
                        "the name {} is already used by the category rule at $.catalog.category_rules[{first}]",
                        rule.name
                    ),
                );
            } else {
                names.insert(rule.name.to_ascii_lowercase(), i);
            }
        }
        let manufacturer_ok = rule
            .manufacturer
            .as_deref()
            .is_none_or(|m| check_text(c, "manufacturer", "manufacturer", m));
        let manufacturer = rule
            .manufacturer
            .as_deref()
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        if rule.allowed_contexts.is_empty() {
            c.add(
                "allowed_contexts",
                CatalogRule::Contexts,
                format!(
                    "{}: a category rule must allow at least one booking context",
                    c.code
                ),
            );
        }
        let mut seen_contexts = HashSet::new();
        for (j, context) in rule.allowed_contexts.iter().enumerate() {
            if !seen_contexts.insert(context) {
                c.add(
                    format!("allowed_contexts[{j}]"),
                    CatalogRule::Contexts,
                    format!("{}: {} is listed twice", c.code, context.as_str()),
                );
            }
        }
        check_links(c, &rule.links, kinds);
        let mut keys = Vec::new();
        for (j, category) in rule.categories.iter().enumerate() {
            let field = format!("categories[{j}]");
            if !check_text(c, &field, "category", category) {
                continue;
            }
            let key = (category.to_ascii_lowercase(), manufacturer.clone());
            if keys.iter().any(|(k, _, _)| *k == key) {
                c.add(
                    field,
                    CatalogRule::UniqueCode,
                    format!("{}: the category {category} is listed twice", c.code),
                );
            } else {
                keys.push((key, field, Some(category.as_str())));
            }
        }
        if !manufacturer_ok {
            continue;
        }
        if rule.categories.is_empty() {
            let field = if manufacturer.is_empty() {
                ""
            } else {
                "manufacturer"
            };
            keys.push((
                (String::new(), manufacturer.clone()),
                field.to_owned(),
                None,
            ));
        }
        for (key, field, category) in keys {
            match claimed.get(&key) {
                Some(&first) => {
                    let other = &labels[first];
                    let message = match (category, &rule.manufacturer) {
                        (Some(category), Some(m)) => format!(
                            "{}: {category} products of {m} are already governed by {other}",
                            c.code
                        ),
                        (Some(category), None) => format!(
                            "{}: the category {category} is already governed by {other}",
                            c.code
                        ),
                        (None, Some(m)) => format!(
                            "{}: the products of {m} are already governed by {other}",
                            c.code
                        ),
                        (None, None) => format!(
                            "{}: {other} is already the default rule (a rule with neither categories nor a manufacturer); there is one at most",
                            c.code
                        ),
                    };
                    c.add(field, CatalogRule::UniqueCode, message);
                }
                None => {
                    claimed.insert(key, i);
                }
            }
        }
    }
}

/// Requirements and mandatory links must form no cycle: booking anything on a
/// cycle would pull in itself.
fn check_cycles<'a>(c: &mut Checker<'a>, catalog: &'a CatalogRecords, labels: &'a [String]) {
    /// An item by its code, or a category rule by its index; a product
    /// governed by a rule depends on the rule's mandatory links.
    #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    enum Node<'a> {
        Rule(usize),
        Item(&'a str),
    }
    struct Edge<'a> {
        target: Node<'a>,
        section: Section,
        index: usize,
        field: String,
    }
    let name = |node: Node<'a>| -> &'a str {
        match node {
            Node::Item(code) => code,
            Node::Rule(i) => &labels[i],
        }
    };
    let matcher = super::RuleMatcher::new(catalog.category_rules.iter());
    let mut edges: HashMap<Node<'a>, Vec<Edge<'a>>> = HashMap::new();
    let items = catalog
        .services
        .iter()
        .enumerate()
        .map(|(i, s)| (Section::Services, i, s.code.as_str(), &s.requires, &s.links))
        .chain(
            catalog
                .products
                .iter()
                .enumerate()
                .map(|(i, p)| (Section::Products, i, p.code.as_str(), &p.requires, &p.links)),
        );
    for (section, index, code, requires, links) in items {
        let out = edges.entry(Node::Item(code)).or_default();
        out.extend(requires.iter().enumerate().map(|(j, r)| Edge {
            target: Node::Item(r.service.as_str()),
            section,
            index,
            field: format!("requires[{j}].service"),
        }));
        out.extend(
            links
                .iter()
                .enumerate()
                .filter(|(_, l)| l.mode == LinkMode::Mandatory)
                .map(|(j, l)| Edge {
                    target: Node::Item(l.item.as_str()),
                    section,
                    index,
                    field: format!("links[{j}].item"),
                }),
        );
    }
    for (index, p) in catalog.products.iter().enumerate() {
        if !p.allowed_contexts.is_empty() {
            continue;
        }
        if let Some(rule) = matcher.slot_for(&p.category, &p.manufacturer) {
            edges.entry(Node::Item(&p.code)).or_default().push(Edge {
                target: Node::Rule(rule),
                section: Section::Products,
                index,
                field: "category".into(),
            });
        }
    }
    for (index, rule) in catalog.category_rules.iter().enumerate() {
        let out = edges.entry(Node::Rule(index)).or_default();
        out.extend(
            rule.links
                .iter()
                .enumerate()
                .filter(|(_, l)| l.mode == LinkMode::Mandatory)
                .map(|(j, l)| Edge {
                    target: Node::Item(l.item.as_str()),
                    section: Section::CategoryRules,
                    index,
                    field: format!("links[{j}].item"),
                }),
        );
    }

    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    let mut marks: HashMap<Node<'a>, Mark> = HashMap::new();
    let mut starts: Vec<Node<'a>> = edges.keys().copied().collect();
    starts.sort_unstable();
    for start in starts {
        if marks.contains_key(&start) {
            continue;
        }
        // Iterative depth-first search; `stack` is the current path.
        let mut stack: Vec<(Node<'a>, usize)> = vec![(start, 0)];
        marks.insert(start, Mark::Open);
        while let Some((node, next)) = stack.last().copied() {
            let out = edges.get(&node).map(Vec::as_slice).unwrap_or(&[]);
            let Some(edge) = out.get(next) else {
                marks.insert(node, Mark::Done);
                stack.pop();
                continue;
            };
            if let Some(top) = stack.last_mut() {
                top.1 += 1;
            }
            match marks.get(&edge.target) {
                Some(Mark::Open) => {
                    let from = stack
                        .iter()
                        .position(|(n, _)| *n == edge.target)
                        .unwrap_or(0);
                    let mut cycle: Vec<&str> =
                        stack[from..].iter().map(|(n, _)| name(*n)).collect();
                    cycle.push(name(edge.target));
                    c.at(edge.section, edge.index, name(node));
                    c.add(
                        edge.field.clone(),
                        CatalogRule::Cycle,
                        format!(
                            "requirements and mandatory links form a cycle: {}",
                            cycle.join(" → ")
                        ),
                    );
                }
                Some(Mark::Done) => {}
                None => {
                    marks.insert(edge.target, Mark::Open);
                    stack.push((edge.target, 0));
                }
            }
        }
    }
}
