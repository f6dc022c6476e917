//! What the catalog browser shows: one summary per item for the list, and the
//! whole item with its relations for the detail pane.

use rust_decimal::Decimal;
use serde::Serialize;

use super::{
    ItemKind, LinkMode, LinkQuantity, OptionGroupRecord, RequirementScope, SalesUnit, ServiceUnit,
    StockStatus, VariantRecord,
};
use crate::vocabulary::{BookingContext, ItemStatus};

/// Whether a price is paid once or every month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum PricePeriod {
    OneTime,
    Monthly,
}

/// The price to show next to an item in a list: a product's list price, an
/// add-on's one-time price, a service's lowest monthly (else one-time) price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct Price {
    pub amount: Decimal,
    pub currency: String,
    pub period: PricePeriod,
    /// True when other variants cost more ("from 12.00 / month").
    pub from: bool,
}

/// One line of the catalog list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct CatalogItemSummary {
    pub id: i64,
    pub kind: ItemKind,
    pub code: String,
    pub name: String,
    pub category: String,
    pub status: ItemStatus,
    pub manufacturer: Option<String>,
    pub part_number: Option<String>,
    pub ean: Option<String>,
    pub price: Option<Price>,
}

/// A reference to another catalog item, enough to show and open it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ItemRef {
    pub id: i64,
    pub kind: ItemKind,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct RequirementView {
    pub item: ItemRef,
    pub scope: RequirementScope,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct LinkView {
    pub item: ItemRef,
    pub mode: LinkMode,
    pub quantity: LinkQuantity,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ProductDetail {
    pub manufacturer: String,
    pub manufacturer_part_number: String,
    pub ean: Option<String>,
    pub cost_price: Option<Decimal>,
    /// `None`: no price yet (imported without one); it cannot be booked or offered.
    pub list_price: Option<Decimal>,
    /// The unit prices are per, when the product is not sold by the piece.
    pub sales_unit: Option<SalesUnit>,
    /// Internal only: list price − cost price, and that in percent of the list
    /// price (rounded to one decimal); never shown to customers.
    pub margin: Option<Decimal>,
    pub margin_percent: Option<Decimal>,
    pub currency: String,
    pub tax_rate: Decimal,
    pub stock_status: StockStatus,
    pub source: String,
    pub source_key: Option<String>,
}

/// What one unit of a service delivers, with goods resolved to their product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ComponentView {
    Goods {
        product: ItemRef,
        quantity_per_unit: u32,
    },
    Resource {
        description: String,
    },
    Action {
        description: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ServiceDetail {
    pub unit: ServiceUnit,
    pub currency: String,
    pub tax_rate: Decimal,
    pub variants: Vec<VariantRecord>,
    pub option_groups: Vec<OptionGroupRecord>,
    pub components: Vec<ComponentView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct AddOnDetail {
    pub one_time_price: Decimal,
    pub currency: String,
    pub tax_rate: Decimal,
    pub applies_to: Vec<ItemRef>,
}

/// What only one kind of item has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ItemBody {
    Product(ProductDetail),
    Service(ServiceDetail),
    AddOn(AddOnDetail),
}

/// An item with everything around it in the service model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct CatalogItemDetail {
    pub summary: CatalogItemSummary,
    pub description: String,
    /// Where the item may be booked: its own contexts, or those of the category
    /// rule that governs it (`governing_rule`).
    pub allowed_contexts: Vec<BookingContext>,
    /// For a product without contexts of its own: the category rule whose
    /// contexts and links it has. None for a product with contexts of its own,
    /// and for one that no rule matches (it cannot be booked yet).
    pub governing_rule: Option<super::RuleRef>,
    pub body: ItemBody,
    /// Basic services this item needs.
    pub requires: Vec<RequirementView>,
    /// Items that need this basic service.
    pub required_by: Vec<RequirementView>,
    /// Items booked with (mandatory) or offered with (optional) this one (for a
    /// product governed by a rule: the rule's).
    pub links: Vec<LinkView>,
    /// Items this one is linked to as a child.
    pub linked_from: Vec<LinkView>,
    /// Category rules that link this item to the products they govern.
    pub linked_from_rules: Vec<super::RuleRef>,
    /// Add-ons that can be ordered for an instance of this item.
    pub add_ons: Vec<ItemRef>,
    /// The items that take this one's place when it goes out of service, in
    /// the order they are suggested.
    pub successors: Vec<ItemRef>,
    /// The items this one takes the place of (they name it as successor).
    pub succeeds: Vec<ItemRef>,
}
