//! The portfolio file (`*.servicefolio.json`): a versioned JSON document that
//! holds a catalog. The demo portfolio in `assets/` is such a file; see
//! `docs/portfolio-format.md`.

mod format;
mod import;
mod validate;

pub use format::{
    AddOnRecord, CatalogRecords, LinkRecord, PortfolioFile, ProductRecord, RequirementRecord,
    ServiceRecord, VariantRecord, FORMAT_NAME, FORMAT_VERSION,
};
pub use import::import_into;
pub use validate::validate;
