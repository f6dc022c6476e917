//! The portfolio file (`*.servicefolio.json`): a versioned JSON document that
//! holds a catalog. The demo portfolio in `assets/` is such a file; see
//! `docs/portfolio-format.md`.

mod export;
mod format;
mod import;
mod validate;

pub use export::export;
pub use format::{PortfolioFile, FORMAT_NAME, FORMAT_VERSION};
pub use import::{import, import_into, ImportSummary};
pub use validate::{validate, MAX_LISTED_VIOLATIONS};
