//! Master data (issue 6, the import and search half; docs/master-data-import.md):
//! supplier feeds imported into the catalog in one transaction, products matched
//! across sources into one product with several supplier offers, an import
//! report that is saved and mapping profiles saved by name. The product search
//! they feed is the catalog's (`catalog::search_products`).

mod import;
mod key_filter;
mod offers;
mod past_imports;
mod profiles;
mod report;
pub(crate) mod store;

pub use import::{
    derive_code, import_feed, import_reader, preview_file, ImportOptions, ImportProgress,
    DEFAULT_TAX_RATE, KEPT_DISCONTINUED, KEPT_PROBLEMS,
};
pub use offers::{pin_preferred_offer, product_offers, SupplierOffer};
pub use past_imports::{import_report, import_reports};
pub use profiles::{
    delete_mapping_profile, mapping_profile, mapping_profiles, save_mapping_profile,
};
pub use report::{
    Discontinuation, DiscontinuedOffer, ImportReport, ImportRunSummary, PriceConversionSummary,
    Removal,
};
