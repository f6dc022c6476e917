//! The catalog as records: what the designer edits, the rules check, the
//! portfolio file stores, and the store reads and writes. Unknown fields are
//! refused so a typo never silently drops data; money is written as a decimal
//! string ("1299.00").

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{
    ItemKind, LinkMode, LinkQuantity, OfferTerms, RequirementScope, SalesUnit, ServiceKind,
    ServiceUnit, StockStatus,
};
use crate::error::{CatalogSays, Value};
use crate::money::strict;
use crate::vocabulary::{BookingContext, ItemStatus};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct CatalogRecords {
    #[serde(default)]
    pub services: Vec<ServiceRecord>,
    #[serde(default)]
    pub add_ons: Vec<AddOnRecord>,
    #[serde(default)]
    pub products: Vec<ProductRecord>,
    /// Booking contexts and linked items of the products that state none of
    /// their own (imported products), by category and manufacturer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub category_rules: Vec<CategoryRuleRecord>,
}

/// A category rule: the booking contexts and linked items of every product
/// that has no contexts of its own and whose category (one of `categories`,
/// ignoring case) and manufacturer (if named) match. The most specific rule
/// wins: category and manufacturer, then category, then manufacturer, then the
/// default rule (no category, no manufacturer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct CategoryRuleRecord {
    /// Unique, ignoring case.
    pub name: String,
    /// Category names as suppliers write them ("Notebook", "Notebooks", "Laptop").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manufacturer: Option<String>,
    pub allowed_contexts: Vec<BookingContext>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<LinkRecord>,
}

impl CategoryRuleRecord {
    /// The default rule matches every product no other rule matches.
    pub fn is_default(&self) -> bool {
        self.categories.is_empty() && self.manufacturer.is_none()
    }

    /// How violations and messages name the rule.
    pub fn label(&self) -> String {
        rule_label(&self.name)
    }
}

/// "category rule Notebooks": the `item` of a violation on a rule.
pub fn rule_label(name: &str) -> String {
    format!("category rule {name}")
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct RequirementRecord {
    /// Code of the basic service.
    pub service: String,
    pub scope: RequirementScope,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct LinkRecord {
    /// Code of the linked service or product.
    pub item: String,
    pub mode: LinkMode,
    pub quantity: LinkQuantity,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct ProductRecord {
    pub code: String,
    pub name: String,
    pub category: String,
    pub manufacturer: String,
    pub manufacturer_part_number: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ean: Option<String>,
    #[serde(default)]
    pub description: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "strict::option"
    )]
    pub cost_price: Option<Decimal>,
    /// `None`: the product has no price yet (imported without one): it is
    /// listed and found, but never booked or offered until it has one.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "strict::option"
    )]
    pub list_price: Option<Decimal>,
    pub currency: String,
    #[serde(deserialize_with = "strict::deserialize")]
    pub tax_rate: Decimal,
    /// The unit it is sold and priced in, when not a piece.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sales_unit: Option<SalesUnit>,
    #[serde(default)]
    pub stock_status: StockStatus,
    #[serde(default = "custom_source")]
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_key: Option<String>,
    #[serde(default)]
    pub status: ItemStatus,
    pub allowed_contexts: Vec<BookingContext>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<RequirementRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<LinkRecord>,
    /// Codes of the items that take its place when it goes out of service
    /// (Managed365 2024 → Managed365 2026), first the one to suggest: active
    /// items of the same kind.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub successors: Vec<String>,
}

fn custom_source() -> String {
    "custom".to_owned()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct VariantRecord {
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "strict::option"
    )]
    pub setup_fee: Option<Decimal>,
    pub offers: OfferTerms,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct ServiceRecord {
    pub code: String,
    pub name: String,
    pub kind: ServiceKind,
    pub category: String,
    #[serde(default)]
    pub description: String,
    pub unit: ServiceUnit,
    pub currency: String,
    #[serde(deserialize_with = "strict::deserialize")]
    pub tax_rate: Decimal,
    #[serde(default)]
    pub status: ItemStatus,
    pub allowed_contexts: Vec<BookingContext>,
    pub variants: Vec<VariantRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub option_groups: Vec<OptionGroupRecord>,
    /// What the service delivers (ITIL 4): goods, access to resources, actions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<ComponentRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<RequirementRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<LinkRecord>,
    /// Codes of the items that take its place when it goes out of service
    /// (Managed365 2024 → Managed365 2026), first the one to suggest: active
    /// items of the same kind.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub successors: Vec<String>,
}

