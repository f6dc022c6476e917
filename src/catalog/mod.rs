//! The provider side: products, services with variants and offer terms, basic
//! services, linked items and add-ons (DESIGN.md §1).

mod model;
mod query;
mod terms;
mod view;

pub use model::{
    BookingContext, ItemKind, ItemStatus, LinkMode, LinkQuantity, RequirementScope, ServiceKind,
    ServiceUnit, StockStatus,
};
pub use query::{item_detail, list_items, CatalogQuery};
pub use terms::{LeasingTerms, OfferTerms, PurchaseTerms, RentalTerms};
pub use view::{
    AddOnDetail, CatalogItemDetail, CatalogItemSummary, ItemBody, ItemRef, LinkView, Price,
    PricePeriod, ProductDetail, RequirementView, ServiceDetail, VariantView,
};
