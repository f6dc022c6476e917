//! The provider side: products, services with variants and offer terms, basic
//! services, linked items and add-ons (DESIGN.md §1), and the ranked search of
//! its products (`search`) the catalog list and the product search both use.

mod check;
mod designer;
mod graph;
mod model;
mod pick;
mod query;
mod record;
mod rules;
mod search;
pub(crate) mod store;
mod terms;
mod view;
mod warnings;
mod write;

pub(crate) use check::{check_catalog, check_successor_status, Located, Section};
pub use designer::{
    check_draft, code_exists, delete_item, item_record, save_item, undo, EditHistory, ItemDraft,
    Undone, UndoneEdit,
};
pub use graph::{catalog_graph, CatalogGraph, EdgeKind, GraphEdge, GraphNode};
pub use model::{
    ItemKind, LinkMode, LinkQuantity, RequirementScope, SalesUnit, ServiceKind, ServiceUnit,
    StockStatus,
};
pub use pick::{
    effective_contexts, fits_into, items_by_codes, pick_items, pick_page, PickFit, PickQuery,
    PickedItem, MAX_PICK,
};
pub use query::{
    item_detail, list_items, CatalogQuery, ListCursor, FULL_TEXT_FROM, LISTED_MATCHES,
};
pub(crate) use record::rule_order;
pub use record::{
    rule_label, AddOnRecord, CatalogRecords, CategoryRuleRecord, ComponentRecord, ItemRecord,
    LinkRecord, OptionChoiceRecord, OptionGroupRecord, OptionSelection, PriceDeltas, ProductRecord,
    RequirementRecord, ServiceRecord, VariantRecord,
};
pub(crate) use rules::{assign_all, assign_products, RuleMatcher, StoredRules};
pub use rules::{
    bookable_item, category_rule, category_rules, check_rule, delete_category_rule,
    save_category_rule, CategoryRule, RuleApplied, RuleDraft, RuleRef,
};
pub use search::{fts_query, ranked_products, search_products, ProductHit, ProductSearch, RANKED};
pub(crate) use store::items::active_successors;
pub use store::items::{read_catalog, read_item, Successor};
pub use terms::{LeasingTerms, OfferTerms, PurchaseTerms, RentalTerms};
pub use view::{
    AddOnDetail, CatalogItemDetail, CatalogItemSummary, ComponentView, ItemBody, ItemRef, LinkView,
    Price, PricePeriod, ProductDetail, RequirementView, ServiceDetail,
};
pub use warnings::{DraftCheck, LinkWarning, LinkWarningKind};
pub(crate) use write::write_records;