/// What one unit of a service delivers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ComponentRecord {
    /// A product handed over, so many per unit of the service.
    Goods {
        product: String,
        quantity_per_unit: u32,
    },
    /// Access to a resource the provider owns ("100 GB mailbox", "4 vCPU").
    Resource { description: String },
    /// Work the provider does ("patching", "24/7 monitoring").
    Action { description: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum OptionSelection {
    /// Pick one choice (or none, unless the group is required).
    Single,
    /// Pick any number of choices.
    Multiple,
}

/// A choice's extra charge per offer type; an absent delta is no extra charge.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct PriceDeltas {
    /// Added to the monthly rental price per unit.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "strict::option"
    )]
    pub rental_monthly: Option<Decimal>,
    /// Added to the one-time purchase price per unit.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "strict::option"
    )]
    pub purchase: Option<Decimal>,
    /// Added to the financed amount of a leasing per unit.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "strict::option"
    )]
    pub leasing_amount: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct OptionChoiceRecord {
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub price_deltas: PriceDeltas,
}

/// Choices with price deltas (Security: EDR; Support: 8x5 or 24x7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct OptionGroupRecord {
    pub code: String,
    pub name: String,
    pub selection: OptionSelection,
    /// A required single-choice group needs a choice in every booking.
    #[serde(default)]
    pub required: bool,
    /// Codes of the variants the group is offered with; empty means all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<String>,
    pub choices: Vec<OptionChoiceRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct AddOnRecord {
    pub code: String,
    pub name: String,
    pub category: String,
    #[serde(default)]
    pub description: String,
    #[serde(deserialize_with = "strict::deserialize")]
    pub one_time_price: Decimal,
    pub currency: String,
    #[serde(deserialize_with = "strict::deserialize")]
    pub tax_rate: Decimal,
    #[serde(default)]
    pub status: ItemStatus,
    /// Codes of the products and services the add-on can be ordered for.
    pub applies_to: Vec<String>,
}

/// One catalog item as the designer edits it and the file stores it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ItemRecord {
    Product(ProductRecord),
    Service(ServiceRecord),
    AddOn(AddOnRecord),
}

impl ItemRecord {
    pub fn kind(&self) -> ItemKind {
        match self {
            ItemRecord::Product(_) => ItemKind::Product,
            ItemRecord::Service(s) => s.kind.item_kind(),
            ItemRecord::AddOn(_) => ItemKind::AddOn,
        }
    }

    pub fn code(&self) -> &str {
        match self {
            ItemRecord::Product(p) => &p.code,
            ItemRecord::Service(s) => &s.code,
            ItemRecord::AddOn(a) => &a.code,
        }
    }

    pub fn name(&self) -> &str {
        match self {
            ItemRecord::Product(p) => &p.name,
            ItemRecord::Service(s) => &s.name,
            ItemRecord::AddOn(a) => &a.name,
        }
    }

    pub fn status(&self) -> ItemStatus {
        match self {
            ItemRecord::Product(p) => p.status,
            ItemRecord::Service(s) => s.status,
            ItemRecord::AddOn(a) => a.status,
        }
    }

    pub fn links(&self) -> &[LinkRecord] {
        match self {
            ItemRecord::Product(p) => &p.links,
            ItemRecord::Service(s) => &s.links,
            ItemRecord::AddOn(_) => &[],
        }
    }

    /// The codes of its successors (an add-on has none: it is ordered once,
    /// never held as an instance that goes out of service).
    pub fn successors(&self) -> &[String] {
        match self {
            ItemRecord::Product(p) => &p.successors,
            ItemRecord::Service(s) => &s.successors,
            ItemRecord::AddOn(_) => &[],
        }
    }
}

impl CatalogRecords {
    /// The item with this code, as a record.
    pub fn find(&self, code: &str) -> Option<ItemRecord> {
        self.services
            .iter()
            .find(|s| s.code == code)
            .map(|s| ItemRecord::Service(s.clone()))
            .or_else(|| {
                self.add_ons
                    .iter()
                    .find(|a| a.code == code)
                    .map(|a| ItemRecord::AddOn(a.clone()))
            })
            .or_else(|| {
                self.products
                    .iter()
                    .find(|p| p.code == code)
                    .map(|p| ItemRecord::Product(p.clone()))
            })
    }

    /// Removes the item with this code; true if there was one.
    pub fn remove(&mut self, code: &str) -> bool {
        let before = self.services.len() + self.add_ons.len() + self.products.len();
        self.services.retain(|s| s.code != code);
        self.add_ons.retain(|a| a.code != code);
        self.products.retain(|p| p.code != code);
        before != self.services.len() + self.add_ons.len() + self.products.len()
    }

    /// Puts a record in place of the item `replacing` (or adds it), keeping the
    /// order of the sections.
    pub fn put(&mut self, replacing: Option<&str>, record: ItemRecord) {
        if let Some(code) = replacing {
            self.remove(code);
        }
        match record {
            ItemRecord::Product(p) => self.products.push(p),
            ItemRecord::Service(s) => self.services.push(s),
            ItemRecord::AddOn(a) => self.add_ons.push(a),
        }
    }

    /// Points every reference to `old` at `new` (an item was given a new code).
    pub fn rename_references(&mut self, old: &str, new: &str) {
        let rename = |code: &mut String| {
            if code == old {
                *code = new.to_owned();
            }
        };
        for s in &mut self.services {
            s.requires.iter_mut().for_each(|r| rename(&mut r.service));
            s.links.iter_mut().for_each(|l| rename(&mut l.item));
            s.successors.iter_mut().for_each(rename);
            for component in &mut s.components {
                if let ComponentRecord::Goods { product, .. } = component {
                    rename(product);
                }
            }
        }
        for p in &mut self.products {
            p.requires.iter_mut().for_each(|r| rename(&mut r.service));
            p.links.iter_mut().for_each(|l| rename(&mut l.item));
            p.successors.iter_mut().for_each(rename);
        }
        for a in &mut self.add_ons {
            a.applies_to.iter_mut().for_each(rename);
        }
        for r in &mut self.category_rules {
            r.links.iter_mut().for_each(|l| rename(&mut l.item));
        }
    }

    /// The items (by code) and category rules that refer to `code`, each with
    /// the sentence of how, as a refused deletion says it.
    pub fn referrers(&self, code: &str) -> Vec<(Value, CatalogSays)> {
        let mut found = Vec::new();
        for s in &self.services {
            if s.requires.iter().any(|r| r.service == code) {
                found.push((Value::Text(s.code.clone()), CatalogSays::DeleteRequired));
            }
            if s.links.iter().any(|l| l.item == code) {
                found.push((Value::Text(s.code.clone()), CatalogSays::DeleteLinked));
            }
            if s.components
                .iter()
                .any(|c| matches!(c, ComponentRecord::Goods { product, .. } if product == code))
            {
                found.push((
                    Value::Text(s.code.clone()),
                    CatalogSays::DeleteDeliveredAsGoods,
                ));
            }
            if s.successors.iter().any(|x| x == code) {
                found.push((
                    Value::Text(s.code.clone()),
                    CatalogSays::DeleteNamedAsSuccessor,
                ));
            }
        }
        for p in &self.products {
            if p.requires.iter().any(|r| r.service == code) {
                found.push((Value::Text(p.code.clone()), CatalogSays::DeleteRequired));
            }
            if p.links.iter().any(|l| l.item == code) {
                found.push((Value::Text(p.code.clone()), CatalogSays::DeleteLinked));
            }
            if p.successors.iter().any(|x| x == code) {
                found.push((
                    Value::Text(p.code.clone()),
                    CatalogSays::DeleteNamedAsSuccessor,
                ));
            }
        }
        for a in &self.add_ons {
            if a.applies_to.iter().any(|t| t == code) {
                found.push((Value::Text(a.code.clone()), CatalogSays::DeleteAppliedTo));
            }
        }
        for r in &self.category_rules {
            if r.links.iter().any(|l| l.item == code) {
                found.push((Value::Rule(r.name.clone()), CatalogSays::DeleteLinked));
            }
        }
        found
    }

    /// Sorts every section by code: the canonical order of an exported file.
    pub fn sort(&mut self) {
        self.services.sort_by(|a, b| a.code.cmp(&b.code));
        self.add_ons.sort_by(|a, b| a.code.cmp(&b.code));
        self.products.sort_by(|a, b| a.code.cmp(&b.code));
        self.category_rules.sort_by_key(|r| rule_order(&r.name));
    }
}

/// Rules are listed by name, ignoring case (names are unique that way).
pub(crate) fn rule_order(name: &str) -> (String, String) {
    (name.to_ascii_lowercase(), name.to_owned())
}
